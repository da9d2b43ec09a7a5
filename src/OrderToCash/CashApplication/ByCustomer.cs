namespace OrderToCash.CashApplication;

/// <summary>Proposals for a known customer without usable references (step 5 of <see cref="Matcher"/>).</summary>
/// <remarks>
/// First a number one digit off one of the customer's invoices whose amount the payment equals (a typo,
/// confirmed by amount and payer); then an exact subset-sum search over the customer's open items, oldest due
/// first and at most <see cref="MatchSettings.MaxCandidatesPerCustomer"/> of them. One solution is a proposal;
/// two or more are suggestions; none leaves the cash unapplied on the customer.
/// </remarks>
internal static class ByCustomer
{
    public static MatchResult Propose(MatchContext c)
    {
        var customer = c.Payer.Customer;
        var open = new List<OpenItemView>();
        foreach (var i in c.Index.ItemsOf(customer))
        {
            var item = c.Index.Items[i];
            if (item.LegalEntityId == c.Receipt.LegalEntityId && item.OpenAmount.IsPositive) open.Add(item);
        }
        var payer = c.Index.Customers[customer];
        if (open.Count == 0)
        {
            var reason = $"{c.Payer.Detail}: customer {payer.Id} has nothing open; payment on account";
            var match = new CustomerMatch(payer.Id, c.Payer.How, c.Payer.Detail);
            return new MatchResult(c.Receipt.Id, MatchStatus.OnAccount, match, [], 0m, reason, c.Bounds);
        }
        var currency = c.Receipt.Amount.Currency;
        var items = open.Where(i => i.OpenAmount.Currency == currency).ToList();
        if (items.Count == 0)
            items = open.GroupBy(i => i.OpenAmount.Currency).OrderByDescending(g => g.Count()).First().ToList();
        if (items.Count > c.Settings.MaxCandidatesPerCustomer)
        {
            c.Bounds.Add($"customer {payer.Id} has {items.Count} open items; the oldest " +
                         $"{c.Settings.MaxCandidatesPerCustomer} searched");
            items = items.Take(c.Settings.MaxCandidatesPerCustomer).ToList();
        }
        var unapplied = $"{c.Payer.Detail}: no open items of customer {payer.Id} fit the amount";
        var target = AmountFit.TargetIn(c.Receipt, items[0].OpenAmount.Currency, c.Settings);
        if (target is null)
            return Matcher.Result(c, customer, c.Payer.How, c.Payer.Detail, [],
                $"{c.Payer.Detail}; no exchange rate {currency}->{items[0].OpenAmount.Currency}");
        var proposals = Typo(c, items, target.Value) ?? Subsets(c, items, target.Value);
        return Matcher.Result(c, customer, c.Payer.How, c.Payer.Detail, proposals, unapplied);
    }

    private static List<Proposal>? Typo(MatchContext c, List<OpenItemView> items, Target target)
    {
        var typos = ReferenceMatching.TypoCandidates(c.Receipt);
        if (typos.Count == 0) return null;
        var found = new List<(OpenItemView Item, string Text)>();
        foreach (var item in items)
        {
            var typo = typos.FirstOrDefault(t => ReferenceMatching.IsOneEditOf(t.Digits, item));
            if (typo.Digits is null) continue;
            var fit = AmountFit.Of([item], c.Receipt, target, c.Settings, c.PaidDate, []);
            if (fit.Kind is FitKind.Equal or FitKind.Discount) found.Add((item, typo.Text));
        }
        if (found.Count != 1) return null;
        var (hit, text) = found[0];
        var best = AmountFit.Of([hit], c.Receipt, target, c.Settings, c.PaidDate, c.Bounds);
        var confidence = Confidence.Of(ReferenceKind.OneEdit) * Confidence.Of(best.Kind)
                         * (best.Fx is null ? 1m : Confidence.ForeignCurrency);
        var reason = $"{ReferenceMatching.Describe(ReferenceKind.OneEdit, text, hit.InvoiceNumber, hit.PoNumber)}; " +
                     $"{best.Text}; {c.Payer.Detail} agrees";
        return [new Proposal(hit.CustomerId, best.Allocations, best.Remainder, best.RemainderKind,
            Confidence.Round(confidence), reason, best.Fx) { IsOneDigitOff = true }];
    }

    private static List<Proposal> Subsets(MatchContext c, List<OpenItemView> items, Target target)
    {
        var discounts = items.Select(i => i.DiscountOn(c.PaidDate, c.Settings.DiscountGraceDays)).ToArray();
        var search = SubsetSearch.FindSmallest(items.Select(i => i.OpenAmount.Minor).ToArray(),
            discounts.Select((d, k) => d.IsPositive ? items[k].OpenAmount.Minor - d.Minor : -1).ToArray(),
            target.Minor, target.ToleranceMinor, c.Settings.MaxSubsetSize, c.Settings.MaxSearchNodes);
        if (search.HitNodeLimit)
            c.Bounds.Add($"subset search over {items.Count} open items stopped after {c.Settings.MaxSearchNodes} " +
                         "steps; combinations beyond it not tried");
        var proposals = new List<Proposal>();
        var ambiguous = search.Solutions.Count > 1 || search.HitNodeLimit || search.LargerAlsoFits;
        foreach (var solution in search.Solutions)
        {
            var chosen = solution.Items.Select(k => items[k]).ToList();
            var fit = AmountFit.Of(chosen, c.Receipt, target, c.Settings, c.PaidDate, []);
            var size = chosen.Count == 1 ? Confidence.SingleItem : Confidence.SeveralItems;
            var mean = items.Sum(i => i.OpenAmount.Minor) / items.Count;
            var confidence = Confidence.Of(c.Payer.How) * size * Confidence.Of(fit.Kind)
                             * Confidence.Coincidence(items.Count, chosen.Count, mean);
            // Without a reference a foreign-currency amount within the rate tolerance is too loose to decide.
            if (fit.Fx is not null) confidence = Math.Min(confidence, Confidence.ForeignCurrencyWithoutReference);
            if (ambiguous) confidence = Math.Min(confidence, Confidence.Ambiguous);
            var numbers = string.Join(", ", chosen.Take(5).Select(i => i.InvoiceNumber)) +
                          (chosen.Count > 5 ? $" and {chosen.Count - 5} more" : "");
            var what = chosen.Count == 1 ? $"amount equals open invoice {numbers}"
                : $"amount equals the sum of {chosen.Count} open invoices {numbers}";
            var extra = fit.Kind == FitKind.Discount ? "; " + fit.Text : "";
            var doubt = search.Solutions.Count > 1 ? "; other combinations of as many invoices fit too"
                : search.LargerAlsoFits ? "; a combination of one more invoice fits too"
                : search.HitNodeLimit ? "; search stopped at its limit" : "";
            proposals.Add(new Proposal(c.Index.Customers[c.Payer.Customer].Id, fit.Allocations, fit.Remainder,
                fit.RemainderKind, Confidence.Round(confidence),
                    $"no reference; {c.Payer.Detail}; {what}{extra}{doubt}",
                fit.Fx));
        }
        return proposals;
    }
}
