using FsCheck;
using FsCheck.Fluent;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.Money;

public class MoneyTests
{
    [Fact]
    public void Allocation_into_parts_sums_back_exactly()
    {
        Prop.ForAll<long, int>((minor, n) =>
        {
            var parts = Math.Abs(n % 50) + 1;
            var amount = new OrderToCash.Money.Money(minor % 1_000_000_000_000, Currency.EUR);
            var split = amount.Allocate(parts);
            return split.Sum(p => p.Minor) == amount.Minor
                   && split.Max(p => p.Minor) - split.Min(p => p.Minor) <= 1;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Allocation_by_weights_sums_back_and_is_deterministic()
    {
        Prop.ForAll<long, int[]>((minor, raw) =>
        {
            var weights = raw.Length == 0 ? new long[] { 1 } : raw.Select(w => (long)Math.Abs(w % 10_000)).ToArray();
            var amount = new OrderToCash.Money.Money(minor % 1_000_000_000_000, Currency.JPY);
            var a = amount.Allocate(weights);
            var b = amount.Allocate(weights);
            return a.Sum(p => p.Minor) == amount.Minor && a.SequenceEqual(b);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Allocation_puts_the_remainder_on_the_first_parts()
    {
        var parts = new OrderToCash.Money.Money(100, Currency.EUR).Allocate(3);
        Assert.Equal([34L, 33L, 33L], parts.Select(p => p.Minor));
    }

    [Fact]
    public void Conversion_round_trip_loses_at_most_the_documented_rounding()
    {
        // Converting EUR -> USD -> EUR at a rate and its inverse may differ from the start by at most
        // half a minor unit per rounding, scaled by the rate: never more.
        Prop.ForAll<long, int>((minor, r) =>
        {
            var rate = 0.5m + Math.Abs(r % 1000) / 1000m; // 0.5 .. 1.499
            var eur = new OrderToCash.Money.Money(minor % 1_000_000_000_000, Currency.EUR);
            var usd = Conversion.Convert(eur, Currency.USD, rate);
            var back = Conversion.Convert(usd, Currency.EUR, 1m / rate);
            var bound = 0.5m / rate + 0.5m + 0.000001m;
            return Math.Abs(back.Minor - eur.Minor) <= bound;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("1234.50", "EUR", 123450)]
    [InlineData("-0.05", "EUR", -5)]
    [InlineData("1500", "JPY", 1500)]
    [InlineData("1.234", "BHD", 1234)]
    [InlineData("12.500", "EUR", 1250)]
    public void Amounts_parse_into_minor_units(string text, string code, long minor)
    {
        Assert.True(Amounts.TryParseMinor(text, Currency.Of(code), out var parsed, out _));
        Assert.Equal(minor, parsed);
        Assert.Equal(minor,
            OrderToCash.Money.Money.Parse(Amounts.Format(minor, Currency.Of(code)), Currency.Of(code)).Minor);
    }

    [Theory]
    [InlineData("10.005", "EUR")]
    [InlineData("1.5", "JPY")]
    [InlineData("1,234.00", "EUR")]
    [InlineData("", "EUR")]
    [InlineData("abc", "EUR")]
    public void Amounts_that_do_not_fit_the_currency_are_refused(string text, string code)
    {
        Assert.False(Amounts.TryParseMinor(text, Currency.Of(code), out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Currencies_know_their_exponent()
    {
        Assert.Equal(0, Currency.Of("JPY").Exponent);
        Assert.Equal(0, Currency.Of("KRW").Exponent);
        Assert.Equal(3, Currency.Of("KWD").Exponent);
        Assert.Equal(3, Currency.Of("TND").Exponent);
        Assert.Equal(2, Currency.Of("cny").Exponent);
        Assert.False(Currency.IsKnown("XYZ"));
    }

    [Fact]
    public void Adding_different_currencies_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            new OrderToCash.Money.Money(1, Currency.EUR) + new OrderToCash.Money.Money(1, Currency.USD));
    }
}
