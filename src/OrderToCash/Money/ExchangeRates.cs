namespace OrderToCash.Money;

/// <summary>A rate: 1 unit of <see cref="From"/> = <see cref="Rate"/> units of <see cref="To"/>, from a date
/// on.</summary>
public sealed record ExchangeRate(Currency From, Currency To, DateOnly Date, decimal Rate);

/// <summary>Conversion between currencies with one documented rounding point.</summary>
/// <remarks>
/// The rounding point: an amount is converted by multiplying its minor units by the rate scaled to the two
/// exponents, then rounded once, half away from zero, to a whole minor unit of the target currency. Nothing is
/// rounded before that step and nothing after it. A journal entry converts its lines this way and then places
/// any rounding difference on its largest line (see <c>Posting</c>), so an entry balances in the functional
/// currency as well.
/// </remarks>
public static class Conversion
{
    public const MidpointRounding Rounding = MidpointRounding.AwayFromZero;

    public static Money Convert(Money amount, Currency to, decimal rate)
    {
        if (amount.Currency == to) return amount;
        if (rate <= 0) throw new ArgumentOutOfRangeException(nameof(rate), "A rate is positive.");
        // Scale the rate from major-per-major to minor-per-minor.
        var scaled = rate * to.MinorPerMajor / amount.Currency.MinorPerMajor;
        return new Money(decimal.ToInt64(Math.Round(amount.Minor * scaled, 0, Rounding)), to);
    }

    /// <summary>
    /// The rate in force on <paramref name="date"/>: the latest at or before it (or its inverse); when the history
    /// starts later, the earliest one after it.
    /// </summary>
    public static decimal? FindRate(IEnumerable<ExchangeRate> rates, Currency from, Currency to, DateOnly date)
    {
        if (from == to) return 1m;
        ExchangeRate? direct = null, inverse = null;
        foreach (var r in rates)
        {
            if (r.Date > date) continue;
            if (r.From == from && r.To == to && (direct is null || r.Date > direct.Date)) direct = r;
            if (r.From == to && r.To == from && (inverse is null || r.Date > inverse.Date)) inverse = r;
        }
        if (direct is not null && (inverse is null || direct.Date >= inverse.Date)) return direct.Rate;
        if (inverse is not null) return Math.Round(1m / inverse.Rate, 10, MidpointRounding.ToEven);
        // Nothing at or before the date: the earliest rate after it (opening balances older than the rate history).
        ExchangeRate? later = null;
        foreach (var r in rates)
            if (((r.From == from && r.To == to) || (r.From == to && r.To == from))
                && (later is null || r.Date < later.Date))
                later = r;
        if (later is null) return null;
        return later.From == from ? later.Rate : Math.Round(1m / later.Rate, 10, MidpointRounding.ToEven);
    }
}
