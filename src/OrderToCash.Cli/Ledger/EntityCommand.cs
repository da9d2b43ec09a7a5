using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using OrderToCash.LegalEntities;
using Spectre.Console;

namespace OrderToCash.Cli.Ledger;

/// <summary><c>o2c entity list</c>, <c>o2c entity add ID NAME CURRENCY</c>.</summary>
public static class EntityCommand
{
    public static Command Create()
    {
        var entity = new Command("entity", "Legal entities (company codes)");
        var list = new Command("list", "List legal entities");
        list.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            var table = new Table().AddColumns("Id", "Name", "Functional currency", "Country");
            foreach (var e in await db.LegalEntities.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct))
                table.AddRow(e.Id, Markup.Escape(e.Name), e.FunctionalCurrency, e.Country ?? "");
            ctx.Out.Write(table);
            return 0;
        }));
        var id = new Argument<string>("ID");
        var name = new Argument<string>("NAME");
        var currency = new Argument<string>("CURRENCY") { Description = "Functional currency (ISO 4217)" };
        var add = new Command("add", "Add a legal entity with the default chart of accounts") { id, name, currency };
        add.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            var error = await new CreateLegalEntity(db, ctx.Clock, ctx.User)
                .ExecuteAsync(parse.GetValue(id)!, parse.GetValue(name)!, parse.GetValue(currency)!, ct: ct);
            if (error is not null) { CliContext.Error($"{error}: {parse.GetValue(id)}"); return 1; }
            Console.WriteLine($"Legal entity {parse.GetValue(id)} added.");
            return 0;
        }));
        entity.Subcommands.Add(list);
        entity.Subcommands.Add(add);
        entity.Subcommands.Add(BankAccount());
        return entity;
    }

    /// <summary>
    /// <c>o2c entity bank-account ENTITY ACCOUNT CURRENCY [--bic BIC]</c>: registers a house bank account.
    /// </summary>
    private static Command BankAccount()
    {
        var entity = new Argument<string>("ENTITY");
        var account = new Argument<string>("ACCOUNT") { Description = "IBAN or account number" };
        var currency = new Argument<string>("CURRENCY");
        var bic = new Option<string?>("--bic");
        var command = new Command("bank-account", "Register a bank account of a legal entity (its own ledger account)")
        {
            entity, account, currency, bic,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            if (!OrderToCash.Money.Currency.TryParse(parse.GetValue(currency), out var c))
            {
                CliContext.Error($"unknown currency '{parse.GetValue(currency)}'");
                return 2;
            }
            await using var db = await ctx.OpenAsync(ct);
            if (!await db.LegalEntities.AnyAsync(e => e.Id == parse.GetValue(entity), ct))
            {
                CliContext.Error($"unknown legal entity '{parse.GetValue(entity)}'");
                return 1;
            }
            var bank = await new RegisterBankAccount(db, ctx.Clock, ctx.User).ExecuteAsync(parse.GetValue(entity)!,
                parse.GetValue(account)!, c, parse.GetValue(bic), ct: ct);
            Console.WriteLine($"Bank account {bank.AccountNumber} ({bank.Currency}) belongs to {bank.LegalEntityId}.");
            return 0;
        }));
        return command;
    }
}
