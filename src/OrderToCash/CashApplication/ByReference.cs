namespace OrderToCash.CashApplication;

/// <summary>How the recognised payer relates to the customer the references point at.</summary>
internal enum PayerRelation { Agrees, Unknown, Contradicts }

/// <summary>Proposals from references found in the remittance (step 4 of <see cref="Matcher"/>).</summary>
/// <remarks>
/// The references are grouped by customer. The payer's own group wins; otherwise a single customer with a
/// strong reference (number, digits, PO); with several such customers only suggestions are made. References
/// that only match the end of a number count when exactly one customer's invoices then fit the amount.
/// </remarks>
internal static class ByReference
{
    public static MatchResult? Propose(MatchContext c, List<ReferenceHit> hits)
    {
        var groups = hits.Where(h => c.Index.ItemCustomer[h.Item] >= 0)
            .GroupBy(h => c.Index.ItemCustomer[h.Item]).ToDictionary(g => g.Key, g => g.ToList());
        var payer = c.Payer;
        if (payer.IsKnown && groups.TryGetValue(payer.Customer, out var mine))
            return Single(c, payer.Customer, mine, PayerRelation.Agrees);

        var strong = groups.Where(g => g.Value.Exists(h => h.Kind != ReferenceKind.Tail)).Select(g => g.Key).ToList();
        if (strong.Count > 1)
        {
            // A full number outranks digits or a PO number that happen to match another customer's document.
            var best = strong.Min(k => groups[k].Min(h => h.Kind));
            var top = strong.Where(k => groups[k].Min(h => h.Kind) == best).ToList();
            if (top.Count == 1 && best == ReferenceKind.Exact) strong = top;
        }
        if (strong.Count > 1 && payer.Candidates.Length > 0)
            strong = strong.Where(payer.Candidates.Contains).ToList() is { Count: > 0 } named ? named : strong;
        if (strong.Count == 1) return Single(c, strong[0], groups[strong[0]], Relation(payer, strong[0]));
        if (strong.Count > 1)
        {
            c.Bounds.Add($"references point at invoices of {strong.Count} customers");
            var proposals = strong.Take(5)
                .Select(k => Build(c, groups[k], PayerRelation.Unknown))
                .Where(p => p is not null).Select(p => p! with { Confidence = Math.Min(p.Confidence,
                    Confidence.Ambiguous) })
                .ToList();
            return Matcher.Result(c, -1, CustomerEvidence.None, "", proposals,
                $"references fit invoices of {strong.Count} customers");
        }

        // Only weak (tail) references: they count when exactly one customer's invoices fit the amount.
        var fitting = new List<(int Customer, Proposal Proposal)>();
        foreach (var (customer, group) in groups)
        {
            var p = Build(c, group, Relation(payer, customer));
            if (p is not null && p.Confidence >= Confidence.Of(ReferenceKind.Tail) * Confidence.PayerUnknown
                    * Confidence.Of(FitKind.Subset)) fitting.Add((customer, p));
        }
        if (fitting.Count != 1) return null;
        return Matcher.Result(c, fitting[0].Customer, CustomerEvidence.Reference, "reference", [fitting[0].Proposal]);
    }

    private static PayerRelation Relation(PayerMatch payer, int customer) =>
        payer.Candidates.Contains(customer) ? PayerRelation.Agrees
        : payer.IsProof ? PayerRelation.Contradicts : PayerRelation.Unknown;

    private static MatchResult Single(MatchContext c, int customer, List<ReferenceHit> hits, PayerRelation relation)
    {
        var proposal = Build(c, hits, relation);
        var how = relation == PayerRelation.Agrees && c.Payer.IsKnown ? c.Payer.How : CustomerEvidence.Reference;
        var detail = relation == PayerRelation.Agrees && c.Payer.IsKnown ? c.Payer.Detail : "reference";
        return Matcher.Result(c, customer, how, detail, proposal is null ? [] : [proposal],
            "no exchange rate for the receipt's currency");
    }

