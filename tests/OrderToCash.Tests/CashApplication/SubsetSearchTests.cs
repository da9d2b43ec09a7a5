using FsCheck;
using FsCheck.Fluent;
using OrderToCash.CashApplication;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Money = OrderToCash.Money.Money;

public class SubsetSearchTests
{
    [Fact]
    public void Every_solution_adds_up_to_the_target()
    {
        Prop.ForAll<int>(seed =>
        {
            var rng = new Random(seed);
            var amounts = Enumerable.Range(0, rng.Next(1, 25)).Select(_ => (long)rng.Next(1, 10_000)).ToArray();
            var discounted = amounts.Select(a => rng.Next(4) == 0 ? a * 98 / 100 : -1).ToArray();
            var target = amounts.Where(_ => rng.Next(3) == 0).Sum() + rng.Next(0, 2);
            var result = SubsetSearch.Find(amounts, discounted, target, 0, 6, 50_000, maxSolutions: 5);
            return result.Solutions.All(s =>
            {
                var sum = s.Items.Select((k, n) => s.Discounted[n] ? discounted[k] : amounts[k]).Sum();
                return Math.Abs(sum - target) <= s.Discounted.Count(d => d)
                       && s.Items.Distinct().Count() == s.Items.Length;
            });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_smallest_combination_is_preferred()
    {
        var result = SubsetSearch.FindSmallest([300, 100, 200], [-1, -1, -1], 300, 0, 6, 1_000);
        Assert.Single(result.Solutions);
        Assert.Equal([0], result.Solutions[0].Items);
    }

    [Fact]
    public void A_search_stopped_at_its_step_limit_says_so()
    {
        var amounts = Enumerable.Range(1, 60).Select(i => (long)(i * 7919 % 10_007)).ToArray();
        var result = SubsetSearch.Find(amounts, amounts.Select(_ => -1L).ToArray(), amounts.Sum() / 10 + 1, 0, 6, 100);
        Assert.True(result.HitNodeLimit);
    }

    [Fact]
    public void The_matcher_reports_the_bound_and_does_not_apply_on_a_partial_search()
    {
        var customer = new CustomerView("C1", "DE01", "Acme GmbH", [], ["DE89370400440532013000"]);
        var items = Enumerable.Range(1, 80).Select(i => new OpenItemView(Guid.NewGuid(), "DE01", "C1", $"INV-{i:D5}",
            "",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new Money(1000 + i * 37 % 500, Currency.EUR),
            new Money(1000 + i * 37 % 500, Currency.EUR), null, null)).ToList();
        var index = OpenItemIndex.Build(items, [customer]);
        var receipt = new Receipt("R1", "DE01", new DateOnly(2026, 3, 1), new Money(5_555, Currency.EUR), "",
            "DE89370400440532013000", "", [], "");
        var result = Matcher.Propose(receipt, index, new MatchSettings { MaxSearchNodes = 50 }, receipt.BookingDate);
        Assert.NotEmpty(result.Bounds);
        Assert.NotEqual(MatchStatus.AutoApply, result.Status);
    }
}
