using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace OrderToCash.Web.Shell;

public sealed record IssuedToken(Guid Id, string Name, string Token, DateTimeOffset? ExpiresAt);

/// <summary>Creates a personal access token for a user: random, shown once, stored as its SHA-256.</summary>
public sealed class IssueAccessToken(WebDb db, TimeProvider clock)
{
    public const string Prefix = "o2c_";

    public async Task<IssuedToken?> ExecuteAsync(string userName, string name, int? days,
        CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == userName.ToUpperInvariant(), ct);
        if (user is null || user.IsDisabled) return null;
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        var row = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(now), UserId = user.Id, Name = name, Prefix = token[..10], Hash = Hash(token),
            CreatedAt = now, ExpiresAt = days is { } d ? now.AddDays(d) : null,
        };
        db.AccessTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(row.Id, name, token, row.ExpiresAt);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// Authenticates `Authorization: Bearer o2c_...`: the token's user with the user's current roles and entities, so
/// a token never grants more than its owner has now.
/// </summary>
public sealed class AccessTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger, UrlEncoder encoder, WebDb db, IUserClaimsPrincipalFactory<AppUser> claims,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "AccessToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = IssueAccessToken.Hash(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow();
        var token = await db.AccessTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt < now)
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || user.IsDisabled || user.LockoutEnd > now) return AuthenticateResult.Fail("user disabled");
        var principal = await claims.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Name));
    }
}
