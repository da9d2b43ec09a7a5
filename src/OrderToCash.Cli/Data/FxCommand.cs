using System.CommandLine;
using System.Globalization;
using OrderToCash.Money;

namespace OrderToCash.Cli.Data;

/// <summary><c>o2c fx set FROM TO DATE RATE</c>: a rate by hand (1 FROM = RATE TO from DATE on).</summary>
public static class FxCommand
{
    public static Command Create()
    {
        var fx = new Command("fx", "Exchange rates");
        var from = new Argument<string>("FROM");
        var to = new Argument<string>("TO");
        var date = new Argument<string>("DATE") { Description = "YYYY-MM-DD" };
        var rate = new Argument<string>("RATE") { Description = "1 FROM = RATE TO" };
        var set = new Command("set", "Set a rate by hand") { from, to, date, rate };
        set.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var d))
            {
                CliContext.Error($"'{parse.GetValue(date)}' is not a date (YYYY-MM-DD)");
                return 2;
            }
            if (!decimal.TryParse(parse.GetValue(rate), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                    out var r))
            {
                CliContext.Error($"'{parse.GetValue(rate)}' is not a rate");
                return 2;
            }
            await using var db = await ctx.OpenAsync(ct);
            var error = await new SetFxRate(db, ctx.Clock, ctx.User)
                .ExecuteAsync(parse.GetValue(from)!, parse.GetValue(to)!, d, r, ct);
            if (error is not null) { CliContext.Error(error.ToString()!); return 1; }
            Console.WriteLine($"1 {parse.GetValue(from)} = {r} {parse.GetValue(to)} from {d:yyyy-MM-dd}.");
            return 0;
        }));
        fx.Subcommands.Add(set);
        return fx;
    }
}
