using OrderToCash.CashApplication;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>A remittance advice linked to the receipt drives the applications (pure engine).</summary>
public class AdviceMatchingTests
{
    private static readonly Currency Usd = Currency.Of("USD");
    private static readonly DateOnly Day = new(2024, 1, 2);

    private static OpenItemView Invoice(string number, string customer, long minor) =>
        new(Guid.NewGuid(), "US01", customer, number, "", Day.AddDays(-30), Day, new Money(minor, Usd),
            new Money(minor, Usd), null, null);

    private static MatchResult Match(long amount, AdviceView advice, params OpenItemView[] items)
    {
        var index = OpenItemIndex.Build(items,
        [
            new CustomerView("BUY", "US01", "Buyer Corp", [], []),
            new CustomerView("OTH", "US01", "Other Inc", [], []),
        ]);
        var receipt = Receipt.Simple("TRACE-42", "US01", Day, new Money(amount, Usd), "BUYER CORP", "") with
        {
            Advice = advice,
        };
        return Matcher.Propose(receipt, index, new MatchSettings(), Day);
    }

    [Fact]
    public void An_x12_adjustment_becomes_a_deduction_with_its_reason_code()
    {
        var advice = new AdviceView("remit.820 #1",
        [
            new AdvisedInvoice("INV-1001", 100000, 0, 0, null),
            new AdvisedInvoice("INV-1002", 50000, 0, -2450, "01"),
        ]);
        var result = Match(147550, advice, Invoice("INV-1001", "BUY", 100000), Invoice("INV-1002", "BUY", 50000),
            Invoice("INV-1003", "BUY", 147550));
        Assert.Equal(MatchStatus.AutoApply, result.Status);
        var allocations = result.Best!.Allocations;
        Assert.Equal([("INV-1001", 100000L, 0L), ("INV-1002", 47550L, 2450L)],
            allocations.Select(a => (a.InvoiceNumber, a.Applied.Minor, a.Adjustment.Minor)));
        Assert.Equal((AdjustmentKind.Deduction, "ADX_01"), (allocations[1].Kind, allocations[1].ReasonCode));
        Assert.Contains("remittance advice remit.820 #1", result.Reason);
    }

    [Fact]
    public void An_advice_naming_invoices_of_two_customers_is_left_to_the_ordinary_steps()
    {
        var advice = new AdviceView("remit.csv #1",
            [new AdvisedInvoice("INV-1", 1000, 0, 0, null), new AdvisedInvoice("INV-2", 2000, 0, 0, null)]);
        var result = Match(3000, advice, Invoice("INV-1", "BUY", 1000), Invoice("INV-2", "OTH", 2000));
        Assert.DoesNotContain("remittance advice", result.Reason);
        Assert.DoesNotContain(result.Best?.Allocations ?? [], a => a.InvoiceNumber == "INV-2");
    }

    [Fact]
    public void Advised_amounts_above_the_receipt_are_not_followed()
    {
        var advice = new AdviceView("remit.csv #1", [new AdvisedInvoice("INV-1", 5000, 0, 0, null)]);
        var result = Match(4000, advice, Invoice("INV-1", "BUY", 5000));
        Assert.DoesNotContain("remittance advice", result.Reason);
    }
}
