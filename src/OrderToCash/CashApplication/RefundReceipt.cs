using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;

namespace OrderToCash.CashApplication;

public enum RefundReceiptError { UnknownLine, NotOpen, NoCustomer, ExceedsUnapplied, Identify, Ledger }

/// <param name="RequestId">Client-generated: the entries derive from it, so a retry refunds once.</param>
/// <param name="CustomerId">The payer, when the line is still in suspense (an erroneous payment).</param>
/// <param name="AmountMinor">Null: everything still unapplied.</param>
public sealed record RefundReceiptRequest(Guid RequestId, Guid StatementLineId, string? CustomerId, long? AmountMinor,
    string Reason, DateOnly? Date = null);

public sealed record RefundReceiptOutcome(RefundReceiptError? Error, string Detail, Guid? EntryId, long RefundedMinor,
    bool WasAlreadyRefunded = false)
{
    public bool IsRefunded => Error is null;
}

/// <summary>
/// Refunds a receipt's unapplied cash (a credit balance, an overpayment or a payment that was never owed) through
/// <see cref="RefundCredit"/>: Dr unapplied cash / Cr refunds payable; <c>Payments.PayRefunds</c> pays it out in the
/// next payment file. A payment still in suspense is identified first.
/// </summary>
public sealed class RefundReceipt(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<RefundReceiptOutcome> ExecuteAsync(RefundReceiptRequest r, CancellationToken ct = default)
    {
        var refundId = RunCashApplication.IdFor(r.RequestId, "refund");
        var line = await db.StatementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == r.StatementLineId, ct);
        if (line is null) return Refused(RefundReceiptError.UnknownLine, $"no statement line {r.StatementLineId}");
        var done = await db.JournalLines.AsNoTracking().Where(l => l.EntryId == refundId && l.AmountMinor > 0)
            .Select(l => l.AmountMinor).ToListAsync(ct);
        if (done.Count > 0) return new(null, "already refunded", refundId, done.Sum(), true);
        if (line.AmountMinor <= 0 || !ApplyReceipt.OpenStatuses.Contains(line.Status))
            return Refused(RefundReceiptError.NotOpen, $"line {line.BankReference ?? line.KeyReference} is " +
                                                       $"{line.Status}: nothing to refund");
        var customerId = line.CustomerId ?? r.CustomerId;
        if (customerId is null)
            return Refused(RefundReceiptError.NoCustomer, "name the payer the refund goes to");
        var unapplied = line.ReceiptOpenItemId is null ? line.AmountMinor
            : await new ReadReceiptApplications(db).UnappliedAsync(line.ReceiptOpenItemId, ct);
        var amount = r.AmountMinor ?? unapplied;
        if (amount <= 0 || amount > unapplied)
            return Refused(RefundReceiptError.ExceedsUnapplied,
                $"a refund is positive and at most the unapplied {Money.Amounts.Format(unapplied,
                    Money.Currency.Of(line.Currency))} {line.Currency}");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new LockReceiptRows(db).ExecuteAsync(line.Id,
            line.ReceiptOpenItemId is { } held ? [held] : [], ct);
        var receiptItem = line.ReceiptOpenItemId;
        if (receiptItem is null)
        {
            var identified = await new IdentifyReceipt(db, clock, actor).ExecuteAsync(new IdentifyRequest(
                RunCashApplication.IdFor(r.RequestId, "refund-identify"), line.Id, customerId, line.BookingDate), ct);
            if (!identified.IsPosted)
                return Refused(RefundReceiptError.Identify, $"{identified.Error}: {identified.Detail}");
            receiptItem = identified.ReceiptItemId;
        }
        var posted = await new RefundCredit(db, clock, actor).ExecuteAsync(refundId, receiptItem!.Value, amount,
            r.Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), r.Reason, ct);
        if (!posted.IsPosted) return Refused(RefundReceiptError.Ledger, $"{posted.Error}: {posted.Detail}");
        // From here on, refunding must succeed.
        var left = unapplied - amount;
        await new RewriteReceiptRows(db, clock).ExecuteAsync(line.Id,
            left == 0 ? StatementLineStatus.Applied : StatementLineStatus.Unapplied, ct);
        await tx.CommitAsync(ct);
        return new RefundReceiptOutcome(null, "", refundId, amount);
    }

    private static RefundReceiptOutcome Refused(RefundReceiptError error, string detail) => new(error, detail, null, 0);
}
