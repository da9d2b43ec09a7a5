namespace OrderToCash.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>
/// What open-source ERPs do out of the box, as a yardstick: apply only when the remittance carries invoice
/// numbers exactly as issued and the amount equals their open amounts. Everything else goes to a person.
/// </summary>
public static class BaselineMatcher
{
    private static readonly char[] Separators = [' ', '\t', '\r', '\n', ',', ';', ':', '(', ')', '|'];

    public static MatchResult Propose(Receipt receipt, OpenItemIndex index)
    {
        if (!receipt.Amount.IsPositive)
            return new MatchResult(receipt.Id, MatchStatus.Ignored, null, [], 0m, "debit or bank fee", []);
        var found = new List<OpenItemView>();
        var text = Remittance.Text(receipt);
        foreach (var word in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var i in index.FindReference('A', ReferenceKeys.Alnum(word)))
            {
                var item = index.Items[i];
                if (item.LegalEntityId == receipt.LegalEntityId && item.InvoiceNumber == word && !found.Contains(item))
                    found.Add(item);
            }
        }
        var unidentified = new MatchResult(receipt.Id, MatchStatus.Unidentified, null, [], 0m,
            "no exact invoice number", []);
        if (found.Count == 0 || found.Select(i => i.CustomerId).Distinct().Count() > 1) return unidentified;
        if (found.Any(i => i.OpenAmount.Currency != receipt.Amount.Currency)) return unidentified;
        var zero = Money.Zero(receipt.Amount.Currency);
        var open = found.Aggregate(zero, (s, i) => s + i.OpenAmount);
        var customer = new CustomerMatch(found[0].CustomerId, CustomerEvidence.Reference, "invoice number");
        if (open != receipt.Amount)
            return new MatchResult(receipt.Id, MatchStatus.Unapplied, customer, [], 0m, "amount differs", []);
        var allocations = found.Select(i => new Allocation(i.Id, i.InvoiceNumber, i.OpenAmount, zero, zero,
            AdjustmentKind.None, "")).ToList();
        const string reason = "invoice number in remittance; amount equal";
        var proposal = new Proposal(found[0].CustomerId, allocations, zero, RemainderKind.None, 1m, reason, null);
        return new MatchResult(receipt.Id, MatchStatus.AutoApply, customer, [proposal], 1m, reason, []);
    }
}
