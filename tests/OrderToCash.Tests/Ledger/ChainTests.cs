using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Customers;
using OrderToCash.Ledger;
using Xunit;
using M = OrderToCash.Money.Money;

namespace OrderToCash.Tests.Ledger;

public class ChainTests
{
    private static async Task SeedCustomerAsync(TestDb t)
    {
        t.Db.Customers.Add(new Customer { Id = "C1", Name = "Acme", LegalEntityId = "DEFAULT", Currency = "EUR" });
        await t.Db.SaveChangesAsync();
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Concurrent_writers_post_without_a_chain_lock_and_the_chain_seals_them_all(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedCustomerAsync(t);
        const int writers = 8, each = 25;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            await using var db = t.NewContext();
            for (var i = 0; i < each; i++)
            {
                var (outcome, _) = await new RecordReceipt(db, t.Clock, $"w{w}").ExecuteAsync(new ReceiptRequest(
                    Guid.NewGuid(), "DEFAULT", "C1", $"W{w}-{i}", new DateOnly(2026, 3, 1),
                    new M(100 + i, OrderToCash.Money.Currency.EUR)));
                Assert.True(outcome.IsPosted, outcome.Detail);
                db.ChangeTracker.Clear();
                // Sealers race the writers, as several app nodes would.
                if (i % 10 == 0) await new SealChain(db, t.Clock).ExecuteAsync();
            }
        }));
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
        Assert.Equal(writers * each, report.Entries);
        Assert.Equal(writers * each, await t.Fresh().ChainSeals.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Changing_a_posted_amount_behind_the_ledgers_back_breaks_the_chain(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedCustomerAsync(t);
        for (var i = 0; i < 3; i++)
            await new RecordReceipt(t.Fresh(), t.Clock, "x").ExecuteAsync(new ReceiptRequest(Guid.NewGuid(),
                "DEFAULT", "C1", $"R{i}", new DateOnly(2026, 3, 1), new M(1000, OrderToCash.Money.Currency.EUR)));
        Assert.True((await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync()).IsClean);
        // Tamper with both lines of one entry so that it still balances: only the hash chain can tell.
        var entry = await t.Fresh().JournalEntries.OrderBy(e => e.Id).FirstAsync();
        await t.Fresh().Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE journal_lines SET \"AmountMinor\" = \"AmountMinor\" * 2, \"FunctionalMinor\" = \"FunctionalMinor\" * 2 WHERE \"EntryId\" = {entry.Id}");
        await t.Fresh().Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE open_items SET \"OpenMinor\" = \"OpenMinor\" * 2, \"OriginalMinor\" = \"OriginalMinor\" * 2 WHERE \"Number\" = {entry.Source}");
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.False(report.IsClean);
        Assert.Contains(report.Violations,
            v => v.Invariant == "the hash chain verifies" && v.Detail.Contains("changed after it was sealed"));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_retried_request_with_the_same_entry_id_posts_once(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await SeedCustomerAsync(t);
        var id = Guid.NewGuid();
        var request = new ReceiptRequest(id, "DEFAULT", "C1", "R1", new DateOnly(2026, 3, 1),
            new M(500, OrderToCash.Money.Currency.EUR));
        var first = await new RecordReceipt(t.Fresh(), t.Clock, "x").ExecuteAsync(request);
        var retry = await new RecordReceipt(t.Fresh(), t.Clock, "x").ExecuteAsync(request);
        Assert.True(first.Outcome.IsPosted);
        Assert.Equal(LedgerError.AlreadyPosted, retry.Outcome.Error);
        Assert.Equal(1, await t.Fresh().JournalEntries.CountAsync());
        Assert.Equal(1, await t.Fresh().OpenItems.CountAsync());
    }
}
