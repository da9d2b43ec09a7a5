using System.CommandLine;
using System.Globalization;
using System.Text;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Spectre.Console;

namespace OrderToCash.Cli.Ledger;

/// <summary><c>o2c report trial-balance [--as-of DATE] [--out FILE.csv]</c>.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var report = new Command("report", "Reports");
        var asOf = new Option<string?>("--as-of")
            { Description = "Balances up to and including this date (YYYY-MM-DD)" };
        var output = new Option<FileInfo?>("--out") { Description = "Write CSV here instead of a table" };
        var tb = new Command("trial-balance", "Balances per legal entity, account and currency") { asOf, output };
        tb.SetAction((parse, ct) => CliContext.RunAsync(parse, ct, async ctx =>
        {
            DateOnly? date = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                        out var d))
                {
                    CliContext.Error($"--as-of '{text}' is not a date (YYYY-MM-DD)");
                    return 2;
                }
                date = d;
            }
            await using var db = await ctx.OpenAsync(ct);
            var rows = await new TrialBalance(db).ExecuteAsync(date, ct);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, Csv(rows), new UTF8Encoding(false), ct);
                ctx.Out.MarkupLineInterpolated($"{rows.Count} rows written to {file.FullName}");
                return 0;
            }
            var table = new Table().AddColumns("Entity", "Account", "Name", "Role", "Ccy", "Debit", "Credit", "Balance",
                "Functional");
            foreach (var r in rows)
            {
                var c = Currency.Of(r.Currency);
                table.AddRow(r.LegalEntity, r.AccountCode, Markup.Escape(r.AccountName), AccountRoles.Name(r.Role),
                    r.Currency, Amounts.Format(r.DebitMinor, c), Amounts.Format(r.CreditMinor, c),
                    Amounts.Format(r.BalanceMinor, c),
                    Amounts.Format(r.FunctionalBalanceMinor, Currency.Of(r.FunctionalCurrency)) + " " +
                        r.FunctionalCurrency);
            }
            ctx.Out.Write(table);
            return 0;
        }));
        report.Subcommands.Add(tb);
        report.Subcommands.Add(BankStatements.BankReconciliationCommand.Create());
        return report;
    }

    public static string Csv(IReadOnlyList<TrialBalanceRow> rows)
    {
        var sb = new StringBuilder(
            "legal_entity,account_code,account_name,account_role,currency,debit,credit,balance,functional_balance\n");
        foreach (var r in rows)
        {
            var c = Currency.Of(r.Currency);
            sb.Append(CsvTable.Escape(r.LegalEntity)).Append(',').Append(CsvTable.Escape(r.AccountCode)).Append(',')
              .Append(CsvTable.Escape(r.AccountName)).Append(',').Append(AccountRoles.Name(r.Role)).Append(',')
              .Append(r.Currency).Append(',').Append(Amounts.Format(r.DebitMinor, c)).Append(',')
              .Append(Amounts.Format(r.CreditMinor, c)).Append(',')
              .Append(Amounts.Format(r.BalanceMinor, c)).Append(',')
              .Append(Amounts.Format(r.FunctionalBalanceMinor, Currency.Of(r.FunctionalCurrency))).Append('\n');
        }
        return sb.ToString();
    }
}
