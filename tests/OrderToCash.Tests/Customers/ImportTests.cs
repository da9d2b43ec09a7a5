using Microsoft.EntityFrameworkCore;
using OrderToCash.Customers;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.Customers;

/// <summary>The import contracts of PRODUCT.md, on SQLite and PostgreSQL.</summary>
public class ImportTests
{
    private const string Customers = """
        customer_id,name,aliases,bank_accounts,legal_entity,currency,payment_terms,credit_limit,email,language,parent_id
        C1,Acme GmbH,ACME;Acme Deutschland,DE89 3704 0044 0532 0130 00,,EUR,2/10 NET 30,50000.00,ap@acme.example,en,
        C2,Globex Ltd,GLOBEX,,,USD,NET45,,,,C1
        C3,上海华东贸易有限公司,华东贸易,6222020200112233445,,,NET30,,,zh,
        """;

    private const string OpenItems = """
        customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date
        C1,INV-1,PO-9,2026-01-10,2026-02-09,EUR,119.00,119.00,2,2026-01-20
        C1,INV-2,,2026-01-15,2026-02-14,EUR,200.00,50.50,,
        C2,INV-3,,2026-02-01,2026-03-03,USD,1000.00,1000.00,,
        C3,CN-1,,2026-02-01,2026-03-03,EUR,-30.00,-30.00,,
        """;

    private const string Rates = """
        date,from_currency,to_currency,rate
        2026-01-01,USD,EUR,0.92
        """;

