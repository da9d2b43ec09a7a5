using System.CommandLine;
using OrderToCash.Close;

namespace OrderToCash.Cli.Ledger;

/// <summary><c>o2c period close|reopen ENTITY YYYY-MM</c>.</summary>
public static class PeriodCommand
{
    public static Command Create()
    {
        var period = new Command("period", "Close or reopen a monthly fiscal period");
        period.Subcommands.Add(Verb("close", reopen: false));
        period.Subcommands.Add(Verb("reopen", reopen: true));
        return period;
    }

    private static Command Verb(string name, bool reopen)
    {
        var entity = new Argument<string>("ENTITY") { Description = "Legal entity id (e.g. DEFAULT)" };
        var month = new Argument<string>("YYYY-MM") { Description = "The period" };
        var command = new Command(name, $"{name} a period") { entity, month };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            var text = parse.GetValue(month)!;
            if (text.Length != 7 || !int.TryParse(text[..4], out var y) || !int.TryParse(text[5..], out var m)
                || m is < 1 or > 12)
            {
                CliContext.Error($"'{text}' is not a period (YYYY-MM)");
                return 2;
            }
            await using var db = await ctx.OpenAsync(ct);
            var error = await new ClosePeriod(db, ctx.Clock, ctx.User)
                .ExecuteAsync(parse.GetValue(entity)!, y, m, reopen, ct);
            if (error is not null) { CliContext.Error($"{error}: {parse.GetValue(entity)} {text}"); return 1; }
            Console.WriteLine($"{parse.GetValue(entity)} {text} {(reopen ? "reopened" : "closed")}.");
            return 0;
        }));
        return command;
    }
}
