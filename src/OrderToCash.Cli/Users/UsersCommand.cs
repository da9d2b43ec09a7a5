using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OrderToCash.Web.Shell;
using OrderToCash.Web.Users;
using Spectre.Console;

namespace OrderToCash.Cli.Users;

/// <summary><c>o2c users add|list|disable</c>: the web app's local users, from the command line.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "User name" };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role (repeat for several): " + string.Join(", ", Roles.All),
            Required = true, AllowMultipleArgumentsPerToken = true
        };
        var entities = new Option<string>("--entity")
        {
            Description = "Legal entities, ';'-separated (default: * = all)",
            DefaultValueFactory = _ => AppUser.AllEntities
        };
        var password = new Option<string?>("--password") { Description = "Password (default: generated and printed)" };
        var language = new Option<string>("--language")
        {
            Description = "en or zh-CN", DefaultValueFactory = _ => "en"
        };
        var add = new Command("add", "Add a user") { name, roles, entities, password, language };
        add.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var (sp, target) = await OpenAsync(ctx, ct);
            using (sp)
            {
                var pw = parse.GetValue(password) ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
                await using var core = target.OpenCore();
                var outcome = await new AddUser(
                        sp.GetRequiredService<UserManager<AppUser>>(), core, ctx.Clock, ctx.User)
                    .ExecuteAsync(new NewUser(parse.GetValue(name)!, parse.GetValue(roles)!,
                        parse.GetValue(entities)!, pw, parse.GetValue(language)!), ct);
                if (outcome.Error is { } e) { CliContext.Error($"{e}: {outcome.Detail}"); return 2; }
                ctx.Out.WriteLine($"Added {parse.GetValue(name)}" +
                    (parse.GetValue(password) is null ? $" with password {pw}" : ""));
                return 0;
            }
        }));

        var list = new Command("list", "List users with roles and entities");
        list.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var (sp, _) = await OpenAsync(ctx, ct);
            using (sp)
            {
                var table = new Table().AddColumns("user", "roles", "entities", "language", "status");
                foreach (var u in await UsersApi.ListUsersAsync(sp.GetRequiredService<UserManager<AppUser>>(), ct))
                    table.AddRow(Markup.Escape(u.Name), string.Join(", ", u.Roles), Markup.Escape(u.Entities),
                        u.Language, u.IsDisabled ? "disabled" : u.IsLockedOut ? "locked out" : "active");
                ctx.Out.Write(table);
                return 0;
            }
        }));

        var disableName = new Argument<string>("name") { Description = "User name" };
        var disable = new Command("disable", "Disable a user: no sign-in, no tokens") { disableName };
        disable.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var (sp, target) = await OpenAsync(ctx, ct);
            using (sp)
            {
                await using var core = target.OpenCore();
                var outcome = await new DisableUser(
                        sp.GetRequiredService<UserManager<AppUser>>(), core, ctx.Clock, ctx.User)
                    .ExecuteAsync(parse.GetValue(disableName)!, ct);
                if (outcome.Error is { } e) { CliContext.Error($"{e}: {outcome.Detail}"); return 2; }
                ctx.Out.WriteLine($"Disabled {parse.GetValue(disableName)}");
                return 0;
            }
        }));
        return new Command("users", "Local users of the web app") { add, list, disable };
    }

    public static async Task<(ServiceProvider, DbTarget)> OpenAsync(CliContext ctx, CancellationToken ct)
    {
        var target = new DbTarget(ctx.DbTarget, false);
        await WebIdentity.MigrateAsync(target, ct);
        return (WebIdentity.Standalone(target), target);
    }
}
