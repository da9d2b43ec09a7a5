using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Shell;

/// <summary>
/// Identity's settings, shared by the web host and the CLI (`o2c users`, `o2c tokens`), so a user added from the
/// command line signs in under the same rules.
/// </summary>
public static class WebIdentity
{
    public static void Configure(IdentityOptions o)
    {
        o.Password.RequireDigit = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredLength = 10;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
    }

    /// <summary>Both migration sets (core and web tables) and the roles, as on the web host's start.</summary>
    public static async Task MigrateAsync(DbTarget target, CancellationToken ct = default)
    {
        await using (var core = await OrderToCash.Data.Database.OpenAsync(target.Value, ct)) { }
        await using var web = target.OpenWeb();
        await web.Database.MigrateAsync(ct);
        using var sp = Standalone(target);
        await Users.AddUser.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
    }

    /// <summary>User and role managers over the database, without a web host (for the CLI).</summary>
    public static ServiceProvider Standalone(DbTarget target)
    {
        var s = new ServiceCollection();
        s.AddLogging();
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton(target);
        s.AddScoped(sp => sp.GetRequiredService<DbTarget>().OpenWeb());
        s.AddIdentityCore<AppUser>(Configure).AddRoles<IdentityRole>().AddEntityFrameworkStores<WebDb>();
        return s.BuildServiceProvider();
    }
}
