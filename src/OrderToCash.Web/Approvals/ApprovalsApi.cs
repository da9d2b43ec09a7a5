using Microsoft.EntityFrameworkCore;
using OrderToCash.Approvals;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Approvals;

public sealed record ApprovalDto(Guid Id, string LegalEntityId, string Action, string SubjectId, string Summary,
    decimal Amount, string Currency, string RequestedBy, DateTimeOffset RequestedAt, string Status,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote)
{
    public static ApprovalDto Of(ApprovalRequest r) => new(r.Id, r.LegalEntityId, r.Action, r.SubjectId, r.Summary,
        r.AmountMinor / (decimal)Money.Currency.Of(r.Currency).MinorPerMajor, r.Currency, r.RequestedBy,
        r.RequestedAt, r.Status.ToString(), r.DecidedBy, r.DecidedAt, r.DecisionNote);
}

public sealed record DecisionBody(string? Note);

/// <summary>/api/v1/approvals: the inbox and the decisions (TeamLead; never on one's own request).</summary>
public static class ApprovalsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/approvals").WithTags("Approvals");
        g.MapGet("/", ListAsync).WithSummary("Approval requests (default: pending), oldest first");
        g.MapGet("/{id:guid}", GetAsync).WithSummary("One approval request");
        g.MapPost("/{id:guid}/approve", (Guid id, DecisionBody? body, O2cDb db, WebDb web, HttpContext http,
                TimeProvider clock, CancellationToken ct) => DecideAsync(id, true, body, db, web, http, clock, ct))
            .RequireAuthorization(Duties.Approve).WithSummary("Approve and apply (maker ≠ checker)");
        g.MapPost("/{id:guid}/reject", (Guid id, DecisionBody? body, O2cDb db, WebDb web, HttpContext http,
                TimeProvider clock, CancellationToken ct) => DecideAsync(id, false, body, db, web, http, clock, ct))
            .RequireAuthorization(Duties.Approve).WithSummary("Reject (maker ≠ checker)");
    }

    public static IQueryable<ApprovalRequest> Query(O2cDb db, UserScope scope, string? status)
    {
        var q = db.ApprovalRequests.AsNoTracking().Visible(scope, r => r.LegalEntityId);
        if (status != "all")
        {
            var wanted = Enum.TryParse<ApprovalStatus>(status, true, out var s) ? s : ApprovalStatus.Pending;
            q = q.Where(r => r.Status == wanted);
        }
        return q.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id);
    }

    private static async Task<IResult> ListAsync(O2cDb db, HttpContext http, string? status, string? cursor,
        int? limit, CancellationToken ct)
    {
        var v = new Validation()
            .Check(status is null or "all" || Enum.TryParse<ApprovalStatus>(status, true, out _), "status",
                "pending, approved, rejected or all")
            .Check(Paging.IsValid(cursor), "cursor", "not a cursor this API returned");
        if (!v.IsValid) return v.Problem();
        var page = await Paging.ReadAsync(Query(db, UserScope.Of(http.User), status), cursor, limit, ct);
        return Results.Ok(new Page<ApprovalDto>(page.Items.Select(ApprovalDto.Of).ToList(), page.NextCursor));
    }

    private static async Task<IResult> GetAsync(O2cDb db, HttpContext http, Guid id, CancellationToken ct)
    {
        var r = await Query(db, UserScope.Of(http.User), "all").FirstOrDefaultAsync(x => x.Id == id, ct);
        return r is null ? Problems.NotFound("approval request", id.ToString()) : Results.Ok(ApprovalDto.Of(r));
    }

    public static async Task<IResult> DecideAsync(Guid id, bool approve, DecisionBody? body, O2cDb db, WebDb web,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (body?.Note is { Length: > 500 })
            return new Validation().Check(false, "note", "at most 500 characters").Problem();
        var scope = UserScope.Of(http.User);
        if (!await Query(db, scope, "all").AnyAsync(x => x.Id == id, ct))
            return Problems.NotFound("approval request", id.ToString());
        var outcome = await new DecideApproval(db, clock, http.User.Identity!.Name!).ExecuteAsync(id, approve,
            body?.Note, ct);
        if (outcome.Error is { } e)
            return e == ApprovalError.MakerCannotDecide ? Problems.Named(403, e.ToString(), outcome.Detail)
                : Problems.Refused(e, outcome.Detail, conflict: e == ApprovalError.AlreadyDecided);
        var dto = ApprovalDto.Of(outcome.Request!);
        await WebhookEvents.PublishAsync(web, clock, "approval.decided", dto, ct);
        return Results.Ok(dto);
    }
}
