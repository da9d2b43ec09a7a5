using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Shell;

/// <summary>
/// Every POST under /api accepts `Idempotency-Key`: the first answer is stored (per user and key) with a hash of the
/// request; a retry with the same body gets the same answer, the same key with another body is refused (422).
/// </summary>
public sealed class Idempotency(RequestDelegate next, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext http, WebDb db)
    {
        var key = http.Request.Headers[Header].ToString();
        if (!HttpMethods.IsPost(http.Request.Method) || key.Length == 0 || !http.Request.Path.StartsWithSegments("/api")
            || http.User.Identity?.Name is not { } user)
        {
            await next(http);
            return;
        }
        if (key.Length > 200)
        {
            await Problems.Named(400, "InvalidIdempotencyKey", "An Idempotency-Key is at most 200 characters.")
                .ExecuteAsync(http);
            return;
        }
        http.Request.EnableBuffering();
        using var hashing = new MemoryStream();
        await http.Request.Body.CopyToAsync(hashing, http.RequestAborted);
        http.Request.Body.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(
            [.. System.Text.Encoding.UTF8.GetBytes(http.Request.Path + http.Request.QueryString + "\n"),
                .. hashing.ToArray()]));

        var earlier = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserName == user && r.Key == key, http.RequestAborted);
        if (earlier is not null)
        {
            if (earlier.RequestHash != hash)
            {
                await Problems.Named(422, "IdempotencyKeyReused",
                    $"The Idempotency-Key '{key}' was used for another request; use a new key.").ExecuteAsync(http);
                return;
            }
            http.Response.StatusCode = earlier.StatusCode;
            http.Response.ContentType = earlier.ContentType;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await http.Response.Body.WriteAsync(earlier.Body, http.RequestAborted);
            return;
        }

        var original = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        try { await next(http); }
        finally { http.Response.Body = original; }
        var body = captured.ToArray();
        if (http.Response.StatusCode < 500)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                UserName = user, Key = key, RequestHash = hash, StatusCode = http.Response.StatusCode,
                ContentType = http.Response.ContentType, Body = body, CreatedAt = clock.GetUtcNow(),
            });
            // Two concurrent first attempts: one insert wins; the other answer is still correct for its caller.
            try { await db.SaveChangesAsync(http.RequestAborted); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); }
        }
        await original.WriteAsync(body, http.RequestAborted);
    }
}
