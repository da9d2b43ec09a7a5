using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Ledger;
using Spectre.Console;

namespace OrderToCash.Cli.Ledger;

/// <summary><c>o2c accounts list [ENTITY]</c>, <c>o2c accounts rename ENTITY CODE NAME</c>.</summary>
public static class AccountsCommand
{
    public static Command Create()
    {
        var accounts = new Command("accounts", "The chart of accounts of each legal entity");
        var entityFilter = new Argument<string?>("ENTITY") { Arity = ArgumentArity.ZeroOrOne };
        var list = new Command("list", "List accounts with their roles") { entityFilter };
        list.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            var filter = parse.GetValue(entityFilter);
            var table = new Table().AddColumns("Entity", "Code", "Name", "Role");
            foreach (var a in await db.Accounts.AsNoTracking().Where(a => filter == null || a.LegalEntityId == filter)
                         .OrderBy(a => a.LegalEntityId).ThenBy(a => a.Code).ToListAsync(ct))
                table.AddRow(a.LegalEntityId, a.Code, Markup.Escape(a.Name), AccountRoles.Name(a.Role));
            ctx.Out.Write(table);
            return 0;
        }));
        var entity = new Argument<string>("ENTITY");
        var code = new Argument<string>("CODE");
        var name = new Argument<string>("NAME");
        var rename = new Command("rename", "Rename an account (code and role stay)") { entity, code, name };
        rename.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            if (await new RenameAccount(db, ctx.Clock, ctx.User).ExecuteAsync(parse.GetValue(entity)!,
                    parse.GetValue(code)!, parse.GetValue(name)!, ct))
                return 0;
            CliContext.Error($"no account {parse.GetValue(code)} in {parse.GetValue(entity)}");
            return 1;
        }));
        accounts.Subcommands.Add(list);
        accounts.Subcommands.Add(rename);
        return accounts;
    }
}
