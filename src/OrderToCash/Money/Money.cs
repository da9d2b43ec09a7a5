using System.Globalization;

namespace OrderToCash.Money;

/// <summary>An amount in one currency, in minor units (cents, fen, yen). Never binary floating point.</summary>
/// <remarks>
/// Arithmetic is checked (overflow throws) and only combines amounts of the same currency.
/// <c>decimal</c> appears only as an intermediate in rate arithmetic, and always comes back through
/// <see cref="Multiply"/> with an explicit <see cref="MidpointRounding"/>.
/// </remarks>
public readonly record struct Money(long Minor, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => Minor == 0;
    public bool IsPositive => Minor > 0;
    public bool IsNegative => Minor < 0;

    /// <summary>The amount in major units, exact (e.g. 1234.50).</summary>
    public decimal Major => Amounts.ToMajor(Minor, Currency);

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), Same(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), Same(a, b));
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        Same(this, other);
        return Minor.CompareTo(other.Minor);
    }

    public Money Abs() => new(Math.Abs(Minor), Currency);
    public static Money Min(Money a, Money b) => a <= b ? a : b;
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>Multiplies by a factor (a rate, a percentage) and rounds to a whole minor unit, as told.</summary>
    public Money Multiply(decimal factor, MidpointRounding rounding) =>
        new(decimal.ToInt64(Math.Round(Minor * factor, 0, rounding)), Currency);

    /// <summary>
    /// Splits into <paramref name="parts"/> amounts that differ by at most one minor unit and sum back exactly;
    /// the remainder goes to the first parts.
    /// </summary>
    public Money[] Allocate(int parts)
    {
        if (parts <= 0) throw new ArgumentOutOfRangeException(nameof(parts), "At least one part.");
        return Allocate(Enumerable.Repeat(1L, parts).ToArray());
    }

    /// <summary>
    /// Splits in proportion to <paramref name="weights"/> (largest remainder). The parts sum back exactly to
    /// this amount; leftover minor units go to the parts with the largest fractional share, ties to the earlier
    /// part, so the result is deterministic.
    /// </summary>
    public Money[] Allocate(IReadOnlyList<long> weights)
    {
        if (weights.Count == 0) throw new ArgumentException("At least one weight.", nameof(weights));
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights must not be negative.", nameof(weights));
        var total = weights.Aggregate(0L, (s, w) => checked(s + w));
        var result = new Money[weights.Count];
        if (total == 0)
        {
            // No weights to speak of: everything to the first part.
            for (var i = 0; i < result.Length; i++) result[i] = Zero(Currency);
            result[0] = this;
            return result;
        }
        var sign = Math.Sign(Minor);
        var abs = Int128.Abs(Minor);
        var shares = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 allocated = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = abs * weights[i];
            shares[i] = (long)(product / total);
            remainders[i] = product % total;
            allocated += shares[i];
        }
        var left = (long)(abs - allocated);
        var order = Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; k < left; k++) shares[order[k % order.Length]]++;
        for (var i = 0; i < result.Length; i++) result[i] = new Money(sign * shares[i], Currency);
        return result;
    }

    /// <summary>"1234.50 EUR": the file format (invariant, no thousands separators) plus the code.</summary>
    public override string ToString() => $"{Amounts.Format(Minor, Currency)} {Currency.Code}";

    /// <summary>For display: grouped and with the culture's decimal sign, e.g. "1.234,50 €" in de-DE.</summary>
    public string ToDisplay(CultureInfo culture) => Amounts.Display(Minor, Currency, culture);

    public static Money Parse(string amount, Currency currency) =>
        Amounts.TryParseMinor(amount, currency, out var minor, out var error)
            ? new Money(minor, currency)
            : throw new FormatException(error);

    private static Currency Same(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
}
