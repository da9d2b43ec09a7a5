// Database reads in these tests are short and not worth threading the test's cancellation token through.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication.Remittances;
using Xunit;
using static OrderToCash.Tests.BankStatements.ImportStatementTests;

namespace OrderToCash.Tests.CashApplication.Remittances;

public sealed class RemittanceTests
{
    private const string Csv = """
        payer,payment_reference,payment_date,payment_amount,invoice_number,amount_paid,discount
        Acme GmbH,PAY-77,2024-01-02,100.00,INV-1,60.00,
        Acme GmbH,PAY-77,2024-01-02,100.00,INV-2,40.00,1.20
        Beta Ltd,B1,1/2/2024,50.00,INV-9,50.00,0
        """;

    private const string X12 =
        "ISA*00*          *00*          *ZZ*BUYER          *ZZ*SELLER         *240102*1200*U*00401*000000001*0*P*>~\n" +
        "GS*RA*BUYER*SELLER*20240102*1200*1*X*004010~\n" +
        "ST*820*0001~\n" +
        "BPR*C*1475.50*C*ACH*CTX*01*011000015*DA*123456*1234567890**01*021000021*DA*98765*20240102~\n" +
        "TRN*1*TRACE-42*1234567890~\n" +
        "N1*PR*BUYER CORP~\n" +
        "N1*PE*SELLER INC~\n" +
        "ENT*1~\n" +
        "RMR*IV*INV-1001*PI*1000.00*1020.00*20.00~\n" +
        "RMR*IV*INV-1002*PI*500.00*500.00~\n" +
        "ADX*-24.50*01~\n" +
        "SE*10*0001~\n" +
        "GE*1*1~\n" +
        "IEA*1*000000001~\n";

