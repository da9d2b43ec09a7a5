using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Demo;
using Spectre.Console;

namespace OrderToCash.Cli.Demo;

/// <summary><c>o2c demo [--seed N] [--as-of DATE]</c>: builds the demo company into an empty database.</summary>
public static class DemoCommand
{
    public static readonly Option<int> Seed = new("--seed")
        { Description = "Random seed (same seed, same company)", DefaultValueFactory = _ => 42 };
    public static readonly Option<string?> AsOf = new("--as-of")
        { Description = "Last day of the 12 months (default: today)" };

    public static Command Create()
    {
        var command = new Command("demo", "Build a realistic demo company (2 entities, ~200 customers, 12 months)")
            { Seed, AsOf };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            return await BuildAsync(ctx, db, parse.GetValue(Seed), parse.GetValue(AsOf), ct);
        }));
        return command;
    }

    public static async Task<int> BuildAsync(CliContext ctx, OrderToCash.Data.O2cDb db, int seed, string? asOfText,
        CancellationToken ct)
    {
        if (await db.Customers.AnyAsync(ct) || await db.JournalEntries.AnyAsync(ct))
        {
            CliContext.Error("the database is not empty; the demo company goes into a new database (use --db)");
            return 1;
        }
        var asOf = DateOnly.FromDateTime(ctx.Clock.GetLocalNow().Date);
        if (asOfText is not null && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out asOf))
        {
            CliContext.Error($"--as-of '{asOfText}' is not a date (YYYY-MM-DD)");
            return 2;
        }
        DemoSummary summary = null!;
        await ctx.Out.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async p =>
            {
                var task = p.AddTask("Building the demo company", maxValue: 1);
                summary = await new BuildDemoCompany(db, ctx.Clock, ctx.User).ExecuteAsync(seed, asOf,
                    new Progress<(int Done, int Total)>(x => { task.MaxValue = x.Total; task.Value = x.Done; }), ct);
                task.Value = task.MaxValue;
            });
        ctx.Out.WriteLine(
            $"Demo company built (seed {seed}, up to {asOf:yyyy-MM-dd}): {summary.Customers} customers, " +
            $"{summary.Invoices} invoices, " +
            $"{summary.Receipts} receipts, {summary.CreditMemos} credit memos, " +
            $"{summary.ShortPayments} short payments, " +
            $"{summary.WriteOffs} write-offs, {summary.OnHold} customers on hold.");
        return 0;
    }
}
