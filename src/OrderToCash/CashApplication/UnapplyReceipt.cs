using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

public enum UnapplyReceiptError { UnknownLine, UnknownApplication, AlreadyReversed, Ledger }

/// <param name="ReversalId">Client-generated: a retry finds the reversal posted and answers with it.</param>
public sealed record UnapplyRequest(Guid ReversalId, Guid StatementLineId, Guid ApplicationEntryId, string Reason,
    DateOnly? Date = null);

public sealed record UnapplyOutcome(UnapplyReceiptError? Error, string Detail, Guid? ReversalId, long UnappliedMinor,
    bool WasAlreadyReversed = false)
{
    public bool IsReversed => Error is null;
}

/// <summary>
/// Unapplies cash: posts the reversal of one application of a receipt (<see cref="ReverseEntry"/>), which reopens its
/// invoices (and clears a deduction it opened) and returns the cash to the receipt's unapplied balance. Nothing is
/// deleted; the line goes back to unapplied and its applications.csv rows follow the ledger.
/// </summary>
public sealed class UnapplyReceipt(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<UnapplyOutcome> ExecuteAsync(UnapplyRequest r, CancellationToken ct = default)
    {
        var line = await db.StatementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == r.StatementLineId, ct);
        if (line?.ReceiptOpenItemId is not { } receiptId)
            return Refused(line is null ? UnapplyReceiptError.UnknownLine : UnapplyReceiptError.UnknownApplication,
                line is null ? $"no statement line {r.StatementLineId}" : "the receipt has no applications");
        var reversal = await db.JournalEntries.AsNoTracking()
            .FirstOrDefaultAsync(e => e.ReversesEntryId == r.ApplicationEntryId, ct);
        if (reversal is not null && reversal.Id == r.ReversalId)
            return new(null, "already reversed", reversal.Id,
                await new ReadReceiptApplications(db).UnappliedAsync(receiptId, ct), true);
        var belongs = await db.JournalLines.AnyAsync(l => l.EntryId == r.ApplicationEntryId
                                                          && l.OpenItemId == receiptId, ct);
        if (!belongs)
            return Refused(UnapplyReceiptError.UnknownApplication,
                $"entry {r.ApplicationEntryId} is not an application of this receipt");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var touched = await db.JournalLines.AsNoTracking()
            .Where(l => l.EntryId == r.ApplicationEntryId && l.OpenItemId != null)
            .Select(l => l.OpenItemId!.Value).ToListAsync(ct);
        await new LockReceiptRows(db).ExecuteAsync(line.Id, touched, ct);
        var date = r.Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var posted = await new ReverseEntry(db, clock, actor).ExecuteAsync(r.ReversalId, r.ApplicationEntryId, date,
            r.Reason, "application", ct);
        if (!posted.IsPosted)
            return Refused(posted.Error == LedgerError.AlreadyReversed ? UnapplyReceiptError.AlreadyReversed
                : UnapplyReceiptError.Ledger, $"{posted.Error}: {posted.Detail}");
        // From here on, unapplying must succeed.
        var unapplied = await new ReadReceiptApplications(db).UnappliedAsync(receiptId, ct);
        var status = unapplied == 0 ? StatementLineStatus.Applied : StatementLineStatus.Unapplied;
        await new RewriteReceiptRows(db, clock).ExecuteAsync(line.Id, status, ct);
        await tx.CommitAsync(ct);
        return new UnapplyOutcome(null, "", posted.EntryId, unapplied);
    }

    private static UnapplyOutcome Refused(UnapplyReceiptError error, string detail) => new(error, detail, null, 0);
}
