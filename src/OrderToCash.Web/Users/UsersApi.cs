using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Users;

public sealed record UserDto(string Name, IReadOnlyList<string> Roles, string Entities, string Language,
    bool IsDisabled, bool IsLockedOut);

public sealed record NewUserBody(string? Name, string[]? Roles, string? Entities, string? Password, string? Language);

public sealed record NewTokenBody(string? Name, int? Days);

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);

public sealed record NewWebhookBody(string? Url, string? Events);

/// <summary>/api/v1/users (Admin), /api/v1/tokens (each person's own), /api/v1/webhooks (Admin, TeamLead).</summary>
public static class UsersApi
{
    public const string TokenLimit = "tokens";

    public static void Map(RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Duties.ManageUsers);
        users.MapGet("/", ListAsync).WithSummary("Users with roles and entities");
        users.MapPost("/", AddAsync).WithSummary("Add a user (segregation of duties is checked)");
        users.MapPost("/{name}/disable", DisableAsync).WithSummary("Disable a user (sign-in and tokens)");

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", TokensAsync).WithSummary("Your personal access tokens");
        tokens.MapPost("/", CreateTokenAsync).RequireRateLimiting(TokenLimit)
            .WithSummary("Create a personal access token (shown once)");
        tokens.MapDelete("/{id:guid}", RevokeTokenAsync).WithSummary("Revoke one of your tokens");

        var hooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Duties.Configure);
        hooks.MapGet("/", (WebDb db, CancellationToken ct) => db.WebhookSubscriptions.AsNoTracking()
            .Select(s => new { s.Id, s.Url, s.Events, s.IsActive, s.CreatedBy, s.CreatedAt }).ToListAsync(ct))
            .WithSummary("Webhook subscriptions");
        hooks.MapPost("/", AddWebhookAsync).WithSummary("Subscribe a URL; the answer holds the signing secret (once)");
        hooks.MapDelete("/{id:guid}", async (Guid id, WebDb db, CancellationToken ct) =>
            await db.WebhookSubscriptions.Where(s => s.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsActive, false), ct) == 1
                ? Results.NoContent() : Problems.NotFound("webhook subscription", id.ToString()))
            .WithSummary("Stop a subscription");
    }

    public static async Task<List<UserDto>> ListUsersAsync(UserManager<AppUser> users, CancellationToken ct)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<UserDto>();
        foreach (var u in all)
            result.Add(new UserDto(u.UserName!, [.. await users.GetRolesAsync(u)], u.Entities, u.Language, u.IsDisabled,
                await users.IsLockedOutAsync(u) && !u.IsDisabled));
        return result;
    }

    private static async Task<IResult> ListAsync(UserManager<AppUser> users, CancellationToken ct) =>
        Results.Ok(await ListUsersAsync(users, ct));

    private static async Task<IResult> AddAsync(NewUserBody? body, UserManager<AppUser> users, O2cDb core,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .Check(!string.IsNullOrWhiteSpace(body?.Name), "name", "a user name")
            .Check(body?.Roles is { Length: > 0 }, "roles", "at least one of " + string.Join(", ", Roles.All))
            .Check(body?.Password is { Length: >= 10 }, "password", "at least 10 characters")
            .Check(body?.Language is null or "en" or "zh-CN", "language", "en or zh-CN");
        if (!v.IsValid) return v.Problem();
        var outcome = await new AddUser(users, core, clock, http.User.Identity!.Name!).ExecuteAsync(new NewUser(
            body!.Name!, body.Roles!, body.Entities ?? AppUser.AllEntities, body.Password!, body.Language ?? "en"), ct);
        return outcome.Error is { } e
            ? Problems.Refused(e, outcome.Detail, conflict: e == UserError.AlreadyExists)
            : Results.Created($"/api/v1/users/{body.Name}",
                (await ListUsersAsync(users, ct)).First(u => u.Name == body.Name));
    }

    private static async Task<IResult> DisableAsync(string name, UserManager<AppUser> users, O2cDb core,
        HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var outcome = await new DisableUser(users, core, clock, http.User.Identity!.Name!).ExecuteAsync(name, ct);
        return outcome.Error switch
        {
            UserError.UnknownUser => Problems.NotFound("user", name),
            { } e => Problems.Refused(e, outcome.Detail),
            null => Results.NoContent(),
        };
    }

    private static async Task<IResult> TokensAsync(WebDb db, HttpContext http, CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == http.User.Identity!.Name, ct);
        return Results.Ok(await db.AccessTokens.AsNoTracking().Where(t => t.UserId == me.Id).OrderBy(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToListAsync(ct));
    }

    private static async Task<IResult> CreateTokenAsync(NewTokenBody? body, WebDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .Check(!string.IsNullOrWhiteSpace(body?.Name) && body.Name.Length <= 100, "name",
                "a name, ≤ 100 characters")
            .Check(body?.Days is null or (>= 1 and <= 3650), "days", "between 1 and 3650, or omitted for no expiry");
        if (!v.IsValid) return v.Problem();
        var issued = await new IssueAccessToken(db, clock).ExecuteAsync(http.User.Identity!.Name!, body!.Name!,
            body.Days, ct);
        return issued is null ? Problems.Named(403, "UserDisabled", "A disabled user cannot create tokens.")
            : Results.Created($"/api/v1/tokens/{issued.Id}", issued);
    }

    private static async Task<IResult> RevokeTokenAsync(Guid id, WebDb db, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var me = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == http.User.Identity!.Name, ct);
        var now = clock.GetUtcNow();
        var n = await db.AccessTokens.Where(t => t.Id == id && t.UserId == me.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        return n == 1 ? Results.NoContent() : Problems.NotFound("token", id.ToString());
    }

    private static async Task<IResult> AddWebhookAsync(NewWebhookBody? body, WebDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Check(Uri.TryCreate(body?.Url, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https", "url", "an absolute http(s) URL");
        if (!v.IsValid) return v.Problem();
        var sub = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Url = body!.Url!, Events = body.Events ?? "*",
            Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            CreatedBy = http.User.Identity!.Name!, CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(sub);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/v1/webhooks/{sub.Id}", new { sub.Id, sub.Url, sub.Events, sub.Secret });
    }
}