    private static async Task ImportBasicsAsync(TestDb t)
    {
        Assert.False((await new ImportCustomers(t.Fresh(), t.Clock, "test").ExecuteAsync("c.csv", Customers, false))
            .IsRefused);
        Assert.False((await new ImportFxRates(t.Fresh(), t.Clock, "test").ExecuteAsync("r.csv", Rates, false))
            .IsRefused);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Saved_rows_stay_tracked_with_the_keys_the_database_gave_them(string provider)
    {
        // On SQLite RowWriter writes these rows, not EF Core: the unit of work must look as EF Core leaves it.
        await using var t = await TestDb.CreateAsync(provider);
        var db = t.Fresh();
        Assert.False((await new ImportCustomers(db, t.Clock, "test").ExecuteAsync("c.csv", Customers, false))
            .IsRefused);
        var aliases = db.ChangeTracker.Entries<CustomerAlias>().ToList();
        Assert.Equal(4, aliases.Count);
        Assert.All(aliases, a => Assert.Equal(EntityState.Unchanged, a.State));
        Assert.Equal(4, aliases.Select(a => a.Entity.Id).Where(id => id > 0).Distinct().Count());
        Assert.All(db.ChangeTracker.Entries<Customer>(), c => Assert.Equal(EntityState.Unchanged, c.State));
        var stored = await t.NewContext().CustomerAliases.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(aliases.Select(a => (a.Entity.Id, a.Entity.Alias)).Order(),
            stored.Select(a => (a.Id, a.Alias)).Order());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Customers_import_with_aliases_accounts_and_hierarchy(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var acme = await t.Fresh().Customers.Include(c => c.Aliases).Include(c => c.BankAccounts)
            .SingleAsync(c => c.Id == "C1");
        Assert.Equal(["ACME", "Acme Deutschland"], acme.Aliases.Select(a => a.Alias).Order());
        Assert.Equal("DE89370400440532013000", acme.BankAccounts.Single().AccountNumber);
        Assert.Equal(5_000_000, acme.CreditLimitMinor);
        Assert.Equal("C1", (await t.Fresh().Customers.SingleAsync(c => c.Id == "C2")).ParentId);
        Assert.Equal("zh", (await t.Fresh().Customers.SingleAsync(c => c.Id == "C3")).Language);
        Assert.Equal(3, await t.Fresh().AuditEvents.CountAsync(a => a.Action == "customer.created"));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Open_items_post_opening_balances_and_AR_equals_the_sum_of_open_amounts(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        Assert.Equal(4, result.Imported);
        var tb = await new TrialBalance(t.Fresh()).ExecuteAsync(null);
        var ar = tb.Where(r => r.Role == AccountRole.ArControl).ToDictionary(r => r.Currency, r => r.BalanceMinor);
        Assert.Equal(11_900 + 5_050 - 3_000, ar["EUR"]);
        Assert.Equal(100_000, ar["USD"]);
        Assert.Equal(92_000,
            tb.Single(r => r.Role == AccountRole.ArControl && r.Currency == "USD").FunctionalBalanceMinor);
        Assert.Equal(-(11_900 + 5_050 - 3_000),
            tb.Single(r => r.Role == AccountRole.OpeningBalanceClearing && r.Currency == "EUR").BalanceMinor);
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_bulk_file_builds_the_indexes_afterwards_and_they_still_refuse_duplicates(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var indexes = await IndexesAsync(t.NewContext());
        var rows = Data.BulkLoad.MinRows + 10;
        var file = new System.Text.StringBuilder(OpenItems.Split('\n')[0]).Append('\n');
        for (var i = 0; i < rows; i++)
            file.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"C{i % 3 + 1},B-{i},,2026-02-{i % 28 + 1:00},2026-03-31,EUR,{i % 500 + 1}.25,{i % 500 + 1}.25,,\n");
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("bulk.csv", file.ToString(),
            false);
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        Assert.Equal(rows, result.Imported);
        Assert.Equal(indexes, await IndexesAsync(t.NewContext()));
        Assert.Equal(rows, await t.NewContext().OpenItems.CountAsync(o => o.Number.StartsWith("B-")));
        Assert.Equal("C2", (await t.NewContext().OpenItems.SingleAsync(o => o.NumberKey == "B1")).CustomerId);
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
        // The unique index (entity, kind, number) is back: the database itself refuses a second B-7.
        var db = t.NewContext();
        var b7 = await db.OpenItems.AsNoTracking().SingleAsync(o => o.Number == "B-7");
        db.OpenItems.Add(new OpenItem
        {
            Id = Guid.NewGuid(), LegalEntityId = b7.LegalEntityId, CustomerId = b7.CustomerId, Kind = b7.Kind,
            Number = b7.Number, NumberKey = b7.NumberKey, Currency = b7.Currency, AccountId = b7.AccountId,
            CreatedAt = b7.CreatedAt,
        });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Rows_written_by_the_bulk_writer_are_stored_exactly_as_EF_Core_stores_them()
    {
        // RowWriter binds values itself (SqliteStatement): every column must have EF Core's storage class and text.
        await using var t = await TestDb.CreateAsync("sqlite");
        await ImportBasicsAsync(t);
        await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        var db = t.NewContext();
        var bulk = await db.OpenItems.SingleAsync(o => o.Number == "INV-1");
        var ef = new OpenItem
        {
            Id = Guid.NewGuid(), LegalEntityId = bulk.LegalEntityId, CustomerId = bulk.CustomerId, Kind = bulk.Kind,
            Number = "EF-1", NumberKey = "EF1", PoNumber = bulk.PoNumber, DocumentDate = bulk.DocumentDate,
            DueDate = bulk.DueDate, Currency = bulk.Currency, OriginalMinor = bulk.OriginalMinor,
            OpenMinor = bulk.OpenMinor, DiscountPercent = bulk.DiscountPercent,
            DiscountDueDate = bulk.DiscountDueDate, AccountId = bulk.AccountId, CreatedAt = bulk.CreatedAt,
        };
        db.OpenItems.Add(ef);
        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false); // EF Core's own path
        Assert.Equal(await StoredAsync(db, "INV-1"), await StoredAsync(db, "EF-1"));
        // Updates too: EF Core on one, the bulk writer on the other.
        db.ChangeTracker.Clear();
        (await db.OpenItems.SingleAsync(o => o.Number == "EF-1")).OpenMinor = 1_234;
        await db.SaveChangesAsync(acceptAllChangesOnSuccess: false);
        db.ChangeTracker.Clear();
        var a = await db.OpenItems.SingleAsync(o => o.Number == "INV-1");
        a.OpenMinor = 1_234;
        await db.SaveChangesAsync();
        Assert.Equal(await StoredAsync(db, "INV-1"), await StoredAsync(db, "EF-1"));
        Assert.Contains("integer:1234", await StoredAsync(db, "INV-1"));
        // And the bulk-written key is found by EF Core's own parameter (a Guid as upper-case text).
        Assert.Equal("INV-1", (await t.NewContext().OpenItems.SingleAsync(o => o.Id == a.Id)).Number);
    }

    // Every column of an open item but its id and number, as storage class and SQL literal.
    private static async Task<List<string>> StoredAsync(Data.O2cDb db, string number)
    {
        var columns = (await db.Database.SqlQueryRaw<string>(
                "SELECT name AS \"Value\" FROM pragma_table_info('open_items')").ToListAsync())
            .Where(c => c is not ("Id" or "Number" or "NumberKey")).ToList();
        var select = string.Join(" || '|' || ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"));
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {select} FROM open_items WHERE \"Number\" = '{number}'";
        return [.. ((string)(await command.ExecuteScalarAsync())!).Split('|')];
    }

    // The indexes of the bulk-loaded tables, by name.
    private static async Task<List<string>> IndexesAsync(Data.O2cDb db)
    {
        var sql = db.IsPostgres
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename IN ('open_items', 'journal_lines')"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' " +
              "AND tbl_name IN ('open_items', 'journal_lines')";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Order().ToList();
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Opening_balances_of_one_day_share_an_entry_whose_AR_lines_name_their_items(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var sameDay = OpenItems + "\nC1,INV-4,,2026-01-10,2026-02-09,EUR,80.00,80.00,,\n" +
                      "C2,INV-5,,2026-02-01,2026-03-03,USD,33.33,33.33,,\n";
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", sameDay, false);
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        Assert.Equal(6, result.Imported);
        // Entries per entity, date, currency and kind: INV-1 + INV-4, INV-2, INV-3 + INV-5, CN-1.
        var entries = await t.Fresh().JournalEntries.Where(e => e.Kind == "opening_balance").ToListAsync();
        Assert.Equal(4, entries.Count);
        var lines = await t.Fresh().JournalLines.ToListAsync();
        var ar = (await t.Fresh().Accounts.Where(a => a.Role == AccountRole.ArControl).ToListAsync())
            .Select(a => a.Id).ToHashSet();
        Assert.All(lines.Where(l => ar.Contains(l.AccountId)), l => Assert.NotNull(l.OpenItemId));
        // Each USD item is booked at its own converted amount (0.92), as if posted alone; the rounding of the
        // shared entry stays on the clearing line.
        var items = await t.Fresh().OpenItems.ToDictionaryAsync(o => o.Number, o => o.Id);
        Assert.Equal(92_000, lines.Where(l => l.OpenItemId == items["INV-3"]).Sum(l => l.FunctionalMinor));
        Assert.Equal(3_066, lines.Where(l => l.OpenItemId == items["INV-5"]).Sum(l => l.FunctionalMinor));
        var report = await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync();
        Assert.True(report.IsClean, string.Join("\n", report.Violations));
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Importing_the_same_file_twice_adds_nothing(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        var entries = await t.Fresh().JournalEntries.CountAsync();
        var again = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        Assert.True(again.WasAlreadyImported);
        // The same rows in another file (e.g. re-exported with a trailing newline) are recognised row by row.
        var other = await new ImportOpenItems(t.Fresh(), t.Clock, "test")
            .ExecuteAsync("o2.csv", OpenItems + "\n", false);
        Assert.False(other.IsRefused);
        Assert.Equal(0, other.Imported);
        Assert.Equal(4, other.Unchanged);
        Assert.Equal(entries, await t.Fresh().JournalEntries.CountAsync());
        var customersAgain = await new ImportCustomers(t.Fresh(), t.Clock, "test")
            .ExecuteAsync("c2.csv", Customers + "\n", false);
        Assert.Equal(0, customersAgain.Imported + customersAgain.Updated);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_file_with_bad_rows_is_refused_whole_with_line_column_and_reason(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var bad = OpenItems + "\nC9,INV-4,,2026-02-01,2026-03-03,EUR,10.00,10.00,,\n" +
            "C1,INV-5,,2026-02-30,2026-03-03,XXX,10.00,10.00,,\nC1,INV-1,,2026-01-10,2026-02-09,EUR,1.005,1.00,,\n";
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("bad.csv", bad, false);
        Assert.True(result.IsRefused);
        Assert.Contains(result.Problems, p => p.Line == 6 && p.Column == "customer_id" && p.Reason.Contains("C9"));
        Assert.Contains(result.Problems, p => p.Line == 7 && p.Column == "invoice_date");
        Assert.Contains(result.Problems, p => p.Line == 7 && p.Column == "currency" && p.Reason.Contains("XXX"));
        Assert.Contains(result.Problems,
            p => p.Line == 8 && p.Column == "original_amount" && p.Reason.Contains("decimals"));
        Assert.Equal(0, await t.Fresh().OpenItems.CountAsync());
        Assert.Equal(0, await t.Fresh().JournalEntries.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Skip_invalid_imports_the_good_rows_and_writes_the_bad_ones_to_a_reject_file(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var reject = Path.Combine(Path.GetTempPath(), $"rejects-{Guid.NewGuid():N}.csv");
        var bad = OpenItems + "\nC9,INV-4,,2026-02-01,2026-03-03,EUR,10.00,10.00,,\n";
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("bad.csv", bad, true, reject);
        Assert.False(result.IsRefused);
        Assert.Equal(4, result.Imported);
        var lines = await File.ReadAllLinesAsync(reject);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("C9,INV-4", lines[1]);
        Assert.Contains("unknown customer", lines[1]);
        File.Delete(reject);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_duplicate_invoice_number_with_other_values_is_a_named_refusal(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        var clash = "customer_id,invoice_number,po_number,invoice_date,due_date,currency," +
                    "original_amount,open_amount,discount_percent,discount_due_date\n" +
                    "C1,INV-1,,2026-01-10,2026-02-09,EUR,500.00,500.00,,\n";
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("clash.csv", clash, false);
        Assert.True(result.IsRefused);
        Assert.Contains("duplicate invoice number", result.Problems.Single().Reason);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_changed_customer_is_updated_and_the_change_audited_before_and_after(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await ImportBasicsAsync(t);
        var changed = Customers.Replace("Acme GmbH", "Acme Holding GmbH");
        var result = await new ImportCustomers(t.Fresh(), t.Clock, "test").ExecuteAsync("c2.csv", changed, false);
        Assert.Equal(1, result.Updated);
        var audit = await t.Fresh().AuditEvents.SingleAsync(a => a.Action == "customer.updated");
        Assert.Contains("Acme GmbH", audit.Before);
        Assert.Contains("Acme Holding GmbH", audit.After);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_foreign_currency_item_without_any_rate_books_at_an_indicative_rate_and_says_so(
        string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await new ImportCustomers(t.Fresh(), t.Clock, "test").ExecuteAsync("c.csv", Customers, false);
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", OpenItems, false);
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        var note = Assert.Single(result.Notes);
        Assert.Contains("USD/EUR", note);
        var rate = await t.Fresh().FxRates.SingleAsync();
        Assert.Equal((IndicativeRates.Source, new DateOnly(2026, 2, 1)), (rate.Source, rate.Date));
        Assert.Equal(IndicativeRates.Of(Currency.Of("USD"), Currency.Of("EUR")), rate.Rate);
        // 1000.00 USD booked at the indicative rate, and said so in the audit trail.
        var line = await t.Fresh().JournalLines.SingleAsync(l => l.Currency == "USD" && l.AmountMinor > 0);
        Assert.Equal(Conversion.Convert(new OrderToCash.Money.Money(100_000, Currency.Of("USD")), Currency.Of("EUR"), rate.Rate)
            .Minor, line.FunctionalMinor);
        Assert.True(await t.Fresh().AuditEvents.AnyAsync(a => a.Action == "fx_rate.indicative"));
        Assert.True((await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync()).IsClean);
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task A_currency_without_any_rate_on_file_or_indicative_is_refused_and_nothing_is_written(
        string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await new ImportCustomers(t.Fresh(), t.Clock, "test").ExecuteAsync("c.csv", Customers, false);
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv",
            OpenItems.Replace("1000.00,1000.00", "1000,1000").Replace("USD", "ISK"), false);
        Assert.True(result.IsRefused);
        Assert.Contains(result.Problems, p => p.Line == 4 && p.Reason.Contains("ISK/EUR"));
        Assert.Equal(0, await t.Fresh().FxRates.CountAsync());
        Assert.Equal(0, await t.Fresh().OpenItems.CountAsync());
    }

    [Theory, MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Open_items_may_name_another_entity_of_the_group_which_is_opened_when_unknown(string provider)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await new ImportCustomers(t.Fresh(), t.Clock, "test").ExecuteAsync("c.csv", Customers, false);
        const string items = """
            customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount,open_amount,discount_percent,discount_due_date,legal_entity
            C1,INV-1,,2026-01-10,2026-02-09,EUR,119.00,119.00,,,
            C1,OT-1,,2026-01-12,2026-02-11,EUR,300.00,300.00,,,OTHER
            C3,OT-2,,2026-01-12,2026-02-11,EUR,80.00,80.00,,,OTHER
            """;
        var result = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o.csv", items, false);
        Assert.False(result.IsRefused, string.Join("; ", result.Problems));
        Assert.Equal(["OTHER"], result.OpenedEntities);
        Assert.Equal("EUR", (await t.Fresh().LegalEntities.SingleAsync(e => e.Id == "OTHER")).FunctionalCurrency);
        var byNumber = await t.Fresh().OpenItems.ToDictionaryAsync(o => o.Number, o => (o.LegalEntityId, o.CustomerId));
        Assert.Equal(("DEFAULT", "C1"), byNumber["INV-1"]);
        Assert.Equal(("OTHER", "C1"), byNumber["OT-1"]);
        Assert.True((await new CheckLedger(t.NewContext(), t.Clock).ExecuteAsync()).IsClean);
        var again = await new ImportOpenItems(t.Fresh(), t.Clock, "test").ExecuteAsync("o2.csv", items + "\n", false);
        Assert.Equal((0, 3), (again.Imported, again.Unchanged));
    }
}
