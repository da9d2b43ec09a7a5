using Microsoft.AspNetCore.Identity;

namespace OrderToCash.Web.Shell;

/// <summary>A person who signs in: Identity's user plus the legal entities they may see and their language.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>Legal entity ids separated by ';', or <see cref="AllEntities"/>.</summary>
    public string Entities { get; set; } = AllEntities;
    /// <summary>UI culture: en or zh-CN.</summary>
    public string Language { get; set; } = "en";
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public const string AllEntities = "*";
}

/// <summary>A personal access token for the API. Only its SHA-256 is stored; the token is shown once.</summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    /// <summary>The first characters, so a person can tell their tokens apart.</summary>
    public required string Prefix { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>The first answer to a POST with an Idempotency-Key, replayed for a retry with the same body.</summary>
public sealed class IdempotencyRecord
{
    public required string UserName { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public required byte[] Body { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An ASP.NET Core data-protection key, kept in the database so several processes share sign-ins.</summary>
public sealed class ProtectionKey
{
    public int Id { get; init; }
    public required string FriendlyName { get; init; }
    public required string Xml { get; init; }
}
