using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

public sealed record WriteOffBody(decimal? Amount, string? Reason, DateOnly? Date);

public sealed record WriteOffAnswer(string Result, Guid? EntryId, Guid? ApprovalId);

/// <summary>/api/v1/open-items/{id}/write-off: cash application's small-balance write-off.</summary>
public static class CashApplicationApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/open-items/{id:guid}/write-off", WriteOffAsync).RequireAuthorization(Duties.ApplyCash)
            .WithTags("CashApplication")
            .WithSummary("Write off a small balance; above the threshold it waits for approval (202)");

    private static async Task<IResult> WriteOffAsync(Guid id, WriteOffBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .Check(body?.Amount is > 0, "amount", "a positive amount in the item's currency")
            .Check(!string.IsNullOrWhiteSpace(body?.Reason) && body.Reason.Length <= 500, "reason",
                "say why, in at most 500 characters");
        if (!v.IsValid) return v.Problem();
        var item = await db.OpenItems.AsNoTracking().Visible(UserScope.Of(http.User), o => o.LegalEntityId)
            .FirstOrDefaultAsync(o => o.Id == id, ct);
        if (item is null) return Problems.NotFound("open item", id.ToString());
        var currency = Money.Currency.Of(item.Currency);
        var amount = new Money.Money((long)Math.Round(body!.Amount!.Value * currency.MinorPerMajor), currency);
        var now = clock.GetUtcNow();
        var date = body.Date ?? DateOnly.FromDateTime(now.UtcDateTime);
        var outcome = await new WriteOffSmallBalance(db, clock, http.User.Identity!.Name!).ExecuteAsync(
            new WriteOffRequest(Guid.CreateVersion7(now), id, amount, date, body.Reason!), Guid.CreateVersion7(now),
            ct);
        if (outcome.IsAwaitingApproval)
            return Results.Accepted($"/api/v1/approvals/{outcome.ApprovalId}",
                new WriteOffAnswer("awaiting_approval", null, outcome.ApprovalId));
        var posting = outcome.Posting!;
        return posting.IsPosted ? Results.Ok(new WriteOffAnswer("posted", posting.EntryId, null))
            : Problems.Refused(posting.Error!.Value, posting.Detail);
    }
}
