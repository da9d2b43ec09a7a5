using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.Data;
using OrderToCash.Ledger;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Imports = OrderToCash.Tests.BankStatements.ImportStatementTests;

/// <summary>
/// A person settles an invoice while the run is posting the chunk that pays it. On PostgreSQL nothing locks what the
/// chunk read, so its save finds the invoice's balance changed; the run posts the chunk again from what is on file.
/// (On SQLite the chunk's transaction holds the write lock from its start, and the person's save waits instead.)
/// </summary>
public class ChangedMeanwhileTests
{
    private const string Items = """
        customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
        C1,INV-1,,2024-01-02,2024-02-01,EUR,123.45,123.45,,
        C1,INV-2,,2024-01-03,2024-02-02,EUR,50.00,50.00,,
        """;

    private static string Statement(string id, string day, params (string Ref, string Amount, string Text)[] lines)
    {
        var total = lines.Sum(l => decimal.Parse(l.Amount.Replace(',', '.'),
            System.Globalization.CultureInfo.InvariantCulture));
        var entries = string.Concat(lines.Select(l =>
            $":61:24010{day}010{day}C{l.Amount}NTRFNONREF//{l.Ref}\n:86:166?00GUTSCHRIFT?20{l.Text}\n"));
        return $":20:{id}\n:25:DE89370400440532013000\n:28C:1/1\n:60F:C24010{day}EUR0,00\n{entries}" +
               $":62F:C24010{day}EUR{total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
                   .Replace('.', ',')}\n-\n";
    }

    /// <summary>Steps in once, at the run's first save that settles INV-1: a clerk applies 23.45 of another
    /// receipt to INV-1 on a connection of her own, and commits.</summary>
    private sealed class ClerkMeanwhile(TestDb t, Guid clerkReceipt) : SaveChangesInterceptor
    {
        public int Fired { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var settling = eventData.Context!.ChangeTracker.Entries<OpenItem>()
                .FirstOrDefault(e => e.State == EntityState.Modified && e.Entity.Number == "INV-1");
            if (Fired == 0 && settling is not null)
            {
                Fired++;
                await using var clerk = t.NewContext();
                var invoice = await clerk.OpenItems.SingleAsync(o => o.Number == "INV-1", cancellationToken);
                var outcome = await new ApplyCash(clerk, t.Clock, "clerk").ExecuteAsync(new ApplyRequest(
                    Guid.NewGuid(), clerkReceipt, new DateOnly(2024, 1, 5), [new Settlement(invoice.Id, 2345)]),
                    cancellationToken);
                Assert.True(outcome.IsPosted, outcome.Detail);
            }
            return result;
        }
    }

    [Fact]
    public async Task A_chunk_whose_invoice_a_person_settled_meanwhile_is_posted_again_from_what_is_on_file()
    {
        await using var t = await TestDb.CreateAsync("postgres");
        await Imports.AddCustomerAsync(t, "C1", "Acme Trading GmbH");
        Assert.False((await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", Items, false))
            .IsRefused);
        // The clerk's own receipt, identified by hand: 23.45 of unapplied cash.
        Assert.False((await Imports.ImportAsync(t, "1.sta", Statement("S1", "4", ("P0", "23,45", "ACME"))))
            .IsRefused);
        var identified = await Imports.IdentifyAsync(t, "P0", "C1");
        Assert.True(identified.IsPosted, identified.Detail);
        // The run's receipts: INV-1 in full (no longer fits once the clerk has applied her part) and INV-2.
        Assert.False((await Imports.ImportAsync(t, "2.sta", Statement("S2", "5",
            ("P1", "123,45", "INV-1 ACME TRADING"), ("P2", "50,00", "INV-2 ACME TRADING")))).IsRefused);

        var clerk = new ClerkMeanwhile(t, identified.ReceiptItemId!.Value);
        await using var db = Database.Create(t.Target, clerk);
        var summary = await new RunCashApplication(db, t.Clock, "cashapp").ExecuteAsync();

        Assert.Equal(1, clerk.Fired);
        Assert.Equal((2, 1, 1), (summary.Lines, summary.Applied, summary.Suggested));
        var items = await t.Fresh().OpenItems.Where(o => o.Kind == OpenItemKind.Invoice)
            .ToDictionaryAsync(o => o.Number, o => o.OpenMinor);
        Assert.Equal(10000, items["INV-1"]);   // only the clerk's 23.45 applied
        Assert.Equal(0, items["INV-2"]);
        var lines = await t.Fresh().StatementLines.ToDictionaryAsync(l => l.BankReference!, l => l.Status);
        Assert.Equal(StatementLineStatus.Suggested, lines["P1"]);
        Assert.Equal(StatementLineStatus.Applied, lines["P2"]);
        var reason = await t.Fresh().CashApplicationRows.Where(r => r.InvoiceNumber == "INV-1")
            .Select(r => r.Reason).SingleAsync();
        Assert.Contains("not applied automatically", reason);
        await Imports.AssertLedgerCleanAsync(t);
    }
}
