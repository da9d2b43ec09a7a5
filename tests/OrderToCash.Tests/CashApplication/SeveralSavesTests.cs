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
}
