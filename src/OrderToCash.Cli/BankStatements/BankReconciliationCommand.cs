using System.CommandLine;
using System.Globalization;
using OrderToCash.BankStatements;
using OrderToCash.Money;

namespace OrderToCash.Cli.BankStatements;

/// <summary><c>o2c report bank-reconciliation --account X [--currency C] [--from D] [--to D]</c>.</summary>
public static class BankReconciliationCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account")
        {
            Description = "Bank account (IBAN or number)", Required = true,
        };
        var currency = new Option<string?>("--currency") { Description = "Currency, when the account has several" };
        var from = new Option<string?>("--from") { Description = "First booking date (YYYY-MM-DD)" };
        var to = new Option<string?>("--to") { Description = "Last booking date (YYYY-MM-DD)" };
        var command = new Command("bank-reconciliation", "Tie a bank account's statement lines to its ledger account")
        {
            account, currency, from, to,
        };
        command.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            if (!TryDate(parse.GetValue(from), "--from", out var start)
                || !TryDate(parse.GetValue(to), "--to", out var end)) return 2;
            await using var db = await ctx.OpenAsync(ct);
            var report = await new ReconcileBank(db, ctx.Clock, ctx.User)
                .ExecuteAsync(parse.GetValue(account)!, start, end, parse.GetValue(currency), ct);
            if (report.Run is not { } run)
            {
                CliContext.Error($"{report.Error}: {report.Detail}");
                return 1;
            }
            var c = Currency.Of(run.Currency);
            Console.WriteLine($"Bank reconciliation of {report.AccountNumber} {run.Currency}, " +
                $"{Range(run.FromDate)} to {Range(run.ToDate)}");
            Console.WriteLine($"  statement lines        {run.StatementLines,8}");
            Console.WriteLine($"  posted (receipts, fees){Amounts.Format(run.PostedNetMinor, c),16}");
            Console.WriteLine($"  ignored with a reason  {Amounts.Format(run.IgnoredNetMinor, c),16}");
            Console.WriteLine($"  bank ledger movement   {Amounts.Format(run.LedgerNetMinor, c),16}  " +
                $"({run.LedgerLines} lines)");
            foreach (var d in report.Differences)
                Console.WriteLine($"  DIFFERENCE {d.Kind} {d.Date:yyyy-MM-dd} {Amounts.Format(d.AmountMinor, c)} " +
                    $"{d.Reference}: {d.Detail}");
            Console.WriteLine(run.IsTiedOut ? "Tied out." : $"NOT tied out: {run.Differences} difference(s).");
            return run.IsTiedOut ? 0 : 3;
        }));
        return command;
    }

    private static string Range(DateOnly date) =>
        date == DateOnly.MinValue || date == DateOnly.MaxValue ? "(open)" : date.ToString("yyyy-MM-dd");

    private static bool TryDate(string? text, string option, out DateOnly? date)
    {
        date = null;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        CliContext.Error($"{option} '{text}' is not a date (YYYY-MM-DD)");
        return false;
    }
}
