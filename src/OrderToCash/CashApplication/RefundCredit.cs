using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

/// <summary>Refunds unapplied cash to the customer: Dr unapplied cash / Cr refunds payable (paid out later).</summary>
public sealed class RefundCredit(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<PostingOutcome> ExecuteAsync(Guid entryId, Guid receiptItemId, long amountMinor, DateOnly date,
        string reason, CancellationToken ct = default)
    {
        var receipt = await db.OpenItems.FirstOrDefaultAsync(o => o.Id == receiptItemId, ct);
        if (receipt is null || receipt.Kind != OpenItemKind.Receipt)
            return PostingOutcome.Refused(LedgerError.UnknownOpenItem, $"no receipt {receiptItemId}");
        if (amountMinor <= 0) return PostingOutcome.Refused(LedgerError.InvalidAmount, "a refund is positive");
        var journal = new Journal(db, clock, actor);
        var payable = await journal.AccountAsync(receipt.LegalEntityId, AccountRole.RefundsPayable, ct);
        var amount = new Money.Money(amountMinor, Money.Currency.Of(receipt.Currency));
        var (entry, error, detail) = await journal.PostAsync(entryId, receipt.LegalEntityId, date, "refund",
            $"Refund of {receipt.Number}: {reason}",
            [new(receipt.AccountId, amount, receipt.CustomerId, receipt.Id),
                new(payable.Id, -amount, receipt.CustomerId)],
            receipt.Number, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return PostingOutcome.Refused(error!.Value, detail); }
        await db.SaveChangesAsync(ct);
        return PostingOutcome.Posted(entry.Id);
    }
}
