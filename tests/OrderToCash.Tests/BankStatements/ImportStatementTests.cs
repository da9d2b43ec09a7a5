// Database reads in these tests are short and not worth threading the test's cancellation token through.
#pragma warning disable xUnit1051
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.Customers;
using OrderToCash.Ledger;
using OrderToCash.LegalEntities;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>Statement import on SQLite and PostgreSQL: idempotent, one transaction, cash posted once.</summary>
public sealed class ImportStatementTests
{
    internal const string Account = "DE89370400440532013000";

    internal const string EndOfDay = """
        :20:EOD1
        :25:DE89370400440532013000
        :28C:1/1
        :60F:C240101EUR1000,00
        :61:2401020102C100,00NTRFNONREF//B1
        :86:INV 1
        :61:2401020102C50,00NTRFNONREF//B2
        :86:INV 2
        :61:2401020102C70,00NTRFNONREF//B3
        :86:INV 3
        :61:2401020102D2,50NCHGNONREF//B4
        :86:Kontofuehrung
        :61:2401020102D300,00NTRFNONREF//B5
        :86:Supplier payment
        :62F:C240102EUR917,50
        -
        """;

    internal const string Intraday = """
        :20:INTRA1
        :25:DE89370400440532013000
        :28C:1/1
        :34F:EURD0,
        :13D:2401021200+0100
        :61:2401020102C100,00NTRFNONREF//B1
        :86:INV 1
        :61:2401020102C50,00NTRFNONREF//B2
        :86:INV 2
        :90C:2EUR150,00
        -
        """;

    private const string Twins = """
        :20:TWINS
        :25:DE89370400440532013000
        :28C:2/1
        :60F:C240102EUR917,50
        :61:2401030103C25,00NTRF
        :86:SAME PAYMENT
        :61:2401030103C25,00NTRF
        :86:SAME PAYMENT
        :62F:C240103EUR967,50
        -
        """;

