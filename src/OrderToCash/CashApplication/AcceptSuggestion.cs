using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

public enum AcceptSuggestionError
{
    UnknownLine, NotSuggested, NoProposal, UnknownInvoice, ForeignCurrency, Identify, Ledger,
}

/// <param name="WasAlreadyApplied">
/// True when an earlier accept (or the run) applied the line: nothing was posted now.
/// </param>
public sealed record AcceptOutcome(AcceptSuggestionError? Error, string Detail, Guid? EntryId,
    bool WasAlreadyApplied = false)
{
    public bool IsApplied => Error is null;

    public static AcceptOutcome Refused(AcceptSuggestionError error, string detail) => new(error, detail, null);
}

/// <summary>
/// A person accepts the stored suggestion of a statement line: the payer is identified when the receipt is still in
/// suspense (<see cref="IdentifyReceipt"/>), then the stored rows are applied to their invoices
/// (<see cref="ApplyCash"/>); the payer's account and name are learned for the customer (<see cref="LearnPayer"/>).
/// </summary>
/// <remarks>
/// Entry ids are derived from the line exactly as <see cref="RunCashApplication"/> derives them, so a repeated click,
/// a retry or a later run posts the application once; a second accept answers with the first one's entry.
/// </remarks>
public sealed class AcceptSuggestion(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<AcceptOutcome> ExecuteAsync(Guid lineId, CancellationToken ct = default)
    {
        var applyId = RunCashApplication.IdFor(lineId, "apply");
        var line = await db.StatementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
            return AcceptOutcome.Refused(AcceptSuggestionError.UnknownLine, $"no statement line {lineId}");
        if (line.Status == StatementLineStatus.Applied && await db.JournalEntries.AnyAsync(e => e.Id == applyId, ct))
            return new AcceptOutcome(null, "already applied", applyId, WasAlreadyApplied: true);
        if (line.Status != StatementLineStatus.Suggested)
            return AcceptOutcome.Refused(AcceptSuggestionError.NotSuggested,
                $"line {line.BankReference ?? line.KeyReference} is {line.Status}, not a suggestion");
        var rows = await db.CashApplicationRows.AsNoTracking()
            .Where(r => r.StatementLineId == lineId && r.Status == "suggested" && r.InvoiceNumber != "")
            .OrderBy(r => r.RowNo).ToListAsync(ct);
        if (rows.Count == 0 || rows.Select(r => r.CustomerId).Distinct().Count() != 1)
            return AcceptOutcome.Refused(AcceptSuggestionError.NoProposal,
                "the line has no stored proposal of one customer's invoices; apply it by hand");
        if (rows.Any(r => r.Currency != line.Currency))
            return AcceptOutcome.Refused(AcceptSuggestionError.ForeignCurrency,
                "the proposal is in another currency than the receipt; apply it by hand");
        var customerId = rows[0].CustomerId;
        var numbers = rows.Select(r => r.InvoiceNumber).ToList();
        var items = await db.OpenItems.AsNoTracking()
            .Where(o => o.LegalEntityId == line.LegalEntityId && o.CustomerId == customerId
                        && numbers.Contains(o.Number)
                        && (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.DebitMemo))
            .ToListAsync(ct);
        var settlements = new List<Settlement>();
        foreach (var r in rows)
        {
            var item = items.FirstOrDefault(o => o.Number == r.InvoiceNumber);
            if (item is null)
                return AcceptOutcome.Refused(AcceptSuggestionError.UnknownInvoice,
                    $"customer {customerId} has no invoice {r.InvoiceNumber}");
            settlements.Add(new Settlement(item.Id, r.AppliedMinor));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var receiptItem = line.ReceiptOpenItemId;
        if (receiptItem is null)
        {
            var identified = await new IdentifyReceipt(db, clock, actor).ExecuteAsync(
                new IdentifyRequest(RunCashApplication.IdFor(lineId, "identify"), lineId, customerId,
                    line.BookingDate), ct);
            if (!identified.IsPosted)
                return AcceptOutcome.Refused(AcceptSuggestionError.Identify,
                    $"{identified.Error}: {identified.Detail}");
            receiptItem = identified.ReceiptItemId;
        }
        var memo = $"Cash application, accepted by {actor}: {rows[0].Reason}";
        var applied = await new ApplyCash(db, clock, actor).ExecuteAsync(new ApplyRequest(applyId, receiptItem!.Value,
            line.BookingDate, settlements, memo.Length > 400 ? memo[..400] : memo), ct);
        if (!applied.IsPosted && applied.Error != LedgerError.AlreadyPosted)
            return AcceptOutcome.Refused(AcceptSuggestionError.Ledger, $"{applied.Error}: {applied.Detail}");
        // From here on, accepting must succeed: the cash is applied; the line and its rows say so.
        var tracked = await db.StatementLines.FirstAsync(l => l.Id == lineId, ct);
        tracked.Status = StatementLineStatus.Applied;
        await db.SaveChangesAsync(ct);
        // A person confirmed who paid: the next payment from this account or under this name is recognised.
        var learn = new LearnPayer(db, clock, actor);
        if (!string.IsNullOrWhiteSpace(line.CounterpartyAccount))
            await learn.ExecuteAsync(customerId, line.CounterpartyAccount, ct);
        if (!string.IsNullOrWhiteSpace(line.CounterpartyName))
            await learn.LearnNameAsync(customerId, line.CounterpartyName, ct);
        await db.CashApplicationRows.Where(r => r.StatementLineId == lineId && r.Status == "suggested")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "applied"), ct);
        await tx.CommitAsync(ct);
        return new AcceptOutcome(null, "", applyId, WasAlreadyApplied: !applied.IsPosted);
    }
}
