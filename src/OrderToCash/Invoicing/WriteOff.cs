using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.Invoicing;

public sealed record WriteOffRequest(Guid EntryId, Guid OpenItemId, Money.Money Amount, DateOnly Date, string Reason,
    bool IsBadDebt = false);

/// <summary>Writes off part or all of an invoice's open amount: Dr write-off (or bad-debt expense) / Cr AR.</summary>
public sealed class WriteOff(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<PostingOutcome> ExecuteAsync(WriteOffRequest r, CancellationToken ct = default)
    {
        var item = await db.OpenItems.FirstOrDefaultAsync(o => o.Id == r.OpenItemId, ct);
        if (item is null || item.Kind is not (OpenItemKind.Invoice or OpenItemKind.DebitMemo or OpenItemKind.Deduction))
            return PostingOutcome.Refused(LedgerError.UnknownOpenItem, $"no invoice {r.OpenItemId}");
        if (item.Currency != r.Amount.Currency.Code)
            return PostingOutcome.Refused(LedgerError.CurrencyMismatch, $"{item.Number} is in {item.Currency}");
        if (r.Amount.Minor <= 0) return PostingOutcome.Refused(LedgerError.InvalidAmount, "write-off must be positive");
        var journal = new Journal(db, clock, actor);
        var expense = await journal.AccountAsync(item.LegalEntityId,
            r.IsBadDebt ? AccountRole.BadDebtExpense : AccountRole.WriteOff, ct);
        var (entry, error, detail) = await journal.PostAsync(r.EntryId, item.LegalEntityId, r.Date, "write_off",
            $"Write-off {item.Number}: {r.Reason}",
            [new(expense.Id, r.Amount, item.CustomerId), new(item.AccountId, -r.Amount, item.CustomerId, item.Id)],
            item.Number, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return PostingOutcome.Refused(error!.Value, detail); }
        await db.SaveChangesAsync(ct);
        return PostingOutcome.Posted(entry.Id);
    }
}
