namespace OrderToCash.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>Proposals from a remittance advice linked to the receipt (step 3a of <see cref="Matcher"/>).</summary>
/// <remarks>
/// The advice names each invoice with the amount paid, the discount taken and any other deduction with the payer's
/// reason. When every named invoice is found, by its full number or its digits, among the open items of one customer
/// of the receipt's entity, the applications follow the advice line by line: paid amounts applied, a discount the
/// terms allow granted, anything else the payer held back opened as a deduction with its reason code. The advised
/// amounts must not exceed the receipt; what the advice does not explain stays on account. Otherwise (an invoice not
/// found, two customers, amounts that do not add up) the advice is left to the ordinary steps, its numbers read as
/// remittance text.
/// </remarks>
internal static class ByAdvice
{
    public static MatchResult? Propose(MatchContext c)
    {
        if (c.Receipt.Advice is not { Invoices.Count: > 0 } advice) return null;
        var currency = c.Receipt.Amount.Currency;
        var zero = Money.Zero(currency);
        var allocations = new List<Allocation>(advice.Invoices.Count);
        var customer = -1;
        var notes = new List<string>();
        foreach (var line in advice.Invoices)
        {
            var item = Find(c, line.InvoiceNumber);
            if (item < 0) return null;
            var view = c.Index.Items[item];
            if (view.OpenAmount.Currency != currency || !view.OpenAmount.IsPositive) return null;
            var owner = c.Index.ItemCustomer[item];
            if (customer >= 0 && owner != customer) return null;
            customer = owner;
            if (allocations.Exists(a => a.OpenItemId == view.Id)) return null;
            allocations.Add(Allocate(c, view, line, zero, notes));
        }
        var applied = allocations.Sum(a => a.Applied.Minor);
        if (applied > c.Receipt.Amount.Minor || applied <= 0) return null;
        var remainder = new Money(c.Receipt.Amount.Minor - applied, currency);
        var relation = c.Payer.IsKnown ? c.Payer.Customer == customer ? PayerRelation.Agrees : c.Payer.IsProof
            ? PayerRelation.Contradicts : PayerRelation.Unknown : PayerRelation.Unknown;
        var confidence = relation switch
        {
            PayerRelation.Agrees => Confidence.PayerAgrees,
            PayerRelation.Unknown => Confidence.PayerUnknown,
            _ => Confidence.PayerContradicts,
        } * (remainder.IsZero ? 1m : Confidence.Of(FitKind.Over));
        var numbers = string.Join(", ", allocations.Take(5).Select(a => a.InvoiceNumber))
                      + (allocations.Count > 5 ? $" and {allocations.Count - 5} more" : "");
        var parts = new List<string> { $"remittance advice {advice.Source}: {numbers} as advised" };
        parts.AddRange(notes);
        if (!remainder.IsZero) parts.Add($"{OrderToCash.Money.Amounts.Format(remainder.Minor, currency)} not " +
                                         "explained by the advice, on account");
        if (relation == PayerRelation.Agrees) parts.Add(c.Payer.Detail + " agrees");
        if (relation == PayerRelation.Contradicts) parts.Add($"but {c.Payer.Detail} is another customer");
        var reason = string.Join("; ", parts);
        var proposal = new Proposal(c.Index.Customers[customer].Id, allocations, remainder,
            remainder.IsZero ? RemainderKind.None : RemainderKind.OnAccount, Confidence.Round(confidence), reason,
            null) { IsAmountExact = remainder.IsZero };
        return Matcher.Result(c, customer, CustomerEvidence.Reference, "remittance advice", [proposal]);
    }

    // The invoice named by the advice, in the receipt's entity: its full number, else its digits; one item only.
    private static int Find(MatchContext c, string number)
    {
        var probe = c.Receipt with
        {
            RemittanceText = number, StructuredReferences = [], EndToEndId = "", Advice = null,
        };
        var hits = ReferenceMatching.Find(probe, c.Index, c.Settings, [])
            .Where(h => h.Kind <= ReferenceKind.Digits
                        && c.Index.Items[h.Item].LegalEntityId == c.Receipt.LegalEntityId).ToList();
        var best = hits.Count == 0 ? null : hits.Where(h => h.Kind == hits.Min(x => x.Kind)).ToList();
        return best is { Count: 1 } ? best[0].Item : -1;
    }

    // Cash for the invoice is the amount paid plus the advice's adjustment (an X12 ADX of -24.50 is 24.50 held back).
    private static Allocation Allocate(MatchContext c, OpenItemView item, AdvisedInvoice line, Money zero,
        List<string> notes)
    {
        var open = item.OpenAmount.Minor;
        var cash = Math.Max(0, line.PaidMinor + line.AdjustmentMinor);
        var paid = Math.Min(cash, open);
        if (cash > open)
            notes.Add($"{item.InvoiceNumber}: advised {Format(cash, zero)} but only {Format(open, zero)} open");
        var gap = open - paid;
        // The discount the terms allow on the payment date (a customer's rounding of one minor unit accepted).
        var allowed = item.DiscountOn(c.PaidDate, c.Settings.DiscountGraceDays).Minor;
        var earned = line.DiscountMinor > 0 && line.DiscountMinor <= allowed + 1;
        var discount = earned ? Math.Min(line.DiscountMinor, gap) : 0;
        gap -= discount;
        var unearned = line.DiscountMinor > 0 && !earned ? line.DiscountMinor : 0;
        var held = Math.Min(gap, Math.Max(0, -line.AdjustmentMinor) + unearned);
        if (unearned > 0) notes.Add($"{item.InvoiceNumber}: discount {Format(unearned, zero)} not within terms");
        if (held <= 0)
            return new Allocation(item.Id, item.InvoiceNumber, new Money(paid, zero.Currency),
                new Money(discount, zero.Currency), zero, AdjustmentKind.None, "");
        var code = line.AdjustmentMinor < 0 ? ReasonCode(line.AdjustmentReason) : "UNEARNED_DISCOUNT";
        notes.Add($"{item.InvoiceNumber}: {Format(held, zero)} held back, deduction {code}");
        return new Allocation(item.Id, item.InvoiceNumber, new Money(paid, zero.Currency),
            new Money(discount, zero.Currency), new Money(held, zero.Currency), AdjustmentKind.Deduction, code);
    }

    // The payer's reason as a code: X12 adjustment reason codes (01 pricing, 11 returns ...) are kept as ADX_01;
    // free text becomes SHORT_PAY.
    private static string ReasonCode(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return "SHORT_PAY";
        if (reason.Trim().All(char.IsAsciiLetterOrDigit) && reason.Trim().Length <= 3)
            return "ADX_" + reason.Trim().ToUpperInvariant();
        var code = new string(reason.Trim().ToUpperInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_')
            .ToArray());
        return code.Length <= 20 ? code : "SHORT_PAY";
    }

    private static string Format(long minor, Money zero) => OrderToCash.Money.Amounts.Format(minor, zero.Currency);
}
