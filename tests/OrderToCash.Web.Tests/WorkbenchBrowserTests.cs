using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OrderToCash.CashApplication;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Ledger;
using Xunit;

namespace OrderToCash.Web.Tests;

/// <summary>
/// The clerk in real Chromium on the demo company: picks two invoices for a receipt and applies it, unapplies an
/// application, turns a short payment into a deduction; and looks at the reconciliation tab.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkbenchBrowserTests(BrowserApp fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Tag() => "W" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<IPage> SignInAsync(string user, string path)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", user + "-demo");
        await page.ClickAsync("#sign-in");
        await WaitInteractiveAsync(page);
        return page;
    }

    private static async Task WaitInteractiveAsync(IPage page) =>
        await Assertions.Expect(page.Locator("#page-state")).ToHaveAttributeAsync("data-interactive", "true",
            new() { Timeout = 30_000 });

    /// <summary>The whole text, whitespace aside: "0.00" must not pass on "150.00".</summary>
    private static System.Text.RegularExpressions.Regex Exactly(string text) =>
        new(@"^\s*" + System.Text.RegularExpressions.Regex.Escape(text).Replace(@"\ ", @"\s+") + @"\s*$");

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.Screenshots, name + ".png"), FullPage = true });

    /// <summary>A customer of its own (the demo's data stays out of the way), its invoices and receipts.</summary>
    private async Task<List<Guid>> SeedAsync(string tag, long[] invoices, params string[] receipts)
    {
        await using (var db = await Database.OpenAsync(fixture.App.Target, Ct))
        {
            db.Customers.Add(new Customer { Id = tag, LegalEntityId = "DEFAULT", Name = $"Buyer {tag}",
                Currency = "EUR", CreditLimitMinor = 10_000_000 });
            db.Set<CustomerBankAccount>().Add(new CustomerBankAccount
                { CustomerId = tag, AccountNumber = ReceiptApp.CustomerIban });
            await db.SaveChangesAsync(Ct);
        }
        return await ReceiptApp.SeedAsync(fixture.App.Target, tag,
            invoices.Select((m, i) => ($"{tag}-{i + 1}", tag, m)).ToArray(),
            receipts.Select((a, i) => ($"{tag}-R{i + 1}", a)).ToArray());
    }

    private async Task<OpenItem?> ItemAsync(string number)
    {
        await using var db = await Database.OpenAsync(fixture.App.Target, Ct);
        return await db.OpenItems.AsNoTracking().SingleOrDefaultAsync(o => o.Number == number, Ct);
    }

    [Fact]
    public async Task A_converted_receipt_shows_what_its_payer_instructed()
    {
        var t = Tag();
        var day = DateOnly.FromDateTime(DateTime.Today).ToString("yyyy-MM-dd");
        await using (var db = await Database.OpenAsync(fixture.App.Target, Ct))
            await ReceiptApp.ImportAsync(db, t, $"<IBAN>{ReceiptApp.Iban}</IBAN>", "EUR", "DEFAULT", $"""
                <Ntry><Amt Ccy="EUR">908.26</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{t}-FX</AcctSvcrRef>
                <NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt Ccy="USD">1000.00</Amt></InstdAmt></AmtDtls>
                <RmtInf><Ustrd>US-4711</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
                """);
        Guid id;
        await using (var db = await Database.OpenAsync(fixture.App.Target, Ct))
            id = (await db.StatementLines.SingleAsync(l => l.BankReference == $"{t}-FX", Ct)).Id;
        var page = await SignInAsync("cashapp", $"/cash-application/receipts/{id}");
        await Assertions.Expect(page.Locator("#receipt-amount")).ToContainTextAsync("908.26 EUR");
        await Assertions.Expect(page.Locator("#instructed")).ToHaveTextAsync(
            Exactly("instructed by the payer: 1,000.00 USD"));
        await ShotAsync(page, "19-receipt-instructed");
    }

    [Fact]
    public async Task The_clerk_finds_a_receipt_picks_two_invoices_and_applies_it()
    {
        var t = Tag();
        await SeedAsync(t, [100_00, 50_00], "150.00");
        var page = await SignInAsync("cashapp", "/cash-application");
        await page.FillAsync("#exception-search", t);
        var row = page.Locator("#exceptions-grid tr", new() { HasText = $"{t}-R1" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ShotAsync(page, "10-workbench-exceptions");
        await row.Locator(".work-receipt").ClickAsync();
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#receipt-amount")).ToHaveTextAsync(Exactly("150.00 EUR"));

        await page.FillAsync("#invoice-search", t);
        var picks = page.Locator("#pickable tr", new() { HasText = t }).Locator("button.pick");
        await Assertions.Expect(picks).ToHaveCountAsync(2);
        await picks.Nth(0).ClickAsync();
        await Assertions.Expect(page.Locator("#remainder")).ToHaveTextAsync(Exactly("Remainder: 50.00 EUR"));
        await picks.Nth(1).ClickAsync();
        await Assertions.Expect(page.Locator("#remainder")).ToHaveTextAsync(Exactly("Remainder: 0.00 EUR"));
        await Assertions.Expect(page.Locator("#picks tr.pick-row")).ToHaveCountAsync(2);
        await ShotAsync(page, "11-receipt-picked");
        await page.ClickAsync("#apply");
        await Assertions.Expect(page.Locator("#line-status")).ToHaveTextAsync("applied");
        // The chip takes the new status's colour (the theme's success green), not the one it was first drawn with.
        await Assertions.Expect(page.Locator("#line-status")).ToHaveCSSAsync("background-color", "rgb(0, 200, 83)");
        await Assertions.Expect(page.Locator("#applications")).ToContainTextAsync($"{t}-2");
        await ShotAsync(page, "12-receipt-applied");
        Assert.Equal(0L, (await ItemAsync($"{t}-1"))!.OpenMinor);
        Assert.Equal(0L, (await ItemAsync($"{t}-2"))!.OpenMinor);

        await page.GotoAsync("/cash-application");
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Bank reconciliation" }).ClickAsync();
        await page.ClickAsync("#reconcile");
        await Assertions.Expect(page.Locator("#reconciliation-result")).ToBeVisibleAsync();
        await ShotAsync(page, "13-bank-reconciliation");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Refunds" }).ClickAsync();
        await Assertions.Expect(page.Locator("#create-refund-file")).ToBeVisibleAsync();
        await ShotAsync(page, "14-refunds");
    }

    [Fact]
    public async Task Unapplying_shows_the_reversal_and_the_cash_can_be_refunded_in_a_payment_file()
    {
        var t = Tag();
        var lines = await SeedAsync(t, [80_00], "80.00");
        await using (var db = await Database.OpenAsync(fixture.App.Target, Ct))
        {
            var item = await db.OpenItems.SingleAsync(o => o.Number == $"{t}-1", Ct);
            var applied = await new ApplyReceipt(db, TimeProvider.System, "cashapp").ExecuteAsync(
                new ApplyReceiptRequest(Guid.NewGuid(), lines[0], null, [new ReceiptAllocation(item.Id, 80_00)]), Ct);
            Assert.True(applied.IsApplied, applied.Detail);
        }
        var page = await SignInAsync("cashapp", $"/cash-application/receipts/{lines[0]}");
        await Assertions.Expect(page.Locator("#line-status")).ToHaveTextAsync("applied");
        await page.Locator("#applications button.unapply").ClickAsync();
        await Assertions.Expect(page.Locator("#applications .reversed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#line-status")).ToHaveTextAsync("unapplied");
        await Assertions.Expect(page.Locator("#unapplied")).ToHaveTextAsync(Exactly("Unapplied: 80.00 EUR"));
        await ShotAsync(page, "15-receipt-unapplied");
        Assert.Equal(80_00L, (await ItemAsync($"{t}-1"))!.OpenMinor);

        await page.Locator("#refund-panel").ClickAsync();
        await page.FillAsync("#refund-reason", "paid by mistake");
        await page.ClickAsync("#refund");
        await Assertions.Expect(page.Locator("#unapplied")).ToHaveTextAsync(Exactly("Unapplied: 0.00 EUR"));
        await page.GotoAsync("/cash-application");
        await WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Refunds" }).ClickAsync();
        await page.ClickAsync("#create-refund-file");
        await Assertions.Expect(page.Locator("#download-refund-file")).ToBeVisibleAsync();
        await ShotAsync(page, "18-refund-file");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-refund-file"));
        var file = Path.Combine(BrowserApp.Screenshots, "refunds.xml");
        await download.SaveAsAsync(file);
        Assert.Contains(ReceiptApp.CustomerIban, await File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task A_short_payment_suggested_by_the_matcher_becomes_a_deduction()
    {
        var t = Tag();
        var lines = await SeedAsync(t, [200_00], "180.00");
        await using (var db = await Database.OpenAsync(fixture.App.Target, Ct))
        {
            // What the run stores for a short payment it only suggests.
            var line = await db.StatementLines.SingleAsync(l => l.Id == lines[0], Ct);
            line.Status = OrderToCash.BankStatements.StatementLineStatus.Suggested;
            db.CashApplicationRows.Add(new CashApplicationRow
            {
                StatementLineId = line.Id, RowNo = 1, CustomerId = t, InvoiceNumber = $"{t}-1", AppliedMinor = 180_00,
                Currency = "EUR", Status = "suggested", Confidence = 0.94m, Reason = "short payment of the invoice",
                RunAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        var page = await SignInAsync("cashapp", $"/cash-application/receipts/{lines[0]}");
        await Assertions.Expect(page.Locator("#proposals")).ToContainTextAsync("short payment of the invoice");
        await page.ClickAsync("#use-proposal");
        var pick = page.Locator("#picks tr.pick-row");
        await Assertions.Expect(pick).ToHaveCountAsync(1);
        await Assertions.Expect(pick.Locator(".pick-left")).ToHaveTextAsync(Exactly("20.00"));
        await pick.Locator("button.deduct-rest").ClickAsync();
        await Assertions.Expect(pick.Locator(".pick-left")).ToHaveTextAsync(Exactly("0.00"));
        await ShotAsync(page, "16-deduction-picked");
        await page.ClickAsync("#apply");
        await Assertions.Expect(page.Locator("#line-status")).ToHaveTextAsync("applied");
        await ShotAsync(page, "17-deduction-applied");
        var deduction = await ItemAsync($"{t}-1-DED");
        Assert.NotNull(deduction);
        Assert.Equal((OpenItemKind.Deduction, "SHORT_PAY", 20_00L),
            (deduction.Kind, deduction.ReasonCode, deduction.OpenMinor));
    }
}
