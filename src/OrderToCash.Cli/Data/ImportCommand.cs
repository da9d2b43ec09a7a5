using System.CommandLine;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Spectre.Console;

namespace OrderToCash.Cli.Data;

/// <summary><c>o2c import customers|open-items|fx-rates FILE [--skip-invalid] [--reject-file F]</c>.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Import a contract file (customers.csv, open_items.csv, fx_rates.csv)");
        import.Subcommands.Add(Verb("customers", "Import customers.csv",
            (ctx, db, name, text, skip, reject, ct) =>
                new ImportCustomers(db, ctx.Clock, ctx.User).ExecuteAsync(name, text, skip, reject, ct)));
        import.Subcommands.Add(Verb("open-items",
            "Import open_items.csv (opening balances: Dr AR / Cr opening-balance clearing)",
            (ctx, db, name, text, skip, reject, ct) =>
                new ImportOpenItems(db, ctx.Clock, ctx.User).ExecuteAsync(name, text, skip, reject, ct)));
        import.Subcommands.Add(Verb("fx-rates", "Import fx_rates.csv: date,from_currency,to_currency,rate",
            (ctx, db, name, text, skip, reject, ct) =>
                new ImportFxRates(db, ctx.Clock, ctx.User).ExecuteAsync(name, text, skip, reject, ct)));
        import.Subcommands.Add(BankStatements.ImportStatementCommand.Create());
        import.Subcommands.Add(CashApplication.ImportRemittanceCommand.Create());
        return import;
    }

    private delegate Task<ImportResult> Run(CliContext ctx, O2cDb db, string name, string text, bool skipInvalid,
        string? rejectPath, CancellationToken ct);

    private static Command Verb(string name, string description, Run run)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file" };
        var skip = new Option<bool>("--skip-invalid")
            { Description = "Import the good rows; write the bad ones to a reject file" };
        var reject = new Option<FileInfo?>("--reject-file")
            { Description = "Where bad rows go with --skip-invalid (default FILE.rejects.csv)" };
        var command = new Command(name, description) { file, skip, reject };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { CliContext.Error($"file not found: {path.FullName}"); return 1; }
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            await using var db = await ctx.OpenAsync(ct);
            var rejectPath = parse.GetValue(reject)?.FullName ?? Path.ChangeExtension(path.FullName, ".rejects.csv");
            ImportResult result = null!;
            await ctx.Out.Status().StartAsync($"Importing {path.Name}...", async _ =>
                result = await run(ctx, db, path.Name, text, parse.GetValue(skip), rejectPath, ct));
            return Print(ctx, path.Name, result);
        }));
        return command;
    }

    private static int Print(CliContext ctx, string file, ImportResult result)
    {
        if (result.WasAlreadyImported)
        {
            ctx.Out.MarkupLineInterpolated($"{file}: already imported; nothing added.");
            return 0;
        }
        if (result.IsRefused)
        {
            Console.Error.WriteLine($"{file}: refused, nothing was written. {result.Problems.Count} problem(s):");
            foreach (var p in result.Problems) Console.Error.WriteLine($"  {file}: {p}");
            return 1;
        }
        ctx.Out.MarkupLineInterpolated(
            $"{file}: {result.Imported} imported, {result.Updated} updated, {result.Unchanged} unchanged.");
        foreach (var note in result.Notes) Console.Error.WriteLine($"note: {file}: {note}");
        foreach (var entity in result.OpenedEntities)
            Console.WriteLine($"Legal entity {entity} was not on file: opened it (rename it with o2c entity).");
        if (result.Problems.Count > 0)
        {
            Console.Error.WriteLine($"{result.Problems.Count} bad row(s) skipped, written to {result.RejectFile}:");
            foreach (var p in result.Problems.Take(20)) Console.Error.WriteLine($"  {file}: {p}");
        }
        return 0;
    }
}
