using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Approvals;

public enum ApprovalError { UnknownRequest, MakerCannotDecide, AlreadyDecided, ActionRefused, UnknownAction }

public sealed record ApprovalOutcome(ApprovalRequest? Request, ApprovalError? Error, string Detail)
{
    public bool IsDone => Error is null;
    public static ApprovalOutcome Done(ApprovalRequest r) => new(r, null, "");
    public static ApprovalOutcome Refused(ApprovalError e, string detail) => new(null, e, detail);
}

/// <summary>
/// Applies an approved request: reads its payload and runs the action. Null on success, else why not.
/// </summary>
public delegate Task<string?> ApplyApproved(O2cDb db, TimeProvider clock, string actor, ApprovalRequest request,
    CancellationToken ct);

/// <summary>
/// A second person approves or rejects a pending request. The maker can never decide their own request, and a
/// request is decided once, even when two checkers click at the same time in two processes.
/// </summary>
public sealed class DecideApproval(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>How each action is applied on approval. Later capabilities add their actions here.</summary>
    public static IReadOnlyDictionary<string, ApplyApproved> Appliers { get; } = new Dictionary<string, ApplyApproved>
    {
        [ApprovalActions.CreditLimitChange] = Credit.ChangeCreditLimit.ApplyApprovedAsync,
        [ApprovalActions.SmallBalanceWriteOff] = CashApplication.WriteOffSmallBalance.ApplyApprovedAsync,
    };

    public async Task<ApprovalOutcome> ExecuteAsync(Guid requestId, bool approve, string? note,
        CancellationToken ct = default)
    {
        var request = await db.ApprovalRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return ApprovalOutcome.Refused(ApprovalError.UnknownRequest, $"no request {requestId}");
        if (string.Equals(request.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
            return ApprovalOutcome.Refused(ApprovalError.MakerCannotDecide,
                $"{actor} requested this and cannot also decide it (maker ≠ checker)");
        if (request.Status != ApprovalStatus.Pending)
            return ApprovalOutcome.Refused(ApprovalError.AlreadyDecided,
                $"already {request.Status} by {request.DecidedBy}");
        if (approve && !Appliers.ContainsKey(request.Action))
            return ApprovalOutcome.Refused(ApprovalError.UnknownAction, $"no applier for {request.Action}");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claim the request with a conditional update, so only one decision wins across processes.
        var status = approve ? ApprovalStatus.Approved : ApprovalStatus.Rejected;
        var now = clock.GetUtcNow();
        var claimed = await db.ApprovalRequests
            .Where(r => r.Id == requestId && r.Status == ApprovalStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedBy, actor)
                .SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecisionNote, note), ct);
        if (claimed != 1) return ApprovalOutcome.Refused(ApprovalError.AlreadyDecided, "decided by someone else");
        await db.Entry(request).ReloadAsync(ct);
        new AuditTrail(db, clock, actor).Record(approve ? "approval.approved" : "approval.rejected", "approval",
            request.Id.ToString(), new { Status = nameof(ApprovalStatus.Pending) },
            new { Status = status.ToString(), Note = note, request.Action, request.SubjectId }, request.LegalEntityId);
        if (approve)
        {
            var refusal = await Appliers[request.Action](db, clock, actor, request, ct);
            if (refusal is not null)
            {
                db.ChangeTracker.Clear();
                return ApprovalOutcome.Refused(ApprovalError.ActionRefused, refusal);
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ApprovalOutcome.Done(request);
    }
}