    [Fact]
    public void Csv_rows_of_one_payment_form_one_advice()
    {
        var file = RemittanceFiles.Parse(Csv);
        Assert.False(file.IsRefused, string.Join("; ", file.Problems));
        Assert.Equal(2, file.Advices.Count);
        var acme = file.Advices[0];
        Assert.Equal(("Acme GmbH", "PAY-77", new DateOnly(2024, 1, 2), 10000L), (acme.Payer, acme.PaymentReference,
            acme.PaymentDate, acme.AmountMinor));
        Assert.Equal([("INV-1", 6000L, 0L), ("INV-2", 4000L, 120L)],
            acme.Invoices.Select(i => (i.InvoiceNumber, i.PaidMinor, i.DiscountMinor)));
        Assert.Equal(new DateOnly(2024, 1, 2), file.Advices[1].PaymentDate);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_bad_csv_row_refuses_the_file_naming_line_and_column()
    {
        var file = RemittanceFiles.Parse(Csv.Replace("40.00,1.20", "4O.00,1.20"));
        var problem = Assert.Single(file.Problems);
        Assert.Equal((3, "amount_paid"), (problem.Line, problem.Column));
        Assert.Empty(file.Advices);
    }

    [Fact]
    public void X12_820_gives_payment_trace_payer_invoices_and_adjustments()
    {
        var file = RemittanceFiles.Parse(X12);
        Assert.False(file.IsRefused, string.Join("; ", file.Problems));
        var advice = Assert.Single(file.Advices);
        Assert.Equal(("BUYER CORP", "TRACE-42", new DateOnly(2024, 1, 2), 147550L, "USD"),
            (advice.Payer, advice.PaymentReference, advice.PaymentDate, advice.AmountMinor, advice.Currency));
        Assert.Equal([("INV-1001", 100000L, (long?)102000L, 2000L, 0L), ("INV-1002", 50000L, 50000L, 0L, -2450L)],
            advice.Invoices.Select(i => (i.InvoiceNumber, i.PaidMinor, i.BilledMinor, i.DiscountMinor,
                i.AdjustmentMinor)));
        Assert.Empty(file.Warnings); // 1000.00 + 500.00 - 24.50 = 1475.50
    }

    [Fact]
    public void Corpus_820_files_read_with_their_own_delimiters()
    {
        var path = ExternalData.Path("x12/kputnam-stupidedi/005010/" +
            "X218 RA820 Payroll Deducted and Other Group Premium Payment for Insurance Products/pass/" +
            "list-bill-payment.edi");
        var file = RemittanceFiles.Parse(File.ReadAllText(path));
        var advice = Assert.Single(file.Advices);
        Assert.Equal(("ALFA MEDAL CO", "78905", new DateOnly(2007, 11, 3), 25500L),
            (advice.Payer, advice.PaymentReference, advice.PaymentDate, advice.AmountMinor));
        Assert.Equal(advice.AmountMinor, advice.Invoices.Sum(i => i.PaidMinor));
        Assert.Equal(6, advice.Invoices.Count);
        Assert.Empty(file.Warnings);
        var folder =
            ExternalData.Path("x12/kputnam-stupidedi/005010/X306 RA820 Health Insurance Exchange Related Payments");
        foreach (var edi in Directory.EnumerateFiles(folder, "*.edi", SearchOption.AllDirectories))
        {
            var hix = RemittanceFiles.Parse(File.ReadAllText(edi));
            Assert.False(hix.IsRefused, $"{edi}: {string.Join("; ", hix.Problems)}");
            Assert.NotEmpty(hix.Advices);
        }
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task An_advice_links_to_its_bank_line_by_amount_date_and_reference(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        // B1 is 100.00 and B2 50.00 on 2024-01-02; Acme's advice is dated 3 days later and names no bank reference.
        var csv = Csv.Replace("2024-01-02", "2024-01-05");
        var result = await new ImportRemittance(t.Fresh(), t.Clock, "clerk").ExecuteAsync("remit.csv", csv);
        Assert.Equal((2, 2), (result.Result.Imported, result.Linked));
        var advice = await t.Fresh().RemittanceAdvices.Include(a => a.Lines).SingleAsync(a => a.Payer == "Acme GmbH");
        var line = await t.Db.StatementLines.SingleAsync(l => l.Id == advice.StatementLineId);
        Assert.Equal("B1", line.BankReference);
        var beta = await t.Db.RemittanceAdvices.SingleAsync(a => a.Payer == "Beta Ltd");
        Assert.Equal("B2", (await t.Db.StatementLines.SingleAsync(l => l.Id == beta.StatementLineId)).BankReference);
        Assert.Equal(["INV1", "INV2"], advice.Lines.OrderBy(l => l.LineNo).Select(l => l.InvoiceKey));
        var again = await new ImportRemittance(t.Fresh(), t.Clock, "clerk").ExecuteAsync("remit.csv", csv);
        Assert.True(again.Result.WasAlreadyImported);
        Assert.Equal(2, await t.Fresh().RemittanceAdvices.CountAsync());
        Assert.Equal(3, await t.Db.RemittanceLines.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task An_advice_that_arrived_before_its_payment_drives_the_applications_line_by_line(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await AddCustomerAsync(t, "C1", "Acme GmbH");
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
            C1,INV-1,,2023-12-20,2024-01-19,EUR,60.00,60.00,,
            C1,INV-2,,2023-12-28,2024-01-27,EUR,42.00,42.00,2,2024-01-07
            C1,INV-3,,2023-12-29,2024-01-28,EUR,25.00,25.00,,
            C1,INV-4,,2023-12-30,2024-01-29,EUR,75.00,75.00,,
            """;
        var imported = await new OrderToCash.Ledger.ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", items, false);
        Assert.False(imported.IsRefused, string.Join("; ", imported.Problems));
        // The payer's ERP says: INV-1 in full, INV-2 less its 2 % discount, INV-3 less 5.00 for damaged goods (the
        // bank line names only the payment reference; INV-4 is not paid).
        const string advice = """
            payer,payment_reference,payment_date,payment_amount,invoice_number,amount_paid,discount
            Acme GmbH,PAY-77,2024-01-02,120.16,INV-1,60.00,
            Acme GmbH,PAY-77,2024-01-02,120.16,INV-2,41.16,0.84
            Acme GmbH,PAY-77,2024-01-02,120.16,INV-3,19.00,
            """;
        var remit = await new ImportRemittance(t.Fresh(), t.Clock, "clerk").ExecuteAsync("remit.csv", advice);
        Assert.Equal((1, 0), (remit.Result.Imported, remit.Linked));
        var statement = """
            :20:ADV1
            :25:DE89370400440532013000
            :28C:1/1
            :60F:C240101EUR0,00
            :61:2401020102C120,16NTRFNONREF//B77
            :86:PAYMENT PAY-77
            :62F:C240102EUR120,16
            -
            """;
        Assert.False((await ImportAsync(t, "adv.sta", statement)).IsRefused);

        await new OrderToCash.CashApplication.RunCashApplication(t.Fresh(), t.Clock, "cashapp").ExecuteAsync();
        var rows = await new OrderToCash.CashApplication.ExportApplications(t.Fresh()).ExecuteAsync();
        Assert.All(rows, r => Assert.Equal("applied", r.Status));
        Assert.Equal([("INV-1", 6000L), ("INV-2", 4116L), ("INV-3", 1900L)],
            rows.Select(r => (r.InvoiceNumber, r.AppliedMinor)).OrderBy(r => r.InvoiceNumber));
        Assert.Contains("remittance advice remit.csv #1", rows[0].Reason);
        var open = await t.Fresh().OpenItems.Where(o => o.Kind == OrderToCash.Ledger.OpenItemKind.Invoice)
            .ToDictionaryAsync(o => o.Number, o => o.OpenMinor);
        Assert.Equal((0L, 0L, 600L, 7500L), (open["INV-1"], open["INV-2"], open["INV-3"], open["INV-4"]));
        await AssertLedgerCleanAsync(t);
    }
}
