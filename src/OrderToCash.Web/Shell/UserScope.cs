using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OrderToCash.Web.Shell;

/// <summary>
/// The legal entities a signed-in person may see. Every query is filtered by it; another entity's id is 404.
/// </summary>
public sealed record UserScope(bool All, IReadOnlyCollection<string> Entities)
{
    public const string EntityClaim = "o2c:entity";
    public const string LanguageClaim = "o2c:lang";

    public bool Sees(string? legalEntityId) => All || (legalEntityId is not null && Entities.Contains(legalEntityId));

    public static UserScope Of(ClaimsPrincipal user)
    {
        var entities = user.FindAll(EntityClaim).Select(c => c.Value).ToList();
        return new UserScope(entities.Contains(AppUser.AllEntities), entities);
    }

    public static IReadOnlyList<string> Parse(string entities) =>
        entities.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public static class UserScopeQueries
{
    /// <summary>Rows of the entities the person may see.</summary>
    public static IQueryable<T> Visible<T>(this IQueryable<T> rows, UserScope scope,
        System.Linq.Expressions.Expression<Func<T, string>> entity)
    {
        if (scope.All) return rows;
        var ids = scope.Entities.ToList();
        var p = entity.Parameters[0];
        var contains = System.Linq.Expressions.Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains),
            [typeof(string)], System.Linq.Expressions.Expression.Constant(ids), entity.Body);
        return rows.Where(System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(contains, p));
    }
}

/// <summary>Adds the person's entities and language to their sign-in (cookie or token).</summary>
public sealed class AppClaims(UserManager<AppUser> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var e in UserScope.Parse(user.Entities)) identity.AddClaim(new Claim(UserScope.EntityClaim, e));
        identity.AddClaim(new Claim(UserScope.LanguageClaim, user.Language));
        return identity;
    }
}

/// <summary>The UI culture from the signed-in person's language, else the culture cookie or the browser.</summary>
public sealed class UserLanguageProvider : Microsoft.AspNetCore.Localization.RequestCultureProvider
{
    public static readonly string[] Supported = ["en", "zh-CN"];

    public override Task<Microsoft.AspNetCore.Localization.ProviderCultureResult?> DetermineProviderCultureResult(
        HttpContext context)
    {
        var lang = context.User.FindFirst(UserScope.LanguageClaim)?.Value;
        return Task.FromResult(lang is null || !Supported.Contains(lang) ? null
            : new Microsoft.AspNetCore.Localization.ProviderCultureResult(lang));
    }

    /// <summary>The supported cultures, with dates as ISO 8601 (2026-11-22) in every language: a shared service centre
    /// compares dates across countries, and 10/8/2026 reads differently in each.</summary>
    public static CultureInfo[] Cultures { get; } = Supported.Select(Iso).ToArray();

    private static CultureInfo Iso(string name)
    {
        var culture = new CultureInfo(name);
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        return CultureInfo.ReadOnly(culture);
    }
}
