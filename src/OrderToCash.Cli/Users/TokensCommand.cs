using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OrderToCash.Web.Shell;

namespace OrderToCash.Cli.Users;

/// <summary><c>o2c tokens create --user NAME</c>: prints a new personal access token for the REST API.</summary>
public static class TokensCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user-name", "--for")
        {
            Description = "Whose token (the user's roles and entities)"
        };
        var name = new Option<string>("--name")
        {
            Description = "What the token is for", DefaultValueFactory = _ => "cli"
        };
        var days = new Option<int?>("--days") { Description = "Expires after this many days (default: never)" };
        var create = new Command("create", "Create a token and print it (it is shown only once)") { user, name, days };
        create.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            // `--user` is the global acting-user option; here it names the token's owner.
            var owner = parse.GetValue(user) ?? parse.GetValue(GlobalOptions.User);
            if (string.IsNullOrWhiteSpace(owner)) { CliContext.Error("say whose token: --user NAME"); return 2; }
            var (sp, _) = await UsersCommand.OpenAsync(ctx, ct);
            using (sp)
            using (var scope = sp.CreateScope())
            {
                var issued = await new IssueAccessToken(scope.ServiceProvider.GetRequiredService<WebDb>(), ctx.Clock)
                    .ExecuteAsync(owner, parse.GetValue(name)!, parse.GetValue(days), ct);
                if (issued is null) { CliContext.Error($"no active user {owner}"); return 2; }
                Console.WriteLine(issued.Token);
                return 0;
            }
        }));
        return new Command("tokens", "Personal access tokens for the REST API") { create };
    }
}
