using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;
using OrderToCash.Customers;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

/// <summary>
/// The whole pipeline on a generated world, through the real use cases and database: import customers, rates and
/// open items, register the house banks, import the camt.053 statement, run cash application, export
/// applications.csv and score it against the world's truth.
/// </summary>
public class CashApplicationRunTests(ITestOutputHelper output)
{
    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_generated_world_is_applied_end_to_end_with_high_precision(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var world = await ImportWorldAsync(t, 11, 3000, 400);
        var summary = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        var rows = await new ExportApplications(t.Fresh()).ExecuteAsync();
        var score = Scorer.Score(world.Truth, rows);
        output.WriteLine(Scorer.Summary("pipeline", score));
        output.WriteLine($"run: {summary}");
        Assert.True(score.Total.PerPaymentRate >= 0.95m, Scorer.Summary("pipeline", score));
        Assert.True(score.Total.Precision >= 0.995m, Scorer.Summary("pipeline", score));
        foreach (var mustNot in new[] { Categories.Ambiguous, Categories.UnknownPayer, Categories.WrongPocket })
            Assert.Equal(0, score.ByCategory.FirstOrDefault(c => c.Category == mustNot)?.AutoApplied ?? 0);

        // The ledger holds, and a second run posts nothing twice.
        var entries = await t.Fresh().JournalEntries.CountAsync();
        await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        Assert.Equal(0, await t.Fresh().StatementLines.CountAsync(l => l.Status == StatementLineStatus.Applied
            && l.ReceiptOpenItemId == null));
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
        Assert.True(await t.Fresh().JournalEntries.CountAsync() >= entries);
        var applied = await t.Fresh().JournalEntries.CountAsync(e => e.Kind == "application");
        Assert.Equal(summary.Applied, applied);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_payer_confirmed_by_a_person_is_recognised_on_its_next_payment(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await BankStatements.ImportStatementTests.AddCustomerAsync(t, "C1", "Acme Trading GmbH");
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
            C1,INV-1,,2023-12-20,2024-01-19,EUR,123.45,123.45,,
            C1,INV-2,,2023-12-21,2024-01-20,EUR,234.56,234.56,,
            """;
        Assert.False((await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", items, false))
            .IsRefused);
        static string Statement(string id, string day, string amount) => $"""
            :20:{id}
            :25:DE89370400440532013000
            :28C:1/1
            :60F:C24010{day}EUR0,00
            :61:24010{day}010{day}C{amount}NTRFNONREF//{id}
            :86:166?00GUTSCHRIFT?20PAYMENT?32HANDELSHAUS NORD?31NL91ABNA0417164300
            :62F:C24010{day}EUR{amount}
            -
            """;
        Assert.False((await BankStatements.ImportStatementTests.ImportAsync(t, "1.sta", Statement("P1", "2", "123,45")))
            .IsRefused);
        var first = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        Assert.Equal((0, 1), (first.Applied, first.Suggested));
        var line = await t.Fresh().StatementLines.SingleAsync();
        var accepted = await new AcceptSuggestion(t.Fresh(), t.Clock, "clerk").ExecuteAsync(line.Id);
        Assert.Null(accepted.Error);
        Assert.True(await t.Fresh().CustomerBankAccounts.AnyAsync(a => a.CustomerId == "C1" && a.IsLearned
            && a.AccountNumber == "NL91ABNA0417164300"));
        Assert.True(await t.Fresh().CustomerAliases.AnyAsync(a => a.CustomerId == "C1"
            && a.Alias == "HANDELSHAUS NORD"));

        Assert.False((await BankStatements.ImportStatementTests.ImportAsync(t, "2.sta", Statement("P2", "3", "234,56")))
            .IsRefused);
        var second = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        Assert.Equal(1, second.Applied);
        var rows = await new ExportApplications(t.Fresh()).ExecuteAsync();
        Assert.Contains(rows, r => r is { BankReference: "P2", InvoiceNumber: "INV-2", Status: "applied" });
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_run_interrupted_between_chunks_and_run_again_posts_nothing_twice(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportWorldAsync(t, 13, 1500, 200);
        using var stop = new CancellationTokenSource();
        var interrupted = new RunCashApplication(t.Fresh(), t.Clock, "cashapp") { ChunkSize = 40 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.ExecuteAsync(
            progress: new Now<(int Done, int Total)>(p => { if (p.Done >= 80) stop.Cancel(); }), ct: stop.Token));
        var afterTwoChunks = await t.Fresh().StatementLines.CountAsync(l => l.Status == StatementLineStatus.Applied);
        Assert.InRange(afterTwoChunks, 1, 80);

        var summary = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp") { ChunkSize = 40 }.ExecuteAsync();
        Assert.True(summary.Applied > 50, $"{summary}");
        var applied = await t.Fresh().StatementLines.CountAsync(l => l.Status == StatementLineStatus.Applied);
        Assert.Equal(afterTwoChunks + summary.Applied, applied);
        Assert.Equal(applied, await t.Fresh().JournalEntries.CountAsync(e => e.Kind == "application"));
        Assert.Equal(await t.Fresh().StatementLines.CountAsync(l => l.ReceiptOpenItemId != null),
            await t.Fresh().JournalEntries.CountAsync(e => e.Kind == "receipt_identified"));
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));

        // Worse than an interruption: the lines forget they were applied while their entries stay. The stable entry
        // ids make the rerun find them (AlreadyPosted): nothing is posted again and the lines wait for a person.
        var entries = await t.Fresh().JournalEntries.CountAsync();
        await t.Fresh().StatementLines.Where(l => l.Status == StatementLineStatus.Applied).Take(20)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, StatementLineStatus.Unidentified)
                .SetProperty(l => l.ReceiptOpenItemId, (Guid?)null));
        await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        Assert.Equal(entries, await t.Fresh().JournalEntries.CountAsync());
        Assert.Equal(applied - 20,
            await t.Fresh().StatementLines.CountAsync(l => l.Status == StatementLineStatus.Applied));
        report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
    }

    /// <summary>Reports synchronously, so a test can stop a run at an exact point.</summary>
    private sealed class Now<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static async Task<World> ImportWorldAsync(TestDb t, int seed, int openItems, int receipts)
    {
        t.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 18, 0, 0, TimeSpan.Zero));
        var world = WorldGenerator.Generate(seed, 0, openItems, receipts);
        var files = WorldFiles.Of(world, "camt053");
        Assert.False((await new ImportCustomers(t.Fresh(), t.Clock, "t").ExecuteAsync("c.csv", files["customers.csv"],
            false)).IsRefused);
        var rates = await new ImportFxRates(t.Fresh(), t.Clock, "t").ExecuteAsync("r.csv", files["rates.csv"], false);
        Assert.False(rates.IsRefused, string.Join("; ", rates.Problems));
        var items = await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", files["open_items.csv"],
            false);
        Assert.False(items.IsRefused, string.Join("; ", items.Problems.Take(5)));
        foreach (var bank in world.BankAccounts)
            await new RegisterBankAccount(t.Fresh(), t.Clock, "t").ExecuteAsync(bank.LegalEntityId, bank.Iban,
                bank.Currency, bank.Bic);
        foreach (var (account, customer) in world.LearnedAccounts)
            await new LearnPayer(t.Fresh(), t.Clock, "t").ExecuteAsync(customer, account);
        var import = await new ImportStatement(t.Fresh(), t.Clock, "t").ExecuteAsync("statement.xml",
            new MemoryStream(Encoding.UTF8.GetBytes(files["statement.xml"])));
        Assert.False(import.IsRefused, import.Detail);
        return world;
    }
}
