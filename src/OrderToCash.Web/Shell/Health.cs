using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Shell;

/// <summary>`/health`: the process answers and the database (core and web tables) is reachable; else 503.</summary>
public static class Health
{
    public static void MapHealth(this WebApplication app) => app.MapGet("/health", async (DbTarget target,
            CancellationToken ct) =>
        {
            try
            {
                await using var db = target.OpenCore();
                await using var web = target.OpenWeb();
                var hasCustomers = await db.Customers.AnyAsync(ct);
                var hasUsers = await web.Users.AnyAsync(ct);
                return Results.Ok(new
                {
                    status = "ok", database = "ok", provider = target.IsPostgres ? "postgres" : "sqlite",
                    hasCustomers, hasUsers,
                });
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return Results.Json(new { status = "unhealthy", database = e.Message }, statusCode: 503);
            }
        })
        .AllowAnonymous().WithTags("Shell").WithSummary("Process and database health");
}
