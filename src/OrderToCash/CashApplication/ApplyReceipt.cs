using Microsoft.EntityFrameworkCore;
using OrderToCash.Approvals;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

public enum ApplyReceiptError
{
    UnknownLine, NotOpen, NoCustomer, UnknownInvoice, InvalidAmount, ExceedsOpenAmount, ExceedsReceipt, Identify,
    Ledger,
}

/// <summary>
/// What a person picked for one invoice: the cash applied, a small difference to write off, and a short payment to
/// turn into a deduction with its reason code. Minor units of the invoice (= receipt) currency.
/// </summary>
public sealed record ReceiptAllocation(Guid OpenItemId, long AppliedMinor, long WriteOffMinor = 0,
    long DeductionMinor = 0, string? ReasonCode = null);

/// <param name="RequestId">
/// Client-generated (the Idempotency-Key or the page's id for this decision): the entries are derived from it, so a
/// retried request posts once.
/// </param>
/// <param name="CustomerId">The payer, when the line is still unidentified; null: the first invoice's customer.</param>
/// <param name="LeaveOnAccount">What stays unapplied is left on the customer's account on purpose.</param>
public sealed record ApplyReceiptRequest(Guid RequestId, Guid StatementLineId, string? CustomerId,
    IReadOnlyList<ReceiptAllocation> Allocations, bool LeaveOnAccount = false, DateOnly? Date = null);

/// <param name="UnappliedMinor">The receipt's cash still unapplied after this request.</param>
/// <param name="ApprovalIds">Write-offs above the entity's limit, waiting for a second person.</param>
public sealed record ApplyReceiptOutcome(ApplyReceiptError? Error, string Detail, Guid? EntryId, long UnappliedMinor,
    IReadOnlyList<Guid> ApprovalIds, bool WasAlreadyApplied = false)
{
    public bool IsApplied => Error is null;

    public static ApplyReceiptOutcome Refused(ApplyReceiptError error, string detail) =>
        new(error, detail, null, 0, []);
}

