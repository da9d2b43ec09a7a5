using System.CommandLine;
using OrderToCash.CashApplication.Remittances;

namespace OrderToCash.Cli.CashApplication;

/// <summary><c>o2c import remittance FILE [--currency C]</c>: remittance advices (CSV or X12 820).</summary>
public static class ImportRemittanceCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Remittance advice: CSV or X12 820" };
        var currency = new Option<string>("--currency")
        {
            Description = "Currency of CSV rows without a currency column", DefaultValueFactory = _ => "EUR",
        };
        var command = new Command("remittance", "Import remittance advices and link them to their bank lines")
        {
            file, currency,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { CliContext.Error($"file not found: {path.FullName}"); return 1; }
            var text = await File.ReadAllTextAsync(path.FullName, ct);
            await using var db = await ctx.OpenAsync(ct);
            var result = await new ImportRemittance(db, ctx.Clock, ctx.User)
                .ExecuteAsync(path.Name, text, parse.GetValue(currency)!, ct);
            foreach (var warning in result.Warnings) Console.Error.WriteLine($"warning: {path.Name}: {warning}");
            if (result.Result.IsRefused)
            {
                Console.Error.WriteLine($"{path.Name}: refused, nothing was written. " +
                    $"{result.Result.Problems.Count} problem(s):");
                foreach (var p in result.Result.Problems) Console.Error.WriteLine($"  {path.Name}: {p}");
                return 1;
            }
            Console.WriteLine(result.Result.WasAlreadyImported
                ? $"{path.Name}: already imported; nothing added."
                : $"{path.Name} ({result.Format}): {result.Result.Imported} advice(s) imported, " +
                  $"{result.Linked} linked to a bank statement line.");
            return 0;
        }));
        return command;
    }
}