    /// <summary>The proposal for one customer's referenced invoices, or null without an exchange rate.</summary>
    internal static Proposal? Build(MatchContext c, List<ReferenceHit> hits, PayerRelation relation)
    {
        var strong = hits.Where(h => h.Kind != ReferenceKind.Tail).ToList();
        var primary = strong.Count > 0 ? strong : hits;
        var fit = FitFor(c, primary, out var used);
        if (fit is null) return null;
        if (fit.Kind is not (FitKind.Equal or FitKind.Discount) && strong.Count > 0 && strong.Count < hits.Count)
        {
            var wider = FitFor(c, hits, out var usedWider);
            if (wider is { Kind: FitKind.Equal or FitKind.Discount or FitKind.Subset })
            {
                fit = wider;
                used = usedWider;
            }
        }
        var applied = fit.Allocations.Select(a => a.OpenItemId).ToHashSet();
        var counted = used.Where(h => applied.Contains(c.Index.Items[h.Item].Id)).ToList();
        if (counted.Count == 0) counted = used;
        var weakest = counted.Max(h => h.Kind);
        var referenceFactor = weakest == ReferenceKind.Tail && counted.All(IsLongTail)
            ? Confidence.LongTail : Confidence.Of(weakest);
        var factor = relation switch
        {
            PayerRelation.Agrees => Confidence.PayerAgrees,
            PayerRelation.Unknown => Confidence.PayerUnknown,
            _ => Confidence.PayerContradicts,
        };
        var confidence = referenceFactor * factor * Confidence.Of(fit.Kind)
                         * (fit.Fx is null ? 1m : Confidence.ForeignCurrency);
        // An "instalment" of a few per cent of the invoice is more likely a payment for something else.
        var open = used.Sum(h => Math.Max(0, c.Index.Items[h.Item].OpenAmount.Minor));
        var paid = fit.Allocations.Sum(a => a.Applied.Minor);
        if (fit.Kind == FitKind.Partial && paid * 5 < open) confidence *= Confidence.SmallPartial;
        var reason = string.Join("; ", new[] { Describe(c, counted), fit.Text, PayerText(c, relation) }
            .Where(s => s.Length > 0));
        var customerId = c.Index.Items[used[0].Item].CustomerId;
        return new Proposal(customerId, fit.Allocations, fit.Remainder, fit.RemainderKind, Confidence.Round(confidence),
            reason, fit.Fx) { IsAmountExact = fit.Kind is FitKind.Equal or FitKind.Discount or FitKind.Subset };
    }

    // Five digits or more of the end of a number are rarely a coincidence.
    private static bool IsLongTail(ReferenceHit hit) =>
        hit.Kind != ReferenceKind.Tail || hit.Text.Count(char.IsAsciiDigit) >= 5;

    private static Fit? FitFor(MatchContext c, List<ReferenceHit> hits, out List<ReferenceHit> used)
    {
        var receiptCurrency = c.Receipt.Amount.Currency;
        var inReceiptCurrency = hits.Where(h => c.Index.Items[h.Item].OpenAmount.Currency == receiptCurrency).ToList();
        used = inReceiptCurrency.Count > 0 ? inReceiptCurrency
            : hits.GroupBy(h => c.Index.Items[h.Item].OpenAmount.Currency)
                .OrderByDescending(g => g.Count()).First().ToList();
        var all = used.Select(h => c.Index.Items[h.Item]).Where(i => !i.OpenAmount.IsZero)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal).ToList();
        var items = all.Where(i => i.OpenAmount.IsPositive).ToList();
        if (items.Count == 0) return null;
        var target = AmountFit.TargetIn(c.Receipt, items[0].OpenAmount.Currency, c.Settings);
        if (target is null)
        {
            c.Bounds.Add($"no exchange rate {receiptCurrency}->{items[0].OpenAmount.Currency}");
            return null;
        }
        // Credit notes named in the remittance are netted when invoices and credits together equal the payment.
        if (all.Count > items.Count)
        {
            var netted = AmountFit.Of(all, c.Receipt, target.Value, c.Settings, c.PaidDate, []);
            if (netted.Kind is FitKind.Equal or FitKind.Discount) return netted;
        }
        return AmountFit.Of(items, c.Receipt, target.Value, c.Settings, c.PaidDate, c.Bounds);
    }

    private static string Describe(MatchContext c, List<ReferenceHit> hits)
    {
        var items = hits.Select(h => (Hit: h, Item: c.Index.Items[h.Item])).OrderBy(x => x.Item.DueDate).ToList();
        if (items.Count == 1)
            return ReferenceMatching.Describe(items[0].Hit.Kind, items[0].Hit.Text, items[0].Item.InvoiceNumber,
                items[0].Item.PoNumber);
        var numbers = string.Join(", ", items.Take(5).Select(x => x.Item.InvoiceNumber));
        var more = items.Count > 5 ? $" and {items.Count - 5} more" : "";
        var how = items.Max(x => x.Hit.Kind) switch
        {
            ReferenceKind.Exact => "in remittance",
            ReferenceKind.PurchaseOrder => "found via PO numbers in remittance",
            _ => "recognised in remittance (prefixes, zeros or separators differ)",
        };
        return $"invoice numbers {numbers}{more} {how}";
    }

    private static string PayerText(MatchContext c, PayerRelation relation) => relation switch
    {
        PayerRelation.Agrees when c.Payer.IsKnown => c.Payer.Detail + " agrees",
        PayerRelation.Contradicts => $"but {c.Payer.Detail} is another customer",
        _ => "",
    };
}
