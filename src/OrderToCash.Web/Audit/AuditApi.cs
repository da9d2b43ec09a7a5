using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Audit;

public sealed record AuditFilter(string? Search = null, string? Actor = null, string? Action = null,
    string? EntityType = null, string? EntityId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>/api/v1/audit: the append-only trail, searchable, newest first.</summary>
public static class AuditApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/audit", async (O2cDb db, HttpContext http, string? search, string? actor, string? action,
                string? entityType, string? entityId, DateOnly? from, DateOnly? to, string? cursor, int? limit,
                CancellationToken ct) =>
            {
                if (!Paging.IsValid(cursor))
                    return new Validation().Check(false, "cursor", "not a cursor this API returned").Problem();
                var q = Query(db, UserScope.Of(http.User), new AuditFilter(search, actor, action, entityType, entityId,
                    from, to));
                return Results.Ok(await Paging.ReadAsync(q, cursor, limit, ct));
            })
            .WithTags("Audit").WithSummary("Audit events (who, when, what, before → after), newest first");

    /// <summary>
    /// Events of the person's entities; events with no entity (users, settings) only for those who see every entity.
    /// </summary>
    public static IQueryable<AuditEvent> Query(O2cDb db, UserScope scope, AuditFilter f)
    {
        var q = db.AuditEvents.AsNoTracking();
        if (!scope.All)
        {
            var ids = scope.Entities.ToList();
            q = q.Where(a => a.LegalEntityId != null && ids.Contains(a.LegalEntityId));
        }
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            q = q.Where(a => a.EntityId == s || a.Action.Contains(s) || a.Actor == s
                             || (a.After != null && a.After.Contains(s)));
        }
        if (!string.IsNullOrWhiteSpace(f.Actor)) q = q.Where(a => a.Actor == f.Actor);
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(a => a.Action.StartsWith(f.Action));
        if (!string.IsNullOrWhiteSpace(f.EntityType)) q = q.Where(a => a.EntityType == f.EntityType);
        if (!string.IsNullOrWhiteSpace(f.EntityId)) q = q.Where(a => a.EntityId == f.EntityId);
        if (f.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At >= start);
        }
        if (f.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(a => a.At < end);
        }
        return q.OrderByDescending(a => a.Id);
    }
}