    internal static async Task<ImportStatementResult> ImportAsync(TestDb t, string name, string text,
        bool strict = false) =>
        await new ImportStatement(t.Fresh(), t.Clock, "clerk")
            .ExecuteAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), strict);

    internal static async Task<ImportStatementResult> ImportFileAsync(TestDb t, string path)
    {
        await using var stream = File.OpenRead(path);
        return await new ImportStatement(t.Fresh(), t.Clock, "clerk").ExecuteAsync(Path.GetFileName(path), stream);
    }

    internal static async Task<long> BalanceAsync(TestDb t, AccountRole role) =>
        await t.Fresh().JournalLines.Join(t.Db.Accounts, l => l.AccountId, a => a.Id, (l, a) => new { l, a })
            .Where(x => x.a.Role == role).SumAsync(x => x.l.AmountMinor);

    /// <summary>A customer of the default entity, paying from the given accounts.</summary>
    internal static async Task AddCustomerAsync(TestDb t, string id, string name, params string[] accounts)
    {
        t.Db.Customers.Add(new Customer
        {
            Id = id, LegalEntityId = LegalEntity.DefaultId, Name = name, Currency = "EUR",
            BankAccounts = accounts.Select(a => new CustomerBankAccount { CustomerId = id, AccountNumber = a }).ToList(),
        });
        await t.Db.SaveChangesAsync();
    }

    /// <summary>The imported line with this bank reference, identified as the customer's receipt.</summary>
    internal static async Task<IdentifyOutcome> IdentifyAsync(TestDb t, string bankReference, string customerId,
        DateOnly? date = null)
    {
        var line = await t.Fresh().StatementLines.SingleAsync(l => l.BankReference == bankReference);
        return await new IdentifyReceipt(t.Fresh(), t.Clock, "clerk")
            .ExecuteAsync(new IdentifyRequest(Guid.NewGuid(), line.Id, customerId, date));
    }

    internal static async Task AssertLedgerCleanAsync(TestDb t)
    {
        var report = await new CheckLedger(t.Fresh(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations.Select(v => $"{v.Invariant}: {v.Detail}")));
        var unidentified = await t.Db.StatementLines.Where(l => l.Status == StatementLineStatus.Unidentified)
            .SumAsync(l => l.AmountMinor);
        Assert.Equal(-unidentified, await BalanceAsync(t, AccountRole.Suspense));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Credits_go_to_suspense_fees_to_bank_charges_and_other_debits_are_ignored(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var result = await ImportAsync(t, "eod.sta", EndOfDay);
        Assert.False(result.IsRefused, result.Detail);
        var s = Assert.Single(result.Statements);
        Assert.Equal((5, 3, 1, 1, BalanceCheck.Balanced),
            (s.NewLines, s.Receipts, s.Charges, s.Ignored, s.BalanceCheck));
        Assert.Equal((22000L, -30250L), (s.CreditsMinor, s.DebitsMinor));
        Assert.Equal(["DE89370400440532013000 EUR under DEFAULT"], result.OpenedAccounts);
        Assert.Equal(-22000L, await BalanceAsync(t, AccountRole.Suspense));
        Assert.Equal(250L, await BalanceAsync(t, AccountRole.BankCharges));
        Assert.Equal(22000L - 250L, await BalanceAsync(t, AccountRole.Bank));
        var supplier = await t.Fresh().StatementLines.SingleAsync(l => l.BankReference == "B5");
        Assert.Equal((StatementLineStatus.Ignored, null), (supplier.Status, supplier.JournalEntryId));
        var positions = await t.Db.StatementLines.OrderBy(l => l.Position).Select(l => l.Position).ToListAsync();
        Assert.Equal([1, 2, 3, 4, 5], positions);
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Reimporting_a_statement_adds_nothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        var entries = await t.Fresh().JournalEntries.CountAsync();
        var again = await ImportAsync(t, "eod-copy.sta", EndOfDay);
        Assert.True(Assert.Single(again.Statements).WasAlreadyImported);
        Assert.Empty(again.OpenedAccounts);
        // The same bookings in different bytes (CRLF) are found by their natural keys.
        var crlf = await ImportAsync(t, "eod-crlf.sta", EndOfDay.Replace("\n", "\r\n") + "\r\n");
        Assert.Equal((0, 5), (crlf.Statements[0].NewLines, crlf.Statements[0].KnownLines));
        Assert.Equal(entries, await t.Fresh().JournalEntries.CountAsync());
        Assert.Equal(5, await t.Db.StatementLines.CountAsync());
        Assert.Equal(1, await t.Db.BankAccounts.CountAsync());
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Two_identical_lines_in_one_statement_both_survive(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var result = await ImportAsync(t, "twins.sta", Twins);
        Assert.Equal(2, result.Statements[0].NewLines);
        var lines = await t.Fresh().StatementLines.OrderBy(l => l.Occurrence).ToListAsync();
        Assert.Equal([1, 2], lines.Select(l => l.Occurrence));
        Assert.Equal(lines[0].KeyReference, lines[1].KeyReference);
        Assert.Equal(-5000L, await BalanceAsync(t, AccountRole.Suspense));
        Assert.Equal(0, (await ImportAsync(t, "twins-again.sta", Twins + "\n")).Statements[0].NewLines);
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Intraday_then_end_of_day_does_not_double_cash(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var intraday = await ImportAsync(t, "intraday.sta", Intraday);
        Assert.False(intraday.IsRefused, intraday.Detail);
        Assert.Equal(2, intraday.Statements[0].Receipts);
        var eod = await ImportAsync(t, "eod.sta", EndOfDay);
        var s = eod.Statements[0];
        Assert.Equal((3, 2, 1), (s.NewLines, s.LinkedLines, s.Receipts));
        Assert.Equal(-22000L, await BalanceAsync(t, AccountRole.Suspense));
        var linked = await t.Fresh().StatementLines.Where(l => l.ConfirmedByStatementId != null).CountAsync();
        Assert.Equal(2, linked);
        await AssertLedgerCleanAsync(t);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_bad_file_is_refused_naming_the_line_and_writes_nothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var bad = EndOfDay.Replace(":61:2401020102C70,00", ":61:2401020102C7,0,0");
        var result = await ImportAsync(t, "bad.sta", bad);
        Assert.Equal(ImportStatementError.Unreadable, result.Error);
        Assert.Equal("bad.sta", result.ParseError!.File);
        Assert.StartsWith("line ", result.ParseError.Location);
        var strict = await ImportAsync(t, "unbalanced.sta", EndOfDay.Replace("EUR917,50", "EUR917,51"), strict: true);
        Assert.Equal(ImportStatementError.Unreadable, strict.Error);
        Assert.Contains("strict", strict.Detail);
        Assert.Equal(0, await t.Fresh().StatementLines.CountAsync());
        Assert.Equal(0, await t.Db.BankStatements.CountAsync());
        Assert.Equal(0, await t.Db.JournalEntries.CountAsync());
        Assert.Equal(0, await t.Db.BankAccounts.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_balance_mismatch_is_stored_as_a_warning_by_default(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var result = await ImportAsync(t, "unbalanced.sta", EndOfDay.Replace("EUR917,50", "EUR917,51"));
        Assert.Equal(BalanceCheck.Mismatch, result.Statements[0].BalanceCheck);
        Assert.NotEmpty(result.Warnings);
        Assert.Equal(BalanceCheck.Mismatch, (await t.Fresh().BankStatements.SingleAsync()).BalanceCheck);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_statement_for_a_registered_account_uses_its_ledger_account(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var bank = await new RegisterBankAccount(t.Db, t.Clock, "admin")
            .ExecuteAsync(LegalEntity.DefaultId, "DE89 3704 0044 0532 0130 00", OrderToCash.Money.Currency.EUR);
        var result = await ImportAsync(t, "eod.sta", EndOfDay);
        Assert.Empty(result.OpenedAccounts);
        var ledger = await t.Fresh().Accounts.SingleAsync(a => a.BankAccountId == bank.Id);
        Assert.Equal(21750L, await t.Db.JournalLines.Where(l => l.AccountId == ledger.Id).SumAsync(l => l.AmountMinor));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Identifying_a_receipt_moves_it_from_suspense_to_the_customers_unapplied_cash(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportAsync(t, "eod.sta", EndOfDay);
        await AddCustomerAsync(t, "ACME", "Acme");
        var line = await t.Fresh().StatementLines.SingleAsync(l => l.BankReference == "B1");
        var request = new IdentifyRequest(Guid.NewGuid(), line.Id, "ACME");
        var outcome = await new IdentifyReceipt(t.Fresh(), t.Clock, "clerk").ExecuteAsync(request);
        Assert.True(outcome.IsPosted, outcome.Detail);
        var retry = await new IdentifyReceipt(t.Fresh(), t.Clock, "clerk").ExecuteAsync(request);
        Assert.Equal(outcome.ReceiptItemId, retry.ReceiptItemId);
        var other = await new IdentifyReceipt(t.Fresh(), t.Clock, "clerk")
            .ExecuteAsync(request with { EntryId = Guid.NewGuid() });
        Assert.Equal(IdentifyReceiptError.NotUnidentified, other.Error);
        var item = await t.Fresh().OpenItems.SingleAsync(o => o.Id == outcome.ReceiptItemId);
        Assert.Equal((OpenItemKind.Receipt, "B1", -10000L), (item.Kind, item.Number, item.OpenMinor));
        var identified = await t.Db.StatementLines.SingleAsync(l => l.Id == line.Id);
        Assert.Equal(StatementLineStatus.Unapplied, identified.Status);
        Assert.Equal(-12000L, await BalanceAsync(t, AccountRole.Suspense));
        Assert.Equal(-10000L, await BalanceAsync(t, AccountRole.UnappliedCash));
        await AssertLedgerCleanAsync(t);

        Assert.Equal(LearnPayerOutcome.Learned,
            await new LearnPayer(t.Fresh(), t.Clock, "clerk").ExecuteAsync("ACME", "NL91 ABNA 0417 1643 00"));
        Assert.Equal(LearnPayerOutcome.AlreadyKnown,
            await new LearnPayer(t.Fresh(), t.Clock, "clerk").ExecuteAsync("ACME", "NL91ABNA0417164300"));
        Assert.True((await t.Fresh().CustomerBankAccounts.SingleAsync()).IsLearned);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Corpus_camt053_and_mt940_files_import_once_and_keep_the_ledger_clean(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        string[] files =
        [
            "camt/subite-camt-to-coda/LT625883379695428516/CAMT_053/2024-10-02.xml",
            "camt/genkgo-camt/camt053.v2.multi.statement.xml",
            "mt940/jejik-mt940/abnamro.txt",
            "mt940/jejik-mt940/sparkasse.txt",
        ];
        foreach (var file in files)
        {
            var path = ExternalData.Path(file);
            var parsed = StatementParser.Parse(File.OpenRead(path), file);
            var expected = parsed.Statements.Sum(s => StatementLines.Draft(s, 1, new DateOnly(2026, 1, 1)).Count);
            var result = await ImportFileAsync(t, path);
            Assert.False(result.IsRefused, result.Detail);
            Assert.Equal(expected, result.Statements.Sum(s => s.NewLines + s.KnownLines + s.LinkedLines));
            await AssertLedgerCleanAsync(t);
            var count = await t.Fresh().StatementLines.CountAsync();
            var again = await ImportFileAsync(t, path);
            Assert.All(again.Statements, s => Assert.True(s.WasAlreadyImported));
            Assert.Equal(count, await t.Fresh().StatementLines.CountAsync());
        }
        Assert.True(await t.Fresh().StatementLines.CountAsync() > 10);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task An_unknown_account_opens_under_the_entity_keeping_its_books_in_the_statement_currency(
        string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        const string customers = """
            customer_id,name,aliases,bank_accounts,legal_entity
            D1,Deutsche Kunde GmbH,,,DE01
            U1,American Buyer Inc,,,US01
            U2,Other Buyer LLC,,,US01
            """;
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
            D1,RE-1,,2023-12-01,2023-12-31,EUR,100.00,100.00,,
            U1,US-1,,2023-12-01,2023-12-31,USD,100.00,100.00,,
            U2,US-2,,2023-12-01,2023-12-31,USD,50.00,50.00,,
            """;
        Assert.False((await new ImportCustomers(t.Fresh(), t.Clock, "t").ExecuteAsync("c.csv", customers, false))
            .IsRefused);
        var imported = await new ImportOpenItems(t.Fresh(), t.Clock, "t").ExecuteAsync("o.csv", items, false);
        Assert.False(imported.IsRefused, string.Join("; ", imported.Problems));

        var usd = await ImportAsync(t, "usd.sta", EndOfDay.Replace("EUR", "USD").Replace(Account, "US0099887766"));
        Assert.False(usd.IsRefused, usd.Detail);
        Assert.Equal(["US0099887766 USD under US01"], usd.OpenedAccounts);
        var eur = await ImportAsync(t, "eur.sta", EndOfDay);
        Assert.Equal([$"{Account} EUR under DE01"], eur.OpenedAccounts);
        Assert.Empty(eur.Warnings);
        // A German company's dollar account with its German bank is the German company's, not the American one's:
        // the IBAN's country decides before the currency does.
        var germanUsd = await ImportAsync(t, "de-usd.sta",
            EndOfDay.Replace("EUR", "USD").Replace(Account, "DE62370400440532013001"));
        Assert.Equal(["DE62370400440532013001 USD under DE01"], germanUsd.OpenedAccounts);
        await AssertLedgerCleanAsync(t);

        var named = await new ImportStatement(t.Fresh(), t.Clock, "clerk").ExecuteAsync("x.sta",
            new MemoryStream(Encoding.UTF8.GetBytes(Twins.Replace(Account, "FR7630006000011234567890189"))),
            legalEntityId: "XX99");
        Assert.Equal(ImportStatementError.UnknownLegalEntity, named.Error);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_foreign_currency_statement_in_a_database_without_rates_books_at_an_indicative_rate(
        string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        var result = await ImportAsync(t, "gbp.sta", EndOfDay.Replace("EUR", "GBP"));
        Assert.False(result.IsRefused, result.Detail);
        Assert.Contains(result.Warnings, w => w.Contains("GBP/EUR") && w.Contains("indicative"));
        Assert.Equal(IndicativeRates.Source, (await t.Fresh().FxRates.SingleAsync()).Source);
        await AssertLedgerCleanAsync(t);
    }
}
