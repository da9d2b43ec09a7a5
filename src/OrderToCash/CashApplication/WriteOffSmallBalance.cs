using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Approvals;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

public sealed record SmallBalanceOutcome(PostingOutcome? Posting, Guid? ApprovalId)
{
    public bool IsAwaitingApproval => ApprovalId is not null;
}

/// <summary>
/// Cash application's small-balance write-off: at or below the entity's threshold it posts at once through
/// <see cref="WriteOff"/>; above it, it waits for a second person and posts on approval.
/// </summary>
public sealed class WriteOffSmallBalance(O2cDb db, TimeProvider clock, string actor)
{
    private sealed record Payload(Guid EntryId, Guid OpenItemId, long AmountMinor, string Currency, DateOnly Date,
        string Reason);

    public async Task<SmallBalanceOutcome> ExecuteAsync(WriteOffRequest r, Guid approvalId,
        CancellationToken ct = default)
    {
        var item = await db.OpenItems.AsNoTracking().FirstOrDefaultAsync(o => o.Id == r.OpenItemId, ct);
        if (item is null)
            return new(PostingOutcome.Refused(LedgerError.UnknownOpenItem, $"no open item {r.OpenItemId}"), null);
        if (r.Amount.Minor <= 0 || r.Amount.Minor > item.OpenMinor)
            return new(PostingOutcome.Refused(LedgerError.InvalidAmount,
                $"the write-off must be positive and at most the open amount of {item.Number}"), null);
        var approvals = new RequestApproval(db, clock, actor);
        if (!await approvals.IsNeededAsync(item.LegalEntityId, ApprovalActions.SmallBalanceWriteOff, r.Amount, ct))
            return new(await new WriteOff(db, clock, actor).ExecuteAsync(r, ct), null);
        approvals.File(new ApprovalDraft(approvalId, item.LegalEntityId, ApprovalActions.SmallBalanceWriteOff,
            item.Id.ToString(), $"Write off {r.Amount} of {item.Number}", r.Amount,
            new Payload(r.EntryId, r.OpenItemId, r.Amount.Minor, r.Amount.Currency.Code, r.Date, r.Reason)));
        await db.SaveChangesAsync(ct);
        return new(null, approvalId);
    }

    /// <summary>The approved write-off, posted by the checker through <see cref="WriteOff"/>.</summary>
    public static async Task<string?> ApplyApprovedAsync(O2cDb db, TimeProvider clock, string checker,
        ApprovalRequest request, CancellationToken ct)
    {
        var p = JsonSerializer.Deserialize<Payload>(request.Payload)!;
        var outcome = await new WriteOff(db, clock, checker).ExecuteAsync(new WriteOffRequest(p.EntryId, p.OpenItemId,
            new Money.Money(p.AmountMinor, Money.Currency.Of(p.Currency)), p.Date, p.Reason), ct);
        return outcome.IsPosted ? null : $"{outcome.Error}: {outcome.Detail}";
    }
}
