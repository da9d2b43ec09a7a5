using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrderToCash.CashApplication;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Demo;
using OrderToCash.Invoicing;
using OrderToCash.LegalEntities;
using OrderToCash.Money;
using OrderToCash.Tests;
using OrderToCash.Web.Shell;
using OrderToCash.Web.Users;

namespace OrderToCash.Web.Tests;

/// <summary>
/// The web app on its own fresh database (SQLite file or a new PostgreSQL database), with demo users and, for the
/// contract tests, a small two-entity company: DEFAULT (EUR) and CN01 (CNY), a customer and an invoice in each.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string EuCustomer = "EU-1", CnCustomer = "CN-1";
    public WebApplicationFactory<Program> Factory { get; }
    public string Target { get; }
    public Guid EuInvoice { get; private set; }
    private readonly string? _pgDatabase;
    private readonly string? _sqlitePath;

    private TestApp(string target, string? pgDatabase, string? sqlitePath, bool kestrel)
    {
        Target = target;
        _pgDatabase = pgDatabase;
        _sqlitePath = sqlitePath;
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("db", target);
            b.UseSetting("demo", "true");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        if (kestrel)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
    }

    public static async Task<TestApp> SmallCompanyAsync(string provider)
    {
        var (target, pg, sqlite) = await NewDatabaseAsync(provider);
        var app = new TestApp(target, pg, sqlite, kestrel: false);
        await app.SeedSmallCompanyAsync();
        _ = app.Factory.Server; // starts the host: migrations, roles, demo users
        await app.AddUserAsync("cncredit", Roles.Credit, "CN01");
        await app.AddUserAsync("cnlead", Roles.TeamLead, "CN01");
        return app;
    }

    /// <summary>A copy of the demo company (built once per test run), served on a real port for the browser.</summary>
    public static async Task<TestApp> DemoOnKestrelAsync()
    {
        var template = await DemoTemplate.Value;
        var path = Path.Combine(Path.GetTempPath(), "o2c-web-" + Guid.NewGuid().ToString("N") + ".db");
        File.Copy(template, path);
        return new TestApp(path, null, path, kestrel: true);
    }

    private static readonly Lazy<Task<string>> DemoTemplate = new(async () =>
    {
        var path = Path.Combine(Path.GetTempPath(), "o2c-web-demo-" + Guid.NewGuid().ToString("N") + ".db");
        await using (var db = await Database.OpenAsync(path))
            await new BuildDemoCompany(db, TimeProvider.System, "demo").ExecuteAsync(42,
                DateOnly.FromDateTime(DateTime.Today));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return path;
    });

    private static async Task<(string, string?, string?)> NewDatabaseAsync(string provider)
    {
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("O2C_TEST_PG");
            ExternalData.SkipUnless(server is not null,
                "PostgreSQL is not running ($O2C_TEST_PG is unset; ./test.sh starts it)");
            var name = "o2c_web_" + Guid.NewGuid().ToString("N")[..16];
            await using var conn = new NpgsqlConnection(server);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
            return (new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), name, null);
        }
        var path = Path.Combine(Path.GetTempPath(), "o2c-web-" + Guid.NewGuid().ToString("N") + ".db");
        return (path, null, path);
    }

    private async Task SeedSmallCompanyAsync()
    {
        var clock = TimeProvider.System;
        await using var db = await Database.OpenAsync(Target);
        await new CreateLegalEntity(db, clock, "test").ExecuteAsync("CN01", "Shanghai Co.", "CNY");
        db.Customers.Add(new Customer { Id = EuCustomer, LegalEntityId = "DEFAULT", Name = "Europe Buyer",
            Currency = "EUR", CreditLimitMinor = 1_000_000 });
        db.Customers.Add(new Customer { Id = CnCustomer, LegalEntityId = "CN01", Name = "上海买家", Currency = "CNY",
            CreditLimitMinor = 1_000_000 });
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        EuInvoice = Guid.NewGuid();
        await new IssueInvoice(db, clock, "test").ExecuteAsync(new InvoiceRequest(EuInvoice, EuCustomer, "INV-1", null,
            today, today.AddDays(30), new Money.Money(100_00, Currency.EUR), new Money.Money(19_00, Currency.EUR),
            null, null));
        await new IssueInvoice(db, clock, "test").ExecuteAsync(new InvoiceRequest(Guid.NewGuid(), CnCustomer, "CN-1",
            null, today, today.AddDays(30), new Money.Money(100_00, Currency.CNY), new Money.Money(13_00, Currency.CNY),
            null, null));
        // The invoice's open item has the id the use case gave it; look it up by number.
        EuInvoice = db.OpenItems.Single(o => o.Number == "INV-1").Id;
    }

    public async Task AddUserAsync(string name, string role, string entities)
    {
        using var scope = Factory.Services.CreateScope();
        await using var core = Database.Create(Target);
        var outcome = await new AddUser(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), core,
            TimeProvider.System, "test").ExecuteAsync(new NewUser(name, [role], entities, name + "-password"));
        if (outcome.Error is not null && outcome.Error != UserError.AlreadyExists)
            throw new InvalidOperationException(outcome.Detail);
    }

    /// <summary>An HTTP client that acts as the user through a fresh personal access token.</summary>
    public async Task<HttpClient> ClientAsAsync(string user)
    {
        string token;
        using (var scope = Factory.Services.CreateScope())
            token = (await new IssueAccessToken(scope.ServiceProvider.GetRequiredService<WebDb>(), TimeProvider.System)
                .ExecuteAsync(user, "test", null))!.Token;
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Anonymous() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("O2C_TEST_PG"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
