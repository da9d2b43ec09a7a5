using System.CommandLine;
using System.Text;
using OrderToCash.CashApplication;
using Spectre.Console;

namespace OrderToCash.Cli.CashApplication;

/// <summary><c>o2c cashapp run [--threshold X]</c> and <c>o2c export applications --out FILE</c>.</summary>
public static class CashAppCommand
{
    public static Command Create()
    {
        var cashapp = new Command("cashapp", "Cash application");
        var threshold = new Option<decimal?>("--threshold")
        {
            Description = "Confidence at or above which receipts are applied without a person (default 0.95)",
        };
        var run = new Command("run", "Match every receipt in suspense; apply the confident ones, propose the rest")
        {
            threshold,
        };
        run.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            var settings = new MatchSettings();
            if (parse.GetValue(threshold) is { } t) settings = settings with { AutoApplyThreshold = t };
            CashApplicationRunSummary summary = null!;
            await ctx.Out.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(),
                    new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async p =>
                {
                    var task = p.AddTask("Matching receipts", maxValue: 1);
                    summary = await new RunCashApplication(db, ctx.Clock, ctx.User).ExecuteAsync(settings,
                        new Progress<(int Done, int Total)>(x =>
                        {
                            task.MaxValue = Math.Max(1, x.Total);
                            task.Value = x.Done;
                        }),
                        ct);
                    task.Value = task.MaxValue;
                });
            Console.WriteLine($"{summary.Lines} receipts: {summary.Applied} applied, {summary.Suggested} suggested, " +
                $"{summary.Unapplied} unapplied, {summary.OnAccount} on account, {summary.WrongPocket} wrong pocket, " +
                $"{summary.Unidentified} unidentified.");
            if (summary.AutoApplyRefused > 0)
                Console.WriteLine(
                    $"{summary.AutoApplyRefused} confident matches were left as suggestions (see reasons).");
            foreach (var b in summary.Bounds.Take(20)) Console.WriteLine($"bound hit: {b}");
            return 0;
        }));
        cashapp.Subcommands.Add(run);
        cashapp.Subcommands.Add(Learn());
        return cashapp;
    }

    // o2c cashapp learn CUSTOMER [--account A] [--name N]: what a person confirmed, so the next payment is known.
    private static Command Learn()
    {
        var customer = new Argument<string>("customer") { Description = "Customer id" };
        var account = new Option<string?>("--account") { Description = "Payer account (IBAN or account number)" };
        var name = new Option<string?>("--name") { Description = "Payer name as the bank writes it" };
        var learn = new Command("learn", "Remember that a payer account or name belongs to a customer")
        {
            customer, account, name,
        };
        learn.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var (id, a, n) = (parse.GetValue(customer)!, parse.GetValue(account), parse.GetValue(name));
            if (string.IsNullOrWhiteSpace(a) && string.IsNullOrWhiteSpace(n))
            {
                CliContext.Error("give --account or --name (or both)");
                return 2;
            }
            await using var db = await ctx.OpenAsync(ct);
            var use = new LearnPayer(db, ctx.Clock, ctx.User);
            var outcomes = new List<(string What, LearnPayerOutcome Outcome)>();
            if (!string.IsNullOrWhiteSpace(a)) outcomes.Add(("account", await use.ExecuteAsync(id, a, ct)));
            if (!string.IsNullOrWhiteSpace(n)) outcomes.Add(("name", await use.LearnNameAsync(id, n, ct)));
            foreach (var (what, outcome) in outcomes)
            {
                if (outcome is LearnPayerOutcome.UnknownCustomer or LearnPayerOutcome.InvalidAccount)
                {
                    CliContext.Error($"{what}: {outcome} ({id})");
                    return 1;
                }
                Console.WriteLine($"{what}: {outcome}");
            }
            return 0;
        }));
        return learn;
    }

    public static Command Export()
    {
        var export = new Command("export", "Export results");
        var output = new Option<FileInfo?>("--out") { Description = "Write here instead of standard output" };
        var applications = new Command("applications", "applications.csv: one row per statement entry and invoice")
        {
            output,
        };
        applications.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            var rows = await new ExportApplications(db).ExecuteAsync(ct);
            var text = ApplicationsCsv.Format(rows);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, new UTF8Encoding(false), ct);
                Console.WriteLine($"{rows.Count} rows written to {file.FullName}");
            }
            else Console.Write(text);
            return 0;
        }));
        export.Subcommands.Add(applications);
        return export;
    }
}
