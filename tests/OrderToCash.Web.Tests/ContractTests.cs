using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderToCash.Web.Shell;
using Xunit;

namespace OrderToCash.Web.Tests;

public sealed class SqliteApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public async ValueTask InitializeAsync() => App = await TestApp.SmallCompanyAsync("sqlite");
    public ValueTask DisposeAsync() => App.DisposeAsync();
}

public sealed class PostgresApp : IAsyncLifetime
{
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
        if (Environment.GetEnvironmentVariable("O2C_TEST_PG") is not null)
            _app = await TestApp.SmallCompanyAsync("postgres");
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class SqliteContractTests(SqliteApp fixture) : ContractTests(() => fixture.App), IClassFixture<SqliteApp>;

public sealed class PostgresContractTests(PostgresApp fixture)
    : ContractTests(() => fixture.App), IClassFixture<PostgresApp>;

/// <summary>
/// The HTTP contract of every endpoint: 401 without credentials, 403 for a role without the duty, 404 for another
/// entity's id, 400 naming every bad field, and the same answer for an idempotent retry.
/// </summary>
public abstract class ContractTests(Func<TestApp> app)
{
    private TestApp App => app();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Every_documented_endpoint_refuses_an_anonymous_caller_with_401()
    {
        var client = App.Anonymous();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var checkedCount = 0;
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/")) continue;
            var url = path.Name.Replace("{id}", Guid.Empty.ToString()).Replace("{name}", "admin");
            foreach (var method in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.Name.ToUpperInvariant()), url);
                if (method.Name != "get" && method.Name != "delete") request.Content = Json(new { });
                var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                    $"{method.Name} {url}: {response.StatusCode}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 25, $"only {checkedCount} endpoints documented");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_valid_token_reads_customers_and_a_revoked_or_wrong_one_does_not()
    {
        var client = await App.ClientAsAsync("auditor");
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers", Ct);
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var bad = App.Anonymous();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "o2c_not_a_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v1/customers", Ct)).StatusCode);

        var created = await client.PostAsync("/api/v1/tokens", Json(new { name = "short-lived" }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var own = App.Anonymous();
        own.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/api/v1/customers", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.DeleteAsync($"/api/v1/tokens/{token.GetProperty("id").GetString()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await own.GetAsync("/api/v1/customers", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("auditor", "POST", "/api/v1/customers/EU-1/credit-limit")]
    [InlineData("cashapp", "POST", "/api/v1/customers/EU-1/credit-limit")]
    [InlineData("billing", "POST", "/api/v1/open-items/{invoice}/write-off")]
    [InlineData("credit", "POST", "/api/v1/open-items/{invoice}/write-off")]
    [InlineData("credit", "POST", "/api/v1/approvals/{guid}/approve")]
    [InlineData("admin", "POST", "/api/v1/approvals/{guid}/reject")]
    [InlineData("teamlead", "GET", "/api/v1/users")]
    [InlineData("billing", "POST", "/api/v1/users")]
    [InlineData("auditor", "POST", "/api/v1/settings/thresholds")]
    [InlineData("treasury", "GET", "/api/v1/webhooks")]
    public async Task A_role_without_the_duty_gets_403(string user, string method, string url)
    {
        var client = await App.ClientAsAsync(user);
        url = url.Replace("{invoice}", App.EuInvoice.ToString()).Replace("{guid}", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = Json(new { });
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/customers/EU-1")]
    [InlineData("GET", "/api/v1/customers/EU-1/open-items")]
    [InlineData("GET", "/api/v1/customers/EU-1/ledger-lines")]
    [InlineData("GET", "/api/v1/customers/EU-1/activity")]
    [InlineData("POST", "/api/v1/customers/EU-1/credit-limit")]
    [InlineData("GET", "/api/v1/customers/NO-SUCH")]
    public async Task Another_entitys_customer_is_404_not_the_record(string method, string url)
    {
        var client = await App.ClientAsAsync("cncredit");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST") request.Content = Json(new { creditLimit = 1, reason = "peek" });
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("NotFound", problem.GetProperty("type").GetString());
        Assert.DoesNotContain("Europe Buyer", problem.ToString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers", Ct);
        Assert.Equal(["CN-1"], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Another_entitys_open_item_journal_entry_and_approval_are_404()
    {
        var cn = await App.ClientAsAsync("cnlead");
        var eu = await App.ClientAsAsync("auditor");
        var entries = await eu.GetFromJsonAsync<JsonElement>("/api/v1/journal?entity=DEFAULT", Ct);
        var entryId = entries.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Contains(entries.GetProperty("items")[0].GetProperty("hashStatus").GetString(),
            new[] { "verified", "unsealed" });
        Assert.Equal(HttpStatusCode.NotFound, (await cn.GetAsync($"/api/v1/journal/{entryId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eu.GetAsync($"/api/v1/journal/{entryId}", Ct)).StatusCode);

        var cashapp = await App.ClientAsAsync("cashapp");
        var pending = await cashapp.PostAsync($"/api/v1/open-items/{App.EuInvoice}/write-off",
            Json(new { amount = 60.00m, reason = "small balance" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var approvalId = (await pending.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("approvalId")
            .GetString();
        Assert.Equal(HttpStatusCode.NotFound,
            (await cn.PostAsync($"/api/v1/approvals/{approvalId}/approve", Json(new { }), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cn.GetAsync($"/api/v1/approvals/{approvalId}", Ct)).StatusCode);
        var cnCashapp = App.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await cnCashapp.PostAsync(
            $"/api/v1/open-items/{App.EuInvoice}/write-off", Json(new { amount = 1, reason = "x" }), Ct)).StatusCode);
        // The teamlead of the entity rejects it; the write-off never posts.
        var lead = await App.ClientAsAsync("teamlead");
        Assert.Equal(HttpStatusCode.OK,
            (await lead.PostAsync($"/api/v1/approvals/{approvalId}/reject", Json(new { note = "no" }), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/customers/EU-1/credit-limit", "credit", "creditLimit,reason")]
    [InlineData("/api/v1/open-items/{invoice}/write-off", "cashapp", "amount,reason")]
    [InlineData("/api/v1/users", "admin", "name,roles,password")]
    [InlineData("/api/v1/tokens", "auditor", "name")]
    [InlineData("/api/v1/settings/thresholds", "admin", "legalEntityId,action,currency,limit")]
    [InlineData("/api/v1/webhooks", "admin", "url")]
    public async Task A_bad_body_is_400_naming_every_bad_field(string url, string user, string fields)
    {
        var client = await App.ClientAsAsync(user);
        var response = await client.PostAsync(url.Replace("{invoice}", App.EuInvoice.ToString()), Json(new { }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("ValidationFailed", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(fields.Split(',').Order().ToArray(), errors);
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        var client = await App.ClientAsAsync("credit");
        var response = await client.PostAsync("/api/v1/customers/EU-1/credit-limit",
            new StringContent("{\"creditLimit\": ", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_idempotent_retry_returns_the_first_answer_and_another_body_is_refused()
    {
        var client = await App.ClientAsAsync("credit");
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post(decimal limit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers/EU-1/credit-limit")
            {
                Content = Json(new { creditLimit = limit, reason = "annual review" }),
            };
            request.Headers.Add(Idempotency.Header, key);
            return await client.SendAsync(request, Ct);
        }
        var first = await Post(10_500m);
        var retry = await Post(10_500m);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await retry.Content.ReadAsStringAsync(Ct));
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        var other = await Post(10_600m);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("IdempotencyKeyReused",
            (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Maker_cannot_approve_their_own_credit_limit_change_and_a_second_teamlead_can()
    {
        await App.AddUserAsync("lead2", Roles.TeamLead, "*");
        var lead = await App.ClientAsAsync("teamlead");
        var request = await lead.PostAsync("/api/v1/customers/CN-1/credit-limit",
            Json(new { creditLimit = 500_000m, reason = "new contract" }), Ct);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var id = (await request.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("approvalId").GetString();

        var own = await lead.PostAsync($"/api/v1/approvals/{id}/approve", Json(new { }), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("MakerCannotDecide",
            (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
        var credit = await App.ClientAsAsync("credit");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await credit.PostAsync($"/api/v1/approvals/{id}/approve", Json(new { }), Ct)).StatusCode);

        var checker = await App.ClientAsAsync("lead2");
        var approved = await checker.PostAsync($"/api/v1/approvals/{id}/approve", Json(new { note = "ok" }), Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var again = await checker.PostAsync($"/api/v1/approvals/{id}/approve", Json(new { }), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var customer = await checker.GetFromJsonAsync<JsonElement>("/api/v1/customers/CN-1", Ct);
        Assert.Equal(500_000m, customer.GetProperty("creditLimit").GetDecimal());
        var audit = await checker.GetFromJsonAsync<JsonElement>("/api/v1/audit?entityId=CN-1", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(),
            a => a.GetProperty("action").GetString() == "customer.credit_limit_changed");
    }

    [Fact]
    public async Task A_small_write_off_posts_at_once_for_cash_application()
    {
        var client = await App.ClientAsAsync("cashapp");
        var response = await client.PostAsync($"/api/v1/open-items/{App.EuInvoice}/write-off",
            Json(new { amount = 0.50m, reason = "rounding" }), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("posted",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result").GetString());
    }

    [Fact]
    public async Task Admin_adds_users_but_segregation_of_duties_refuses_conflicting_roles()
    {
        var admin = await App.ClientAsAsync("admin");
        var bad = await admin.PostAsync("/api/v1/users", Json(new
        {
            name = "both", roles = new[] { "Billing", "CashApplication" }, password = "long-enough-pw",
        }), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("RolesConflict",
            (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
        var ok = await admin.PostAsync("/api/v1/users", Json(new
        {
            name = "newbiller", roles = new[] { "Billing" }, entities = "CN01", password = "long-enough-pw",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.PostAsync("/api/v1/users/newbiller/disable", Json(new { }), Ct)).StatusCode);
    }

    [Fact]
    public async Task Lists_page_with_a_cursor()
    {
        var client = await App.ClientAsAsync("auditor");
        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/customers?limit=1&sort=name", Ct);
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        var second = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/customers?limit=1&sort=name&cursor={cursor}", Ct);
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(),
            second.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var bad = await client.GetAsync("/api/v1/customers?cursor=zzz&sort=nope", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Ct);
        Assert.Equal(2, dashboard.GetProperty("ar").GetArrayLength());
    }

    [Fact]
    public async Task Pages_redirect_to_sign_in_and_carry_security_headers()
    {
        var client = App.Anonymous();
        var page = await client.GetAsync("/customers", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.PathAndQuery);
        var signIn = await client.GetAsync("/signin", Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("__RequestVerificationToken", await signIn.Content.ReadAsStringAsync(Ct));
    }
}