/// <summary>
/// A person applies a receipt (a statement line) by hand: picks invoices of one or several customers of the entity,
/// writes off a small difference within the clerk's limit (above it the write-off waits for approval), turns a short
/// payment into a deduction with a reason code, and leaves the rest on account. Identifies the payer first when the
/// receipt is still in suspense.
/// </summary>
/// <remarks>
/// Everything posts in one transaction through <see cref="IdentifyReceipt"/>, <see cref="ApplyCash"/> and
/// <see cref="WriteOffSmallBalance"/>, with ids derived from <see cref="ApplyReceiptRequest.RequestId"/>: a retry
/// answers with the first request's entry and posts nothing.
/// </remarks>
public sealed class ApplyReceipt(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>Invoices per request: a receipt paying more is applied in several requests.</summary>
    public const int MaxAllocations = 500;

    public static readonly StatementLineStatus[] OpenStatuses =
    [
        StatementLineStatus.Unidentified, StatementLineStatus.Suggested, StatementLineStatus.Unapplied,
        StatementLineStatus.OnAccount,
    ];

    public async Task<ApplyReceiptOutcome> ExecuteAsync(ApplyReceiptRequest r, CancellationToken ct = default)
    {
        var applyId = RunCashApplication.IdFor(r.RequestId, "manual-apply");
        var line = await db.StatementLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == r.StatementLineId, ct);
        if (line is null)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.UnknownLine, $"no statement line {r.StatementLineId}");
        if (await db.JournalEntries.AnyAsync(e => e.Id == applyId, ct))
            return new(null, "already applied", applyId,
                await new ReadReceiptApplications(db).UnappliedAsync(line.ReceiptOpenItemId, ct), [], true);
        if (line.AmountMinor <= 0 || !OpenStatuses.Contains(line.Status))
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.NotOpen,
                $"line {line.BankReference ?? line.KeyReference} is {line.Status}: nothing to apply");
        if (r.Allocations.Count == 0 && !r.LeaveOnAccount)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.InvalidAmount, "pick an invoice or leave on account");
        if (r.Allocations.Count > MaxAllocations)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.InvalidAmount,
                $"at most {MaxAllocations} invoices per request");
        if (r.Allocations.Any(a => a.AppliedMinor < 0 || a.WriteOffMinor < 0 || a.DeductionMinor < 0
                                   || a.AppliedMinor + a.WriteOffMinor + a.DeductionMinor == 0))
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.InvalidAmount,
                "each invoice settles a positive amount; no negative parts");
        var ids = r.Allocations.Select(a => a.OpenItemId).ToList();
        if (ids.Distinct().Count() != ids.Count)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.InvalidAmount, "an invoice appears twice");
        var items = await db.OpenItems.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        foreach (var a in r.Allocations)
        {
            if (!items.TryGetValue(a.OpenItemId, out var item) || item.LegalEntityId != line.LegalEntityId
                || item.Kind is not (OpenItemKind.Invoice or OpenItemKind.DebitMemo or OpenItemKind.Deduction))
                return ApplyReceiptOutcome.Refused(ApplyReceiptError.UnknownInvoice,
                    $"no open invoice {a.OpenItemId} in {line.LegalEntityId}");
            if (checked(a.AppliedMinor + a.WriteOffMinor + a.DeductionMinor) > item.OpenMinor)
                return ApplyReceiptOutcome.Refused(ApplyReceiptError.ExceedsOpenAmount,
                    $"{item.Number} has {Money.Amounts.Format(item.OpenMinor, Money.Currency.Of(item.Currency))} open");
        }
        var customerId = line.CustomerId ?? r.CustomerId
            ?? (r.Allocations.Count > 0 ? items[r.Allocations[0].OpenItemId].CustomerId : null);
        if (customerId is null)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.NoCustomer, "name the payer to leave cash on account");
        var cash = r.Allocations.Sum(a => a.AppliedMinor);
        var available = line.ReceiptOpenItemId is null ? line.AmountMinor
            : await new ReadReceiptApplications(db).UnappliedAsync(line.ReceiptOpenItemId, ct);
        if (cash > available)
            return ApplyReceiptOutcome.Refused(ApplyReceiptError.ExceedsReceipt,
                $"applying {Format(cash, line.Currency)} exceeds the receipt's unapplied " +
                Format(available, line.Currency));

        // Write-offs within the clerk's limit settle with the cash; above it they wait for a second person.
        var approvals = new RequestApproval(db, clock, actor);
        var settlements = new List<Settlement>();
        var overLimit = new List<ReceiptAllocation>();
        foreach (var a in r.Allocations)
        {
            var writeOff = a.WriteOffMinor;
            if (writeOff > 0 && await approvals.IsNeededAsync(line.LegalEntityId, ApprovalActions.SmallBalanceWriteOff,
                    new Money.Money(writeOff, Money.Currency.Of(line.Currency)), ct))
            {
                overLimit.Add(a);
                writeOff = 0;
            }
            if (a.AppliedMinor + writeOff + a.DeductionMinor > 0)
                settlements.Add(new Settlement(a.OpenItemId, a.AppliedMinor, 0, writeOff, a.DeductionMinor,
                    a.DeductionMinor > 0 ? a.ReasonCode ?? "SHORT_PAY" : null));
        }

        var date = r.Date ?? line.BookingDate;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await new LockReceiptRows(db).ExecuteAsync(line.Id,
            line.ReceiptOpenItemId is { } held ? [held, .. ids] : ids, ct);
        var receiptItem = line.ReceiptOpenItemId;
        if (receiptItem is null)
        {
            var identified = await new IdentifyReceipt(db, clock, actor).ExecuteAsync(
                new IdentifyRequest(RunCashApplication.IdFor(r.RequestId, "manual-identify"), line.Id, customerId,
                    line.BookingDate), ct);
            if (!identified.IsPosted)
                return ApplyReceiptOutcome.Refused(ApplyReceiptError.Identify,
                    $"{identified.Error}: {identified.Detail}");
            receiptItem = identified.ReceiptItemId;
        }
        Guid? entryId = null;
        if (settlements.Count > 0)
        {
            var posted = await new ApplyCash(db, clock, actor).ExecuteAsync(new ApplyRequest(applyId,
                receiptItem!.Value, date, settlements, $"Cash application by {actor}"), ct);
            if (!posted.IsPosted)
                return ApplyReceiptOutcome.Refused(ApplyReceiptError.Ledger, $"{posted.Error}: {posted.Detail}");
            entryId = posted.EntryId;
        }
        var approvalIds = new List<Guid>();
        foreach (var a in overLimit)
        {
            var approvalId = RunCashApplication.IdFor(r.RequestId, $"write-off/{a.OpenItemId:N}");
            var filed = await new WriteOffSmallBalance(db, clock, actor).ExecuteAsync(new WriteOffRequest(
                RunCashApplication.IdFor(r.RequestId, $"write-off-entry/{a.OpenItemId:N}"), a.OpenItemId,
                new Money.Money(a.WriteOffMinor, Money.Currency.Of(line.Currency)), date,
                "Small difference on receipt " + (line.BankReference ?? line.KeyReference)), approvalId, ct);
            if (filed.Posting is { IsPosted: false } refused)
                return ApplyReceiptOutcome.Refused(ApplyReceiptError.Ledger, $"{refused.Error}: {refused.Detail}");
            if (filed.ApprovalId is { } id) approvalIds.Add(id);
        }
        // From here on, applying must succeed: the line and its applications.csv rows follow the ledger.
        var unapplied = await new ReadReceiptApplications(db).UnappliedAsync(receiptItem, ct);
        var status = unapplied == 0 ? StatementLineStatus.Applied
            : r.LeaveOnAccount ? StatementLineStatus.OnAccount : StatementLineStatus.Unapplied;
        await new RewriteReceiptRows(db, clock).ExecuteAsync(line.Id, status, ct);
        await tx.CommitAsync(ct);
        return new ApplyReceiptOutcome(null, "", entryId, unapplied, approvalIds);
    }

    private static string Format(long minor, string currency) =>
        Money.Amounts.Format(minor, Money.Currency.Of(currency)) + " " + currency;
}
