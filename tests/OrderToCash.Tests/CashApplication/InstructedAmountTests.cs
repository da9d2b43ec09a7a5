using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.Ledger;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Imports = OrderToCash.Tests.BankStatements.ImportStatementTests;

/// <summary>
/// A customer billed in US dollars pays into the company's euro account; the bank converts and its statement keeps
/// what the payer instructed (camt <c>AmtDtls/InstdAmt</c>, MT940 <c>/OCMT/</c>). With no exchange rate on file, that
/// amount is what the invoice is matched against, and the difference to the invoice's booked value is realised FX.
/// </summary>
public class InstructedAmountTests
{
    private const string Items = """
        customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
        C1,US-4711,,2024-01-02,2024-02-01,USD,1000.00,1000.00,,
        """;

    private const string Camt = """
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>S1</Id>
        <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
        <Ntry><Amt Ccy="EUR">908.26</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2024-01-05</Dt></BookgDt><ValDt><Dt>2024-01-05</Dt></ValDt><AcctSvcrRef>FX1</AcctSvcrRef>
        <NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt Ccy="USD">1000.00</Amt><CcyXchg><SrcCcy>USD</SrcCcy>
        <TrgtCcy>EUR</TrgtCcy><XchgRate>0.90826</XchgRate></CcyXchg></InstdAmt></AmtDtls>
        <RltdPties><Dbtr><Nm>Acme Trading GmbH</Nm></Dbtr></RltdPties><RmtInf><Ustrd>US-4711</Ustrd></RmtInf>
        </TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>
        """;

    private const string Mt940 = """
        :20:S2
        :25:DE89370400440532013000
        :28C:1/1
        :60F:C240104EUR0,00
        :61:2401050105C908,26NTRFNONREF//FX2
        :86:/OCMT/USD1000,00//REMI/USTD//US-4711/NAME/ACME TRADING GMBH/
        :62F:C240105EUR908,26
        -
        """;

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_converted_receipt_pays_its_invoice_by_the_instructed_amount_without_a_rate_on_file(
        string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await Imports.AddCustomerAsync(t, "C1", "Acme Trading GmbH");
        Assert.False((await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", Items, false))
            .IsRefused);
        Assert.False((await Imports.ImportAsync(t, "s.xml", Camt)).IsRefused);
        var line = await t.Fresh().StatementLines.SingleAsync();
        Assert.Equal((100000L, "USD"), (line.InstructedMinor!.Value, line.InstructedCurrency));

        var summary = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();

        Assert.Equal(1, summary.Applied);
        Assert.Equal(0, (await t.Fresh().OpenItems.SingleAsync(o => o.Number == "US-4711")).OpenMinor);
        var row = await t.Fresh().CashApplicationRows.SingleAsync();
        Assert.Equal(("applied", 100000L, "USD"), (row.Status, row.AppliedMinor, row.Currency));
        // The receipt left whole; the invoice at its booked value; the rest is realised FX.
        var application = await t.Fresh().JournalEntries.SingleAsync(e => e.Kind == "application");
        var lines = await t.Fresh().JournalLines.Where(l => l.EntryId == application.Id).ToListAsync();
        Assert.Contains(lines, l => l.Currency == "EUR" && l.AmountMinor == 90826);
        Assert.Contains(lines, l => l.Currency == "USD" && l.AmountMinor == -100000);
        Assert.Equal(0, lines.Sum(l => l.FunctionalMinor));
        await Imports.AssertLedgerCleanAsync(t);
    }

    [Fact]
    public void An_mt940_original_ordered_amount_is_read_from_its_information()
    {
        var parsed = StatementParser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Mt940)), "s.sta");
        var entry = parsed.Statements.Single().Entries.Single();
        Assert.Equal(("1000.00", "USD"), (entry.OriginalAmount, entry.OriginalCurrency));
        Assert.Equal((null, null), Mt940Details.OriginalAmount("PAYMENT OF INVOICES 204011665", null));
        Assert.Equal(("11.85", "EUR"), Mt940Details.OriginalAmount(null, "/OCMT/EUR11,85//CHGS/EUR0,50/"));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task An_mt940_receipt_with_its_original_ordered_amount_pays_the_invoice(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await Imports.AddCustomerAsync(t, "C1", "Acme Trading GmbH");
        Assert.False((await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", Items, false))
            .IsRefused);
        Assert.False((await Imports.ImportAsync(t, "s.sta", Mt940)).IsRefused);
        var summary = await new RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        Assert.Equal(1, summary.Applied);
        Assert.Equal(0, (await t.Fresh().OpenItems.SingleAsync(o => o.Number == "US-4711")).OpenMinor);
        await Imports.AssertLedgerCleanAsync(t);
    }
}
