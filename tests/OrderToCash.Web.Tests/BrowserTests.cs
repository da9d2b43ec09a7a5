using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit;

namespace OrderToCash.Web.Tests;

/// <summary>The demo company on a real port, and a headless Chromium (Debian's, no download).</summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => App.Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        OrderToCash.Tests.ExternalData.SkipUnless(File.Exists("/usr/bin/chromium"),
            "chromium is not installed (apt-get install chromium; ./test.sh installs it)");
        Directory.CreateDirectory(Screenshots);
        App = await TestApp.DemoOnKestrelAsync();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

/// <summary>
/// The browser test classes share one demo app and one Chromium, and run one after the other (two Kestrel test
/// servers starting at once collided on a port).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser";
}

/// <summary>What people do in the browser: sign in, open a customer, export, switch language, approve.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserApp fixture)
{
    private async Task<IPage> SignInAsync(string user, string path = "/")
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", user + "-demo");
        await page.ClickAsync("#sign-in");
        await WaitInteractiveAsync(page);
        return page;
    }

    private static async Task WaitInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#page-state")).ToHaveAttributeAsync("data-interactive", "true",
            new() { Timeout = 30_000 });

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, name + ".png"), FullPage = true });

    [Fact]
    public async Task Sign_in_page_renders_and_a_wrong_password_is_refused()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await ShotAsync(page, "01-signin");
        await page.FillAsync("#userName", "credit");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#signin-error")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dashboard_shows_ar_by_entity_and_a_chart()
    {
        var page = await SignInAsync("treasury");
        await Assertions.Expect(page.GetByText("Open AR · DEFAULT").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Open AR · CN01").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg").First).ToBeVisibleAsync();
        await ShotAsync(page, "02-dashboard");
    }

    [Fact]
    public async Task Customer_grid_searches_opens_a_customer_and_exports_to_excel()
    {
        var page = await SignInAsync("billing", "/customers");
        var grid = page.Locator("#customer-grid");
        await Assertions.Expect(grid.Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(25, await grid.Locator("tbody tr.mud-table-row").CountAsync());
        await ShotAsync(page, "03-customers");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-excel"));
        var file = Path.Combine(BrowserApp.Screenshots, "customers.xlsx");
        await download.SaveAsAsync(file);
        var rows = MiniExcel.Query(file, useHeaderRow: true).ToList();
        // Every customer (the demo's 200, and those other browser tests of the shared app added).
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await OrderToCash.Data.Database.OpenAsync(fixture.App.Target, ct))
            Assert.Equal(await db.Customers.CountAsync(ct), rows.Count);

        await grid.Locator("tbody tr.mud-table-row").First.ClickAsync();
        await Assertions.Expect(page.Locator("#customer-name")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#open-items")).ToBeVisibleAsync();
        await ShotAsync(page, "04-customer");
    }

    [Fact]
    public async Task Switching_to_chinese_translates_the_workspace()
    {
        var page = await SignInAsync("collections", "/customers");
        await page.ClickAsync("#language-toggle");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByText("导出 Excel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav").GetByText("客户")).ToBeVisibleAsync();
        await ShotAsync(page, "05-customers-zh");
        await page.ClickAsync("#language-toggle");
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByText("Export to Excel")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Teamlead_approves_a_credit_limit_change_that_credit_requested()
    {
        var credit = await SignInAsync("credit", "/customers");
        await credit.Locator("#customer-grid tbody tr.mud-table-row").Nth(3).ClickAsync();
        await Assertions.Expect(credit.Locator("#customer-name")).ToBeVisibleAsync();
        var customerPath = new Uri(credit.Url).AbsolutePath;
        var customerName = await credit.Locator("#customer-name").InnerTextAsync();
        await credit.GetByLabel("New limit").FillAsync("9999999");
        await credit.GetByLabel("Reason").FillAsync("Group guarantee received");
        await credit.ClickAsync("#change-limit");
        await Assertions.Expect(credit.GetByText("Waiting for approval by a second person.")).ToBeVisibleAsync();
        await credit.GotoAsync("/approvals");
        await WaitInteractiveAsync(credit);
        await Assertions.Expect(credit.Locator("#approvals button.approve")).ToHaveCountAsync(0);

        var lead = await SignInAsync("teamlead", "/approvals");
        var row = lead.Locator("#approvals tr", new() { HasText = customerName });
        await Assertions.Expect(row.First).ToBeVisibleAsync();
        await ShotAsync(lead, "06-approvals");
        await row.First.Locator("button.approve").ClickAsync();
        await Assertions.Expect(lead.GetByText("Approved.")).ToBeVisibleAsync();

        await lead.GotoAsync(customerPath);
        await WaitInteractiveAsync(lead);
        await Assertions.Expect(lead.Locator("#credit-limit")).ToContainTextAsync("9,999,999.00");
        await ShotAsync(lead, "07-customer-after-approval");
    }
}
