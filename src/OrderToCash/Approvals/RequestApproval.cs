using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Approvals;

public sealed record ApprovalDraft(Guid Id, string LegalEntityId, string Action, string SubjectId, string Summary,
    Money.Money Amount, object Payload);

/// <summary>
/// Decides whether an action needs a second person and, if so, files the request. The caller saves: the request
/// is part of the caller's unit of work.
/// </summary>
public sealed class RequestApproval(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>True when the amount is above the entity's threshold for the action.</summary>
    public async Task<bool> IsNeededAsync(string legalEntityId, string action, Money.Money amount,
        CancellationToken ct = default) =>
        amount.Minor > await ThresholdAsync(db, legalEntityId, action, amount.Currency, ct);

    public static async Task<long> ThresholdAsync(O2cDb db, string legalEntityId, string action,
        Money.Currency currency, CancellationToken ct = default)
    {
        var row = await db.ApprovalThresholds.AsNoTracking().FirstOrDefaultAsync(t =>
            t.LegalEntityId == legalEntityId && t.Action == action && t.Currency == currency.Code, ct);
        return row?.LimitMinor
               ?? checked(ApprovalActions.DefaultThresholdMajor.GetValueOrDefault(action) * currency.MinorPerMajor);
    }

    public ApprovalRequest File(ApprovalDraft d)
    {
        var request = new ApprovalRequest
        {
            Id = d.Id, LegalEntityId = d.LegalEntityId, Action = d.Action, SubjectId = d.SubjectId,
            Summary = d.Summary, AmountMinor = d.Amount.Minor, Currency = d.Amount.Currency.Code,
            Payload = JsonSerializer.Serialize(d.Payload), RequestedBy = actor, RequestedAt = clock.GetUtcNow(),
            Status = ApprovalStatus.Pending,
        };
        db.ApprovalRequests.Add(request);
        new AuditTrail(db, clock, actor).Record("approval.requested", "approval", request.Id.ToString(), null,
            new { request.Action, request.SubjectId, request.Summary, request.AmountMinor, request.Currency },
            request.LegalEntityId);
        return request;
    }
}
