using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OrderToCash.BankStatements;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Ledger;
using OrderToCash.Money;
using OrderToCash.Web.Shell;
using Xunit;

namespace OrderToCash.Web.Tests;

/// <summary>
/// The small company plus a second DEFAULT customer (EU-2, with an IBAN) and a DEFAULT-only clerk (eucash). Each test
/// imports its own receipts and invoices, so the tests share the database without seeing each other's work.
/// </summary>
public sealed class ReceiptApp(string provider) : IAsyncLifetime
{
    public const string Iban = "DE89370400440532013000", CustomerIban = "FR7630006000011234567890189";
    private TestApp? _app;

    public TestApp App
    {
        get
        {
            OrderToCash.Tests.ExternalData.SkipUnless(_app is not null,
                "PostgreSQL is not running ($O2C_TEST_PG is unset; ./test.sh starts it)");
            return _app!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (provider == "postgres" && Environment.GetEnvironmentVariable("O2C_TEST_PG") is null) return;
        _app = await TestApp.SmallCompanyAsync(provider);
        await _app.AddUserAsync("eucash", Roles.CashApplication, "DEFAULT");
        await using var db = await Database.OpenAsync(_app.Target);
        db.Customers.Add(new Customer { Id = "EU-2", LegalEntityId = "DEFAULT", Name = "Second Buyer",
            Currency = "EUR", CreditLimitMinor = 1_000_000 });
        db.Set<CustomerBankAccount>().Add(new CustomerBankAccount
            { CustomerId = "EU-2", AccountNumber = CustomerIban });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    public static async Task ImportAsync(O2cDb db, string tag, string accountId, string currency, string entity,
        string entries)
    {
        var xml = $"""
            <?xml version="1.0"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>{tag}</Id>
            <Acct><Id>{accountId}</Id><Ccy>{currency}</Ccy></Acct>
            {entries}
            </Stmt></BkToCstmrStmt></Document>
            """;
        var result = await new ImportStatement(db, TimeProvider.System, "test").ExecuteAsync(tag + ".xml",
            new MemoryStream(Encoding.UTF8.GetBytes(xml)), legalEntityId: entity);
        Assert.False(result.IsRefused, result.Detail);
    }

    /// <summary>Issues invoices (number, customer, gross in cents) and imports one credit per amount.</summary>
    public Task<List<Guid>> ReceiptsAsync(string tag, (string Number, string Customer, long Minor)[] invoices,
        params (string Reference, string Amount)[] credits) => SeedAsync(App.Target, tag, invoices, credits);

    /// <summary>Issues EUR invoices and imports a camt.053 of EUR credits into DEFAULT; answers the line ids.</summary>
    public static async Task<List<Guid>> SeedAsync(string target, string tag,
        (string Number, string Customer, long Minor)[] invoices, params (string Reference, string Amount)[] credits)
    {
        await using var db = await Database.OpenAsync(target);
        var today = DateOnly.FromDateTime(DateTime.Today);
        foreach (var (number, customer, minor) in invoices)
        {
            var outcome = await new IssueInvoice(db, TimeProvider.System, "test").ExecuteAsync(new InvoiceRequest(
                Guid.NewGuid(), customer, number, null, today, today.AddDays(30), new Money.Money(minor, Currency.EUR),
                new Money.Money(0, Currency.EUR), null, null));
            Assert.True(outcome.IsPosted, outcome.Detail);
        }
        var day = today.ToString("yyyy-MM-dd");
        var entries = string.Concat(credits.Select(c => $"""
            <Ntry><Amt Ccy="EUR">{c.Amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{c.Reference}</AcctSvcrRef>
            <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Some Payer</Nm></Dbtr></RltdPties>
            <RmtInf><Ustrd>payment</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
            """));
        await ImportAsync(db, tag, $"<IBAN>{Iban}</IBAN>", "EUR", "DEFAULT", entries);
        var references = credits.Select(c => c.Reference).ToList();
        var lines = await db.StatementLines.Where(l => references.Contains(l.BankReference!)).ToListAsync();
        return references.Select(r => lines.Single(l => l.BankReference == r).Id).ToList();
    }
}

public sealed class SqliteReceiptApp() : IAsyncLifetime
{
    public ReceiptApp Inner { get; } = new("sqlite");
    public ValueTask InitializeAsync() => Inner.InitializeAsync();
    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}

public sealed class PostgresReceiptApp() : IAsyncLifetime
{
    public ReceiptApp Inner { get; } = new("postgres");
    public ValueTask InitializeAsync() => Inner.InitializeAsync();
    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}

public sealed class SqliteReceiptContractTests(SqliteReceiptApp fixture)
    : ReceiptContractTests(fixture.Inner), IClassFixture<SqliteReceiptApp>;

public sealed class PostgresReceiptContractTests(PostgresReceiptApp fixture)
    : ReceiptContractTests(fixture.Inner), IClassFixture<PostgresReceiptApp>;

/// <summary>
/// Working a receipt through /api/v1: pick invoices of two customers, write off within the limit (above it: an
/// approval), a deduction with a reason code, on account, unapply by reversal, refund and the refund payment file,
/// and the bank reconciliation. A retried request posts once.
/// </summary>
public abstract class ReceiptContractTests(ReceiptApp fixture)
{
    private TestApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static string Tag() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private async Task<Guid> ItemAsync(string number)
    {
        await using var db = await Database.OpenAsync(App.Target, Ct);
        return (await db.OpenItems.SingleAsync(o => o.Number == number, Ct)).Id;
    }

    private async Task<OpenItem> ReadItemAsync(string number)
    {
        await using var db = await Database.OpenAsync(App.Target, Ct);
        return await db.OpenItems.AsNoTracking().SingleAsync(o => o.Number == number, Ct);
    }

    private async Task<StatementLine> LineAsync(Guid id)
    {
        await using var db = await Database.OpenAsync(App.Target, Ct);
        return await db.StatementLines.AsNoTracking().SingleAsync(l => l.Id == id, Ct);
    }

    [Fact]
    public async Task Picking_invoices_of_two_customers_applies_with_a_small_write_off_and_posts_once_when_retried()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 100_00), ($"{t}-B", "EU-2", 50_00)],
            ($"{t}-R", "148.00"));
        var eu = await App.ClientAsAsync("eucash");
        var pick = await eu.GetFromJsonAsync<JsonElement>(
            $"/api/v1/cash-application/lines/{lines[0]}/open-items?search={t}", Ct);
        var numbers = pick.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString())
            .ToList();
        Assert.Equal([$"{t}-A", $"{t}-B"], numbers.Order());
        var body = new
        {
            allocations = new object[]
            {
                new { openItemId = await ItemAsync($"{t}-A"), amount = 100.00m },
                new { openItemId = await ItemAsync($"{t}-B"), amount = 48.00m, writeOff = 2.00m },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cash-application/lines/{lines[0]}/apply")
            { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", t);
        var first = await eu.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("applied", 0m), (answer.GetProperty("result").GetString(),
            answer.GetProperty("unapplied").GetDecimal()));

        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cash-application/lines/{lines[0]}/apply")
            { Content = Json(body) };
        retry.Headers.Add("Idempotency-Key", t);
        var second = await eu.SendAsync(retry, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        await using (var db = await Database.OpenAsync(App.Target, Ct))
            Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.Kind == "application"
                                                                   && e.Source == $"{t}-R", Ct));
        Assert.Equal(0L, (await ReadItemAsync($"{t}-A")).OpenMinor);
        Assert.Equal(0L, (await ReadItemAsync($"{t}-B")).OpenMinor);
        Assert.Equal(StatementLineStatus.Applied, (await LineAsync(lines[0])).Status);
        var detail = await eu.GetFromJsonAsync<JsonElement>($"/api/v1/cash-application/lines/{lines[0]}", Ct);
        var application = Assert.Single(detail.GetProperty("applications").EnumerateArray());
        Assert.Equal([(TestApp.EuCustomer, 100m), ("EU-2", 48m)], application.GetProperty("invoices")
            .EnumerateArray().Select(i => (i.GetProperty("customerId").GetString(),
                i.GetProperty("cash").GetDecimal())));
        var csv = await eu.GetStringAsync("/api/v1/cash-application/applications.csv", Ct);
        Assert.Contains($"{t}-B", csv);
    }

    [Fact]
    public async Task A_short_payment_becomes_a_deduction_with_its_reason_code_and_the_rest_stays_on_account()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 300_00)],
            ($"{t}-R", "280.00"), ($"{t}-S", "75.50"));
        var eu = await App.ClientAsAsync("eucash");
        var response = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply", Json(new
        {
            allocations = new[]
            {
                new { openItemId = await ItemAsync($"{t}-A"), amount = 280.00m, deduction = 20.00m,
                    reasonCode = "price" },
            },
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deduction = await ReadItemAsync($"{t}-A-DED");
        Assert.Equal((OpenItemKind.Deduction, "PRICE", 20_00L), (deduction.Kind, deduction.ReasonCode,
            deduction.OpenMinor));
        Assert.Equal(0L, (await ReadItemAsync($"{t}-A")).OpenMinor);

        var onAccount = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[1]}/apply",
            Json(new { customerId = TestApp.EuCustomer, leaveOnAccount = true }), Ct);
        Assert.Equal(HttpStatusCode.OK, onAccount.StatusCode);
        Assert.Equal(75.5m, (await onAccount.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("unapplied")
            .GetDecimal());
        Assert.Equal(StatementLineStatus.OnAccount, (await LineAsync(lines[1])).Status);
    }

    [Fact]
    public async Task A_write_off_above_the_limit_waits_for_approval_and_too_much_cash_is_refused()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 500_00)], ($"{t}-R", "400.00"));
        var eu = await App.ClientAsAsync("eucash");
        var item = await ItemAsync($"{t}-A");
        var tooMuch = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { allocations = new[] { new { openItemId = item, amount = 450.00m } } }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("ExceedsReceipt", (await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type")
            .GetString());
        var badDecimals = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { allocations = new[] { new { openItemId = item, amount = 1.005m } } }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badDecimals.StatusCode);

        var response = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { allocations = new[] { new { openItemId = item, amount = 400.00m, writeOff = 100.00m } } }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var approval = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("approvals").EnumerateArray());
        Assert.Equal(100_00L, (await ReadItemAsync($"{t}-A")).OpenMinor);
        await using var db = await Database.OpenAsync(App.Target, Ct);
        Assert.True(await db.ApprovalRequests.AnyAsync(a => a.Id == approval.GetGuid(), Ct));
    }

    [Fact]
    public async Task Unapplying_posts_a_reversal_and_the_receipt_is_unapplied_again()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 120_00)], ($"{t}-R", "120.00"));
        var eu = await App.ClientAsAsync("eucash");
        var applied = await (await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
                Json(new { allocations = new[] { new { openItemId = await ItemAsync($"{t}-A"), amount = 120m } } }),
                Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var entryId = applied.GetProperty("entryId").GetGuid();
        var requestId = Guid.NewGuid();
        var body = new { entryId, reason = "wrong invoice", requestId };
        var response = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/unapply", Json(body), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("reversed", 120m), (answer.GetProperty("result").GetString(),
            answer.GetProperty("unapplied").GetDecimal()));
        var again = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/unapply", Json(body), Ct);
        Assert.Equal("already_reversed", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("result").GetString());
        var other = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/unapply",
            Json(new { entryId, reason = "again" }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        Assert.Equal(120_00L, (await ReadItemAsync($"{t}-A")).OpenMinor);
        Assert.Equal(StatementLineStatus.Unapplied, (await LineAsync(lines[0])).Status);
        await using (var db = await Database.OpenAsync(App.Target, Ct))
        {
            Assert.True(await db.JournalEntries.AnyAsync(e => e.Id == entryId, Ct));
            Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.ReversesEntryId == entryId, Ct));
        }
        var detail = await eu.GetFromJsonAsync<JsonElement>($"/api/v1/cash-application/lines/{lines[0]}", Ct);
        Assert.Equal(answer.GetProperty("reversalId").GetGuid(), Assert.Single(detail.GetProperty("applications")
            .EnumerateArray()).GetProperty("reversedBy").GetGuid());
        Assert.Equal(120m, detail.GetProperty("unapplied").GetDecimal());
    }

    [Fact]
    public async Task A_refunded_overpayment_is_paid_in_a_pain_001_file()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [], ($"{t}-R", "33.30"));
        var eu = await App.ClientAsAsync("eucash");
        var refund = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/refund",
            Json(new { customerId = "EU-2", reason = "paid twice" }), Ct);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(33.3m, (await refund.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("amount")
            .GetDecimal());
        var accounts = await eu.GetFromJsonAsync<JsonElement>("/api/v1/cash-application/bank-accounts", Ct);
        var bank = accounts.EnumerateArray()
            .Single(a => a.GetProperty("accountNumber").GetString() == ReceiptApp.Iban);
        var run = await eu.PostAsync("/api/v1/cash-application/refund-runs",
            Json(new { bankAccountId = bank.GetProperty("id").GetGuid(), messageId = t }), Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var file = await run.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("pain.001.001.03", file.GetProperty("format").GetString());
        var xml = file.GetProperty("file").GetString()!;
        Assert.Contains(ReceiptApp.CustomerIban, xml);
        Assert.Contains("33.30", xml);
        if (OrderToCash.Tests.ExternalData.Root is not null)
        {
            var schemas = new System.Xml.Schema.XmlSchemaSet();
            schemas.Add(OrderToCash.CashApplication.Payments.Pain001.Namespace,
                OrderToCash.Tests.ExternalData.Path("pain/iso20022/pain.001.001.03.xsd"));
            var errors = new List<string>();
            System.Xml.Schema.Extensions.Validate(System.Xml.Linq.XDocument.Parse(xml), schemas,
                (_, e) => errors.Add(e.Message));
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        var nothing = await eu.PostAsync("/api/v1/cash-application/refund-runs",
            Json(new { bankAccountId = bank.GetProperty("id").GetGuid(), messageId = t + "2" }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
    }

    [Fact]
    public async Task The_bank_reconciliation_accounts_for_every_line_of_the_range()
    {
        var t = Tag();
        await fixture.ReceiptsAsync(t, [], ($"{t}-R", "10.00"));
        var eu = await App.ClientAsAsync("eucash");
        var accounts = await eu.GetFromJsonAsync<JsonElement>("/api/v1/cash-application/bank-accounts", Ct);
        var bank = accounts.EnumerateArray()
            .Single(a => a.GetProperty("accountNumber").GetString() == ReceiptApp.Iban);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var response = await eu.PostAsync("/api/v1/cash-application/bank-reconciliations",
            Json(new { bankAccountId = bank.GetProperty("id").GetGuid(), from = today, to = today }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(report.GetProperty("statementLines").GetInt32() >= 1);
        // Every line is posted; what the ledger has beyond the statements (refunds paid, not yet on a statement) is
        // listed, so posted + listed = ledger.
        var differences = report.GetProperty("differences").EnumerateArray().ToList();
        Assert.DoesNotContain(differences, d => d.GetProperty("kind").GetString() == "LineNotAccounted");
        Assert.Equal(report.GetProperty("ledgerNet").GetDecimal(), report.GetProperty("postedNet").GetDecimal()
            + differences.Sum(d => d.GetProperty("amount").GetDecimal()));
        var reversed = await eu.PostAsync("/api/v1/cash-application/bank-reconciliations",
            Json(new { bankAccountId = bank.GetProperty("id").GetGuid(), from = today, to = today.AddDays(-1) }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
    }

    [Fact]
    public async Task Other_entities_lines_are_404_and_only_cash_application_applies()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [], ($"{t}-R", "12.00"));
        var cn = await App.ClientAsAsync("cncredit");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await cn.GetAsync($"/api/v1/cash-application/lines/{lines[0]}", Ct)).StatusCode);
        await App.AddUserAsync("cncash", Roles.CashApplication, "CN01");
        var cnCash = await App.ClientAsAsync("cncash");
        Assert.Equal(HttpStatusCode.NotFound,
            (await cnCash.GetAsync($"/api/v1/cash-application/lines/{lines[0]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cnCash.PostAsync(
            $"/api/v1/cash-application/lines/{lines[0]}/apply", Json(new { leaveOnAccount = true }), Ct)).StatusCode);
        var auditor = await App.ClientAsAsync("auditor");
        Assert.Equal(HttpStatusCode.OK,
            (await auditor.GetAsync($"/api/v1/cash-application/lines/{lines[0]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(
            $"/api/v1/cash-application/lines/{lines[0]}/unapply", Json(new { }), Ct)).StatusCode);
    }

    [Fact]
    public async Task Receipts_applied_by_a_person_or_the_cli_run_and_unidentified_ones_are_published_as_webhooks()
    {
        var admin = await App.ClientAsAsync("admin");
        var hook = await admin.PostAsync("/api/v1/webhooks",
            Json(new
            {
                url = "http://127.0.0.1:9/hook", events = "receipt.applied,receipt.unapplied,receipt.unidentified",
            }), Ct);
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var subscription = (await hook.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 60_00)],
            ($"{t}-R", "60.00"), ($"{t}-U", "9876.54"));
        var eu = await App.ClientAsAsync("eucash");
        var applied = await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { allocations = new[] { new { openItemId = await ItemAsync($"{t}-A"), amount = 60m } } }), Ct);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var entryId = (await applied.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("entryId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/unapply",
            Json(new { entryId, reason = "test" }), Ct)).StatusCode);
        // What `o2c cashapp run` does: straight on the database, without the web host.
        await using (var db = await Database.OpenAsync(App.Target, Ct))
            await new OrderToCash.CashApplication.RunCashApplication(db, TimeProvider.System, "cli")
                .ExecuteAsync(ct: Ct);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<WebhookDelivery> deliveries;
        do
        {
            await Task.Delay(500, Ct);
            using var scope = App.Factory.Services.CreateScope();
            var web = scope.ServiceProvider.GetRequiredService<WebDb>();
            deliveries = await web.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription)
                .ToListAsync(Ct);
        } while (DateTime.UtcNow < deadline
                 && !(deliveries.Any(d => d.Event == "receipt.applied" && d.Payload.Contains($"{t}-R"))
                      && deliveries.Any(d => d.Event == "receipt.unidentified" && d.Payload.Contains($"{t}-U"))
                      && deliveries.Any(d => d.Event == "receipt.unapplied" && d.Payload.Contains($"{t}-R"))));
        var appliedEvent = Assert.Single(deliveries, d => d.Event == "receipt.applied" && d.Payload.Contains($"{t}-R"));
        var data = JsonDocument.Parse(appliedEvent.Payload).RootElement.GetProperty("data");
        Assert.Equal(("60.00", "EUR", lines[0]), (data.GetProperty("cashApplied").GetString(),
            data.GetProperty("currency").GetString(), data.GetProperty("statementLineId").GetGuid()));
        Assert.Equal($"{t}-A", Assert.Single(data.GetProperty("invoices").EnumerateArray()).GetProperty("number")
            .GetString());
        Assert.Single(deliveries, d => d.Event == "receipt.unidentified" && d.Payload.Contains($"{t}-U"));
        var unapplied = Assert.Single(deliveries, d => d.Event == "receipt.unapplied" && d.Payload.Contains($"{t}-R"));
        var reversal = JsonDocument.Parse(unapplied.Payload).RootElement.GetProperty("data");
        Assert.Equal((entryId, "60.00"), (reversal.GetProperty("reverses").GetGuid(),
            reversal.GetProperty("cashApplied").GetString()));
        await admin.DeleteAsync($"/api/v1/webhooks/{subscription}", Ct);
    }

    [Fact]
    public async Task The_exception_queue_searches_sorts_and_exports_to_excel()
    {
        var t = Tag();
        await fixture.ReceiptsAsync(t, [], ($"{t}-1", "10.00"), ($"{t}-2", "30.00"), ($"{t}-3", "20.00"));
        var eu = await App.ClientAsAsync("eucash");
        var found = await eu.GetFromJsonAsync<JsonElement>(
            $"/api/v1/cash-application/exceptions?search={t.ToLowerInvariant()}&sort=amount", Ct);
        Assert.Equal([10m, 20m, 30m], found.GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("amount").GetDecimal()));
        var bad = await eu.GetAsync("/api/v1/cash-application/exceptions?sort=colour", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var xlsx = await eu.GetAsync($"/api/v1/cash-application/exceptions/export.xlsx?search={t}", Ct);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(await xlsx.Content.ReadAsStreamAsync(Ct), useHeaderRow: true)
            .Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([$"{t}-2", $"{t}-3", $"{t}-1"], rows.Select(r => r["bank_reference"]?.ToString()));
    }

    [Theory]
    [InlineData("1234.5", "EUR", "1,234.50")]
    [InlineData("1234", "JPY", "1,234")]
    [InlineData("1234.5", "KWD", "1,234.500")]
    public void Amounts_on_screen_have_the_currencys_own_decimals(string major, string currency, string shown)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        try
        {
            Assert.Equal(shown, AmountText.Of(decimal.Parse(major, System.Globalization.CultureInfo.InvariantCulture),
                currency));
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = culture; }
    }

    [Fact]
    public async Task A_refund_from_a_us_account_is_paid_in_a_nacha_file()
    {
        var t = Tag();
        var entity = "US" + t[1..7];
        await using (var db = await Database.OpenAsync(App.Target, Ct))
        {
            Assert.Null(await new LegalEntities.CreateLegalEntity(db, TimeProvider.System, "test")
                .ExecuteAsync(entity, "US Inc.", "USD", ct: Ct));
            db.Customers.Add(new Customer { Id = t, LegalEntityId = entity, Name = "American Buyer", Currency = "USD",
                CreditLimitMinor = 1_000_000 });
            db.Set<CustomerBankAccount>().Add(new CustomerBankAccount
                { CustomerId = t, AccountNumber = "021000021" + "4455667788" });
            await db.SaveChangesAsync(Ct);
            var day = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd");
            await ReceiptApp.ImportAsync(db, t, $"<Othr><Id>77{t[1..9]}</Id></Othr>", "USD", entity, $"""
                <Ntry><Amt Ccy="USD">25.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{t}-R</AcctSvcrRef>
                </Ntry>
                """);
        }
        Guid line;
        await using (var db = await Database.OpenAsync(App.Target, Ct))
            line = (await db.StatementLines.SingleAsync(l => l.BankReference == $"{t}-R", Ct)).Id;
        var clerk = await App.ClientAsAsync("cashapp");
        var refund = await clerk.PostAsync($"/api/v1/cash-application/lines/{line}/refund",
            Json(new { customerId = t, reason = "not ours" }), Ct);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var accounts = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/cash-application/bank-accounts", Ct);
        var bank = accounts.EnumerateArray().Single(a => a.GetProperty("legalEntityId").GetString() == entity);
        var withoutOrigin = await clerk.PostAsync("/api/v1/cash-application/refund-runs",
            Json(new { bankAccountId = bank.GetProperty("id").GetGuid() }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutOrigin.StatusCode);
        var badOrigin = await clerk.PostAsync("/api/v1/cash-application/refund-runs", Json(new
        {
            bankAccountId = bank.GetProperty("id").GetGuid(),
            ach = new { immediateDestination = "12", immediateOrigin = "1", destinationName = "B", originName = "O",
                companyName = "C", companyId = "1", odfiRouting = "021000021" },
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badOrigin.StatusCode);
        var run = await clerk.PostAsync("/api/v1/cash-application/refund-runs", Json(new
        {
            bankAccountId = bank.GetProperty("id").GetGuid(), messageId = t,
            ach = new
            {
                immediateDestination = "021000021", immediateOrigin = "1234567890", destinationName = "BANK",
                originName = "US INC", companyName = "US INC", companyId = "1234567890", odfiRouting = "021000021",
            },
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var file = await run.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("nacha", $"{t}.ach"), (file.GetProperty("format").GetString(),
            file.GetProperty("fileName").GetString()));
        var records = file.GetProperty("file").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.TrimEnd('\r')).ToList();
        Assert.All(records, r => Assert.Equal(94, r.Length));
        Assert.Contains(records, r => r.StartsWith('6') && r.Contains("4455667788") && r.Contains("0000002500"));
    }

    [Fact]
    public async Task Two_clerks_applying_the_same_receipt_at_once_never_apply_it_twice()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 50_00),
            ($"{t}-B", TestApp.EuCustomer, 50_00)], ($"{t}-R", "50.00"));
        var eu = await App.ClientAsAsync("eucash");
        // Identified first, so both requests race on the same receipt item.
        await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { customerId = TestApp.EuCustomer, leaveOnAccount = true }), Ct);
        var (a, b) = (await ItemAsync($"{t}-A"), await ItemAsync($"{t}-B"));
        var answers = await Task.WhenAll(new[] { a, b }.Select(id => eu.PostAsync(
            $"/api/v1/cash-application/lines/{lines[0]}/apply",
            Json(new { allocations = new[] { new { openItemId = id, amount = 50m } } }), Ct)));
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(50_00L, (await ReadItemAsync($"{t}-A")).OpenMinor + (await ReadItemAsync($"{t}-B")).OpenMinor);
        await using var db = await Database.OpenAsync(App.Target, Ct);
        var line = await db.StatementLines.AsNoTracking().SingleAsync(l => l.Id == lines[0], Ct);
        Assert.Equal(0L, (await db.OpenItems.AsNoTracking().SingleAsync(o => o.Id == line.ReceiptOpenItemId, Ct))
            .OpenMinor);
    }

    [Fact]
    public async Task After_applying_unapplying_and_refunding_the_ledger_checks_clean()
    {
        var t = Tag();
        var lines = await fixture.ReceiptsAsync(t, [($"{t}-A", TestApp.EuCustomer, 70_00), ($"{t}-B", "EU-2", 40_00)],
            ($"{t}-R", "100.00"));
        var eu = await App.ClientAsAsync("eucash");
        var applied = await (await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/apply", Json(new
        {
            allocations = new object[]
            {
                new { openItemId = await ItemAsync($"{t}-A"), amount = 60m, deduction = 10m, reasonCode = "DAMAGED" },
                new { openItemId = await ItemAsync($"{t}-B"), amount = 39m, writeOff = 1m },
            },
        }), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1m, applied.GetProperty("unapplied").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, (await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/unapply",
            Json(new { entryId = applied.GetProperty("entryId").GetGuid(), reason = "wrong" }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eu.PostAsync($"/api/v1/cash-application/lines/{lines[0]}/refund",
            Json(new { amount = 100m, reason = "returned" }), Ct)).StatusCode);
        Assert.Equal(0L, (await ReadItemAsync($"{t}-A-DED")).OpenMinor);
        Assert.Equal(70_00L, (await ReadItemAsync($"{t}-A")).OpenMinor);
        await using var db = await Database.OpenAsync(App.Target, Ct);
        var report = await new CheckLedger(db, TimeProvider.System).ExecuteAsync(ct: Ct);
        Assert.True(report.IsClean, string.Join("\n", report.Violations.Select(v => $"{v.Invariant}: {v.Detail}")));
    }
}
