using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Demo;
using OrderToCash.Web.Users;

namespace OrderToCash.Web.Shell;

/// <summary>
/// On start: both migration sets run (core and web tables); the roles exist; with --demo an empty database gets
/// the demo company (seed 42, up to today) and one demo user per role.
/// </summary>
public static class PrepareDatabase
{
    public const int DemoSeed = 42;

    public static string DemoPassword(string user) => user + "-demo";

    /// <summary>The demo sign-ins: one user per role, named after the role in lower case.</summary>
    public static IReadOnlyList<(string User, string Role)> DemoUsers { get; } =
    [
        ("admin", Roles.Admin), ("billing", Roles.Billing), ("cashapp", Roles.CashApplication),
        ("credit", Roles.Credit), ("collections", Roles.Collections), ("teamlead", Roles.TeamLead),
        ("treasury", Roles.Treasury), ("auditor", Roles.Auditor),
    ];

    public static async Task RunAsync(WebApplication app, CancellationToken ct = default)
    {
        var target = app.Services.GetRequiredService<DbTarget>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        await WebIdentity.MigrateAsync(target, ct);
        await using (var core = target.OpenCore())
        {
            if (target.IsDemo && !await core.Customers.AnyAsync(ct))
            {
                Console.WriteLine("Building the demo company (about 20 seconds)...");
                var asOf = DateOnly.FromDateTime(clock.GetLocalNow().Date);
                var summary = await new BuildDemoCompany(core, clock, "demo").ExecuteAsync(DemoSeed, asOf, ct: ct);
                Console.WriteLine($"Demo company: {summary.Customers} customers, {summary.Invoices} invoices, " +
                                  $"{summary.Receipts} receipts.");
            }
        }
        using var scope = app.Services.CreateScope();
        if (!target.IsDemo) return;
        await AddDemoUsersAsync(scope.ServiceProvider, clock, ct);
        // A ready token for trying the API; each start issues a new one (they are cheap and revocable).
        var web = scope.ServiceProvider.GetRequiredService<WebDb>();
        DemoToken = (await new IssueAccessToken(web, clock).ExecuteAsync("admin", "o2c serve --demo", 30, ct))?.Token;
    }

    /// <summary>The API token printed by a demo start (admin, 30 days).</summary>
    public static string? DemoToken { get; private set; }

    private static async Task AddDemoUsersAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        await using var core = sp.GetRequiredService<DbTarget>().OpenCore();
        foreach (var (name, role) in DemoUsers)
        {
            if (await users.FindByNameAsync(name) is not null) continue;
            // Another process serving the same database may add the same user at the same moment; that is fine.
            try
            {
                await new AddUser(users, core, clock, "demo").ExecuteAsync(
                    new NewUser(name, [role], AppUser.AllEntities, DemoPassword(name)), ct);
            }
            catch (DbUpdateException) { }
        }
    }

    public static void PrintBanner(WebApplication app)
    {
        var target = app.Services.GetRequiredService<DbTarget>();
        var urls = string.Join(", ", app.Urls);
        Console.WriteLine($"OrderToCash is serving {target.Display}");
        Console.WriteLine($"  Open {urls} (API reference: {urls.Split(", ")[0]}/api-docs)");
        if (!target.IsDemo) return;
        Console.WriteLine("  Demo sign-ins (user / password):");
        foreach (var (user, role) in DemoUsers) Console.WriteLine($"    {user,-12} {DemoPassword(user),-18} {role}");
        if (DemoToken is not null)
            Console.WriteLine($"  API token (admin, 30 days): curl -H 'Authorization: Bearer {DemoToken}' " +
                              $"{urls.Split(", ")[0]}/api/v1/customers");
    }
}
