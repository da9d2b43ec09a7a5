using System.Globalization;

namespace OrderToCash.Web.Shell;

/// <summary>
/// Amounts on screen with the currency's own decimals (JPY 0, EUR 2, KWD 3) in the person's culture, never a fixed
/// two.
/// </summary>
public static class AmountText
{
    public static int Decimals(string? currency) =>
        Money.Currency.TryParse(currency, out var c) ? c.Exponent : 2;

    /// <summary>"1,234.50" for EUR, "1,235" for JPY, "1.250" for KWD: without the code.</summary>
    public static string Of(decimal major, string? currency) =>
        major.ToString("N" + Decimals(currency), CultureInfo.CurrentCulture);

    public static string OfMinor(long minor, string currency) =>
        Of(minor / (decimal)Money.Currency.Of(currency).MinorPerMajor, currency);

    /// <summary>The .NET format string for a numeric field of this currency ("N0", "N2", "N3").</summary>
    public static string Format(string? currency) => "N" + Decimals(currency);
}
