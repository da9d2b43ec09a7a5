using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using Xunit;
using static OrderToCash.Tests.BankStatements.ImportStatementTests;

namespace OrderToCash.Tests.CashApplication;

/// <summary>One context, several saves: what an earlier save wrote stays (the SQLite row writer once lost it).</summary>
public class SeveralSavesTests
{
    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Identifying_then_applying_by_hand_in_one_context_keeps_the_payer_on_the_line(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await AddCustomerAsync(t, "C1", "Acme GmbH");
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
            C1,INV-1,,2023-12-20,2024-01-19,EUR,100.00,100.00,,
            """;
        await new OrderToCash.Ledger.ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", items, false);
        await ImportAsync(t, "eod.sta", EndOfDay);
        var line = await t.Fresh().StatementLines.FirstAsync(l => l.BankReference == "B1");
        var item = await t.Fresh().OpenItems.FirstAsync(o => o.Number == "INV-1");

        var db = t.Fresh();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var identified = await new IdentifyReceipt(db, t.Clock, "clerk").ExecuteAsync(
                new IdentifyRequest(Guid.NewGuid(), line.Id, "C1", null));
            var applied = await new ApplyCash(db, t.Clock, "clerk").ExecuteAsync(new ApplyRequest(Guid.NewGuid(),
                identified.ReceiptItemId!.Value, new DateOnly(2024, 1, 2), [new Settlement(item.Id, 10000)], "m"));
            Assert.True(applied.IsPosted, applied.Detail);
            var tracked = await db.StatementLines.FirstAsync(l => l.Id == line.Id);
            Assert.Equal(("C1", identified.ReceiptItemId), (tracked.CustomerId, tracked.ReceiptOpenItemId));
            tracked.Status = StatementLineStatus.Applied;
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        var after = await t.Fresh().StatementLines.FirstAsync(l => l.Id == line.Id);
        Assert.Equal((StatementLineStatus.Applied, "C1"), (after.Status, after.CustomerId));
        Assert.NotNull(after.ReceiptOpenItemId);
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Two_postings_settling_the_same_invoice_at_once_never_both_write_its_balance(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await AddCustomerAsync(t, "C1", "Acme GmbH");
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
            C1,INV-1,,2023-12-20,2024-01-19,EUR,100.00,100.00,,
            """;
        await new OrderToCash.Ledger.ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", items, false);
        await ImportAsync(t, "eod.sta", EndOfDay);
        var b1 = await IdentifyAsync(t, "B1", "C1");
        var b3 = await IdentifyAsync(t, "B3", "C1");
        var invoice = (await t.Fresh().OpenItems.FirstAsync(o => o.Number == "INV-1")).Id;
        ApplyRequest Apply(IdentifyOutcome receipt, long minor) => new(Guid.NewGuid(), receipt.ReceiptItemId!.Value,
            new DateOnly(2024, 1, 2), [new Settlement(invoice, minor)], "race");

        // The first clerk's posting is written but not committed while the second one reads the same balance.
        await using var first = t.NewContext();
        var tx = await first.Database.BeginTransactionAsync();
        await using var second = t.NewContext();
        await second.OpenItems.AsNoTracking().FirstAsync(o => o.Id == invoice); // warm: the read below is the race
        Assert.True((await new ApplyCash(first, t.Clock, "clerk1").ExecuteAsync(Apply(b1, 10000))).IsPosted);
        var racing = Task.Run(async () =>
            await new ApplyCash(second, t.Clock, "clerk2").ExecuteAsync(Apply(b3, 7000)));
        await Task.Delay(1500);
        await tx.CommitAsync();
        await tx.DisposeAsync();
        var outcome = await racing;

        Assert.False(outcome.IsPosted, "the second posting must not over-apply the invoice");
        Assert.True(outcome.Error is OrderToCash.Ledger.LedgerError.ChangedMeanwhile
            or OrderToCash.Ledger.LedgerError.OverApplied, $"{outcome.Error}: {outcome.Detail}");
        Assert.Equal(0L, (await t.Fresh().OpenItems.FirstAsync(o => o.Id == invoice)).OpenMinor);
        await AssertLedgerCleanAsync(t);
    }
}
