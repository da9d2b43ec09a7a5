using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Users;

public enum UserError { InvalidName, UnknownRole, NoRole, RolesConflict, AlreadyExists, WeakPassword, UnknownUser,
    CannotDisableSelf }

public sealed record UserOutcome(UserError? Error, string Detail)
{
    public static readonly UserOutcome Ok = new(null, "");
}

public sealed record NewUser(string Name, IReadOnlyList<string> Roles, string Entities, string Password,
    string Language = "en");

/// <summary>
/// Adds a local user with roles and legal entities. Refuses role pairs that break segregation of duties
/// (<see cref="Shell.Roles.Conflicts"/>). The change is audited.
/// </summary>
public sealed class AddUser(UserManager<Shell.AppUser> users, OrderToCash.Data.O2cDb core, TimeProvider clock,
    string actor)
{
    public async Task<UserOutcome> ExecuteAsync(NewUser u, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(u.Name) || u.Name.Length > 64
            || !u.Name.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_'))
            return new(UserError.InvalidName, "a user name is 1-64 letters, digits, '.', '-' or '_'");
        var roles = new List<string>();
        foreach (var r in u.Roles)
        {
            if (Shell.Roles.Normalise(r) is not { } role) return new(UserError.UnknownRole,
                $"unknown role '{r}'; roles: {string.Join(", ", Shell.Roles.All)}");
            roles.Add(role);
        }
        if (roles.Count == 0) return new(UserError.NoRole, "give the user at least one role");
        if (Shell.Roles.ConflictsIn(roles).ToList() is { Count: > 0 } conflicts)
            return new(UserError.RolesConflict, "segregation of duties forbids " + string.Join(", ", conflicts));
        if (await users.FindByNameAsync(u.Name) is not null) return new(UserError.AlreadyExists, $"{u.Name} exists");

        var user = new Shell.AppUser
        {
            UserName = u.Name,
            Entities = string.IsNullOrWhiteSpace(u.Entities) ? Shell.AppUser.AllEntities : u.Entities,
            Language = u.Language, CreatedAt = clock.GetUtcNow(), LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, u.Password);
        if (!created.Succeeded)
            return new(UserError.WeakPassword, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles);
        new OrderToCash.Audit.AuditTrail(core, clock, actor).Record("user.added", "user", u.Name, null,
            new { u.Name, Roles = roles, user.Entities });
        await core.SaveChangesAsync(ct);
        return UserOutcome.Ok;
    }

    /// <summary>Makes sure every role exists (first start).</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var r in Shell.Roles.All)
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
    }
}

/// <summary>Disables a user: they can neither sign in nor use their tokens. Audited.</summary>
public sealed class DisableUser(UserManager<Shell.AppUser> users, OrderToCash.Data.O2cDb core, TimeProvider clock,
    string actor)
{
    public async Task<UserOutcome> ExecuteAsync(string name, CancellationToken ct = default)
    {
        var user = await users.Users.FirstOrDefaultAsync(x => x.NormalizedUserName == name.ToUpperInvariant(), ct);
        if (user is null) return new(UserError.UnknownUser, $"no user {name}");
        if (string.Equals(name, actor, StringComparison.OrdinalIgnoreCase))
            return new(UserError.CannotDisableSelf, "you cannot disable yourself");
        user.IsDisabled = true;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        new OrderToCash.Audit.AuditTrail(core, clock, actor).Record("user.disabled", "user", name,
            new { IsDisabled = false }, new { IsDisabled = true });
        await core.SaveChangesAsync(ct);
        return UserOutcome.Ok;
    }
}
