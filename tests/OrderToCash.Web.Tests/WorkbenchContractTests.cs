using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Invoicing;
using OrderToCash.Money;
using OrderToCash.Web.Shell;
using Xunit;

namespace OrderToCash.Web.Tests;

/// <summary>
/// The small company with bank statements imported: DEFAULT's camt.053 pays INV-1 in full, one of INV-2 and INV-3
/// (the same amount), and something nobody can place; CN01's pays CN-1. A DEFAULT-only cash application clerk (eucash) works it.
/// </summary>
public sealed class SqliteWorkbenchApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await TestApp.SmallCompanyAsync("sqlite");
        await App.AddUserAsync("eucash", Roles.CashApplication, "DEFAULT");
        await using var db = await Database.OpenAsync(App.Target);
        var today = DateOnly.FromDateTime(DateTime.Today);
        await new IssueInvoice(db, TimeProvider.System, "test").ExecuteAsync(new InvoiceRequest(Guid.NewGuid(),
            TestApp.EuCustomer, "INV-2", null, today, today.AddDays(30), new Money.Money(200_00, Currency.EUR),
            new Money.Money(38_00, Currency.EUR), null, null));
        await new IssueInvoice(db, TimeProvider.System, "test").ExecuteAsync(new InvoiceRequest(Guid.NewGuid(),
            TestApp.EuCustomer, "INV-3", null, today, today.AddDays(45), new Money.Money(200_00, Currency.EUR),
            new Money.Money(38_00, Currency.EUR), null, null));
        var day = today.ToString("yyyy-MM-dd");
        await ImportAsync(db, "eu.xml", "DE89370400440532013000", "EUR", "DEFAULT",
            Credit("EUR", "119.00", day, "EU-A", "Europe Buyer", "INV-1")
            + Credit("EUR", "238.00", day, "EU-B", "Europe Buyer", "invoice payment")
            + Credit("EUR", "45.50", day, "EU-C", "Somebody Else", "thanks"));
        await ImportAsync(db, "cn.xml", "CN0012345678901234", "CNY", "CN01",
            Credit("CNY", "113.00", day, "CN-A", "上海买家", "CN-1"));
    }

    private static string Credit(string currency, string amount, string day, string reference, string payer,
        string remittance) => $"""
        <Ntry><Amt Ccy="{currency}">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{reference}</AcctSvcrRef>
        <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>
        <RmtInf><Ustrd>{remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
        """;

    private static async Task ImportAsync(O2cDb db, string file, string iban, string currency, string entity,
        string entries)
    {
        var xml = $"""
            <?xml version="1.0"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>{file}</Id>
            <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{currency}</Ccy></Acct>
            {entries}
            </Stmt></BkToCstmrStmt></Document>
            """;
        var result = await new ImportStatement(db, TimeProvider.System, "test").ExecuteAsync(file,
            new MemoryStream(Encoding.UTF8.GetBytes(xml)), legalEntityId: entity);
        if (result.IsRefused) throw new InvalidOperationException(result.Detail);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>
/// The workbench's HTTP contract: who may read and act, entity scoping, and an accepted suggestion that posts once.
/// </summary>
public sealed class WorkbenchContractTests(SqliteWorkbenchApp fixture) : IClassFixture<SqliteWorkbenchApp>
{
    private TestApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static StringContent Empty => new("{}", Encoding.UTF8, "application/json");

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/v1/statements" },
        { "GET", "/api/v1/statements/{guid}/lines" },
        { "GET", "/api/v1/cash-application/exceptions" },
        { "GET", "/api/v1/cash-application/applications.csv" },
        { "POST", "/api/v1/cash-application/run" },
        { "POST", "/api/v1/cash-application/lines/{guid}/accept" },
    };

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) =>
        await client.SendAsync(new HttpRequestMessage(new HttpMethod(method),
            url.Replace("{guid}", Guid.NewGuid().ToString())) { Content = method == "POST" ? Empty : null }, Ct);

    [Theory, MemberData(nameof(Endpoints))]
    public async Task Without_credentials_it_is_401_and_billing_gets_403(string method, string url)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(App.Anonymous(), method, url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await SendAsync(await App.ClientAsAsync("billing"), method, url)).StatusCode);
    }

    [Theory]
    [InlineData("cashapp", "/api/v1/statements")]
    [InlineData("teamlead", "/api/v1/statements")]
    [InlineData("auditor", "/api/v1/cash-application/exceptions")]
    [InlineData("cashapp", "/api/v1/cash-application/exceptions")]
    [InlineData("auditor", "/api/v1/cash-application/applications.csv")]
    public async Task Cash_application_its_lead_and_the_auditor_read(string user, string url)
    {
        var response = await (await App.ClientAsAsync(user)).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("teamlead", "/api/v1/cash-application/run")]
    [InlineData("auditor", "/api/v1/cash-application/lines/{guid}/accept")]
    public async Task Only_cash_application_runs_and_accepts(string user, string url) =>
        Assert.Equal(HttpStatusCode.Forbidden,
            (await SendAsync(await App.ClientAsAsync(user), "POST", url)).StatusCode);

    private async Task<(HttpClient Eu, JsonElement Lines)> RunAsEuClerkAsync()
    {
        var eu = await App.ClientAsAsync("eucash");
        var run = await eu.PostAsync("/api/v1/cash-application/run", Empty, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        // The all-entity clerk runs too, so CN01's receipt has been through the matcher as well.
        await (await App.ClientAsAsync("cashapp")).PostAsync("/api/v1/cash-application/run", Empty, Ct);
        var statements = await eu.GetFromJsonAsync<JsonElement>("/api/v1/statements", Ct);
        var eur = Assert.Single(statements.GetProperty("items").EnumerateArray());
        Assert.Equal("DEFAULT", eur.GetProperty("legalEntityId").GetString());
        var lines = await eu.GetFromJsonAsync<JsonElement>(
            $"/api/v1/statements/{eur.GetProperty("id").GetString()}/lines", Ct);
        return (eu, lines.GetProperty("items"));
    }

    [Fact]
    public async Task Another_entitys_statement_and_line_are_404()
    {
        var (eu, _) = await RunAsEuClerkAsync();
        var all = await (await App.ClientAsAsync("cashapp")).GetFromJsonAsync<JsonElement>("/api/v1/statements", Ct);
        var cny = all.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("currency").GetString() == "CNY");
        var cnId = cny.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await eu.GetAsync($"/api/v1/statements/{cnId}/lines", Ct)).StatusCode);
        await using var db = await Database.OpenAsync(App.Target, Ct);
        var cnLine = await db.StatementLines.SingleAsync(l => l.LegalEntityId == "CN01", Ct);
        var response = await eu.PostAsync($"/api/v1/cash-application/lines/{cnLine.Id}/accept", Empty, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type")
            .GetString());
        var csv = await eu.GetStringAsync("/api/v1/cash-application/applications.csv", Ct);
        Assert.StartsWith(OrderToCash.CashApplication.ApplicationsCsv.Header, csv);
        Assert.Contains("EU-B", csv);
        Assert.DoesNotContain("CN-A", csv);
    }

    [Fact]
    public async Task Accepting_a_suggestion_applies_it_once_even_when_clicked_twice()
    {
        var (eu, lines) = await RunAsEuClerkAsync();
        var suggested = lines.EnumerateArray().Single(l => l.GetProperty("bankReference").GetString() == "EU-B");
        var id = suggested.GetProperty("id").GetString();
        var exceptions = await eu.GetFromJsonAsync<JsonElement>("/api/v1/cash-application/exceptions", Ct);
        Assert.Equal(["EU-B", "EU-C"], exceptions.GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("bankReference").GetString()));
        var proposal = Assert.Single(suggested.GetProperty("proposals").EnumerateArray());
        Assert.Equal(("suggested", 238m), (proposal.GetProperty("status").GetString(),
            proposal.GetProperty("amount").GetDecimal()));
        var invoice = proposal.GetProperty("invoiceNumber").GetString();

        var first = await eu.PostAsync($"/api/v1/cash-application/lines/{id}/accept", Empty, Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("applied", answer.GetProperty("result").GetString());
        int entries;
        await using (var db = await Database.OpenAsync(App.Target, Ct))
            entries = await db.JournalEntries.CountAsync(Ct);

        var second = await eu.PostAsync($"/api/v1/cash-application/lines/{id}/accept", Empty, Ct);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("already_applied", again.GetProperty("result").GetString());
        Assert.Equal(answer.GetProperty("entryId").GetString(), again.GetProperty("entryId").GetString());
        await using (var db = await Database.OpenAsync(App.Target, Ct))
        {
            Assert.Equal(entries, await db.JournalEntries.CountAsync(Ct));
            Assert.Equal(1, await db.JournalEntries.CountAsync(e => e.Kind == "application"
                && e.Memo.Contains("accepted by eucash"), Ct));
            Assert.Equal(0L, (await db.OpenItems.SingleAsync(o => o.Number == invoice, Ct)).OpenMinor);
            Assert.Equal(StatementLineStatus.Applied,
                (await db.StatementLines.SingleAsync(l => l.BankReference == "EU-B", Ct)).Status);
        }
        var after = await eu.GetFromJsonAsync<JsonElement>("/api/v1/cash-application/exceptions", Ct);
        Assert.Equal(["EU-C"], after.GetProperty("items").EnumerateArray()
            .Select(l => l.GetProperty("bankReference").GetString()));
    }
}
