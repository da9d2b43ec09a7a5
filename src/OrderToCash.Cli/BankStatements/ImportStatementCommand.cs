using System.CommandLine;
using OrderToCash.BankStatements;
using OrderToCash.Money;
using Spectre.Console;

namespace OrderToCash.Cli.BankStatements;

/// <summary><c>o2c import statement FILE [--strict]</c>: stores a bank statement and recognises its cash.</summary>
public static class ImportStatementCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "camt.052/053/054, MT940/942, BAI2, CODA, NACHA, CSV",
        };
        var strict = new Option<bool>("--strict") { Description = "Refuse a statement whose balances do not add up" };
        var entity = new Option<string?>("--entity")
        {
            Description = "Legal entity for accounts not on file (default: the entity keeping its books in the " +
                          "statement's currency with the most open items)",
        };
        var command = new Command("statement", "Import a bank statement: credits to suspense, fees to bank charges")
        {
            file, strict, entity,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { CliContext.Error($"file not found: {path.FullName}"); return 1; }
            await using var db = await ctx.OpenAsync(ct);
            await using var stream = path.OpenRead();
            var result = await new ImportStatement(db, ctx.Clock, ctx.User)
                .ExecuteAsync(path.Name, stream, parse.GetValue(strict), parse.GetValue(entity), ct);
            return Print(ctx, path.Name, result);
        }));
        return command;
    }

    private static int Print(CliContext ctx, string file, ImportStatementResult result)
    {
        if (result.IsRefused)
        {
            var e = result.ParseError;
            Console.Error.WriteLine(e is null ? $"refused, nothing was written: {result.Detail}"
                : $"refused, nothing was written: {e.File}: {e.Location}: {e.Reason}");
            return 1;
        }
        ctx.Out.MarkupLineInterpolated($"{file} ({result.Format}): {result.Statements.Count} statement(s)");
        foreach (var s in result.Statements)
        {
            var c = Currency.Of(s.Currency);
            var check = s.BalanceCheck switch
            {
                BalanceCheck.Balanced => "balanced", BalanceCheck.Mismatch => "MISMATCH", _ => "no balances",
            };
            Console.WriteLine(
                $"  {s.Position}. account {s.Account} {s.Currency}, statement {s.StatementId ?? "-"}: " +
                $"{s.Entries} entries, " +
                $"credits {Amounts.Format(s.CreditsMinor, c)}, debits {Amounts.Format(s.DebitsMinor, c)}, " +
                $"balance check {check}");
            Console.WriteLine(s.WasAlreadyImported
                ? $"     already imported: nothing added"
                : $"     {s.NewLines} new line(s), {s.KnownLines} already imported, " +
                  $"{s.LinkedLines} linked to intraday; " +
                  $"{s.Receipts} receipt(s) to suspense, {s.Charges} fee(s) posted, {s.Ignored} ignored");
        }
        foreach (var opened in result.OpenedAccounts)
            ctx.Out.MarkupLineInterpolated($"Bank account {opened} was not on file: opened it.");
        if (result.Statements.All(s => s.WasAlreadyImported))
            ctx.Out.MarkupLineInterpolated($"{file}: already imported; nothing added.");
        foreach (var warning in result.Warnings) Console.Error.WriteLine($"warning: {file}: {warning}");
        return 0;
    }
}
