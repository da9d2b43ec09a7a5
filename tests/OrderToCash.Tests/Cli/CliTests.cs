using System.Diagnostics;
using System.Text;
using Xunit;

namespace OrderToCash.Tests.Cli;

/// <summary>Golden tests of the <c>o2c</c> command: files and a command in, exit code and output out.</summary>
public class CliTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "o2c.dll");

    internal static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["COLUMNS"] = "200";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string Temp(string name, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"o2c-cli-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private static string Customers(int n)
    {
        var sb = new StringBuilder("customer_id,name,aliases,bank_accounts\n");
        for (var i = 1; i <= n; i++) sb.Append($"C{i},Customer {i} GmbH,CUST{i},DE{i:D20}\n");
        return sb.ToString();
    }

    private static (string Csv, long TotalMinor) OpenItems(int n)
    {
        var sb = new StringBuilder("customer_id,invoice_number,po_number,invoice_date,due_date,currency," +
            "original_amount,open_amount,discount_percent,discount_due_date\n");
        long total = 0;
        for (var i = 1; i <= n; i++)
        {
            var open = 1000 + i * 37 % 100000;
            total += open;
            sb.Append($"C{i % 50 + 1},INV-{i:D6},,2026-01-{i % 28 + 1:D2},2026-02-{i % 28 + 1:D2},EUR," +
                $"{(open + 500) / 100}.{(open + 500) % 100:D2},{open / 100}.{open % 100:D2},,\n");
        }
        return (sb.ToString(), total);
    }

    [Fact]
    public async Task Import_then_check_is_green_and_AR_equals_the_open_amounts()
    {
        var db = Temp("x.db", "");
        File.Delete(db);
        var (items, total) = OpenItems(3000);
        var c = await RunAsync("--db", db, "import", "customers", Temp("customers.csv", Customers(50)));
        Assert.True(c.Code == 0, c.Err);
        var o = await RunAsync("--db", db, "import", "open-items", Temp("open_items.csv", items));
        Assert.True(o.Code == 0, o.Err);
        Assert.Contains("3000 imported", o.Out);
        var check = await RunAsync("--db", db, "check");
        Assert.True(check.Code == 0, check.Out + check.Err);
        Assert.Contains("All invariants hold", check.Out);
        var tb = Temp("tb.csv", "");
        Assert.Equal(0, (await RunAsync("--db", db, "report", "trial-balance", "--out", tb)).Code);
        var lines = await File.ReadAllLinesAsync(tb);
        Assert.Equal(
            "legal_entity,account_code,account_name,account_role,currency,debit,credit,balance,functional_balance",
            lines[0]);
        var ar = lines.Single(l => l.Contains(",ar_control,"));
        Assert.EndsWith($",{total / 100}.{total % 100:D2},{total / 100}.{total % 100:D2}", ar);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_with_its_line_and_leaves_the_database_unchanged()
    {
        var db = Temp("y.db", "");
        File.Delete(db);
        var (items, _) = OpenItems(100);
        await RunAsync("--db", db, "import", "customers", Temp("customers.csv", Customers(50)));
        var bad = items.Replace("C3,INV-000052,", "C3,INV-000052x,")
            .Replace("2026-01-25,2026-02-25,EUR,", "2026-01-25,2026-02-25,EURO,");
        var before = await File.ReadAllBytesAsync(db);
        var result = await RunAsync("--db", db, "import", "open-items", Temp("open_items.csv", bad));
        Assert.Equal(1, result.Code);
        Assert.Contains("refused, nothing was written", result.Err);
        Assert.Matches(@"line \d+, column currency: unknown currency 'EURO'", result.Err);
        var tb = await RunAsync("--db", db, "report", "trial-balance");
        Assert.DoesNotContain("ar_control", tb.Out);
        Assert.True(before.Length > 0);
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_adds_nothing()
    {
        var db = Temp("z.db", "");
        File.Delete(db);
        var (items, _) = OpenItems(200);
        var customers = Temp("customers.csv", Customers(50));
        var open = Temp("open_items.csv", items);
        await RunAsync("--db", db, "import", "customers", customers);
        await RunAsync("--db", db, "import", "open-items", open);
        var first = await RunAsync("--db", db, "report", "trial-balance", "--out", Temp("a.csv", ""));
        var again = await RunAsync("--db", db, "import", "open-items", open);
        Assert.Equal(0, again.Code);
        Assert.Contains("already imported", again.Out);
        var customersAgain = await RunAsync("--db", db, "import", "customers", customers);
        Assert.Contains("already imported", customersAgain.Out);
        Assert.Equal(0, first.Code);
        Assert.Equal(0, (await RunAsync("--db", db, "check")).Code);
    }

    [Fact]
    public async Task Unknown_commands_and_missing_files_are_errors_not_stack_traces()
    {
        var missing = await RunAsync("--db", Temp("w.db", ""), "import", "customers", "/nonexistent/customers.csv");
        Assert.Equal(1, missing.Code);
        Assert.Contains("file not found", missing.Err);
        Assert.DoesNotContain("   at ", missing.Err);
        var period = await RunAsync("--db", Temp("v.db", ""), "period", "close", "DEFAULT", "2026-13");
        Assert.Equal(2, period.Code);
    }
}
