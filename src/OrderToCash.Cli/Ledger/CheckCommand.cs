using System.CommandLine;
using OrderToCash.Ledger;
using Spectre.Console;

namespace OrderToCash.Cli.Ledger;

/// <summary><c>o2c check</c>: every invariant and the hash chain; exit 0 when all hold, 1 with a report
/// otherwise.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var command = new Command("check", "Verify the ledger's invariants and hash chain");
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            await using var db = await ctx.OpenAsync(ct);
            LedgerCheckReport report = null!;
            await ctx.Out.Status().StartAsync("Checking the ledger...", async status =>
                report = await new CheckLedger(db, ctx.Clock).ExecuteAsync(
                    new Progress<string>(s => status.Status($"Checking: {s}")), ct));
            foreach (var p in report.Passed) ctx.Out.MarkupLineInterpolated($"[green]ok[/]    {p}");
            foreach (var group in report.Violations.GroupBy(v => v.Invariant))
            {
                ctx.Out.MarkupLineInterpolated($"[red]FAIL[/]  {group.Key}");
                foreach (var v in group) ctx.Out.MarkupLineInterpolated($"        {v.Detail}");
            }
            ctx.Out.MarkupLineInterpolated(
                $"{report.Entries} entries, {report.Lines} lines, {report.OpenItems} open items; {
                    report.SealedNow} sealed now.");
            ctx.Out.MarkupLine(report.IsClean
                ? "[green]All invariants hold.[/]"
                : "[red]The ledger has problems (above).[/]");
            return report.IsClean ? 0 : 1;
        }));
        return command;
    }
}
