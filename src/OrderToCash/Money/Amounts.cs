using System.Globalization;

namespace OrderToCash.Money;

/// <summary>Parsing and formatting of amounts between text (major units) and minor units.</summary>
/// <remarks>
/// File formats use the contract in PRODUCT.md: '.' as the decimal sign, no thousands separators.
/// Bank formats differ (decimal comma in MT940 and CSV exports): <see cref="TryParseMinor(string, Currency,
/// char, out long, out string)"/> takes the decimal sign. A value with more decimals than the currency has
/// is refused, never rounded: a file that says 10.005 EUR is wrong and must be reported.
/// </remarks>
public static class Amounts
{
    public static decimal ToMajor(long minor, Currency currency) => minor / (decimal)currency.MinorPerMajor;

    /// <summary>Minor units as a file amount: "1234.50", "-0.05", "1500" for JPY.</summary>
    public static string Format(long minor, Currency currency)
    {
        if (currency.Exponent == 0) return minor.ToString(CultureInfo.InvariantCulture);
        var negative = minor < 0;
        var abs = negative ? -(decimal)minor : minor;
        var per = currency.MinorPerMajor;
        var whole = decimal.Truncate(abs / per);
        var frac = abs - whole * per;
        var text = whole.ToString(CultureInfo.InvariantCulture) + "." +
                   frac.ToString(CultureInfo.InvariantCulture).PadLeft(currency.Exponent, '0');
        return negative ? "-" + text : text;
    }

    public static string Display(long minor, Currency currency, CultureInfo culture)
    {
        var nf = (NumberFormatInfo)culture.NumberFormat.Clone();
        nf.CurrencyDecimalDigits = currency.Exponent;
        nf.NumberDecimalDigits = currency.Exponent;
        return ToMajor(minor, currency).ToString("N", nf) + " " + currency.Code;
    }

    public static bool TryParseMinor(string? text, Currency currency, out long minor, out string error) =>
        TryParseMinor(text, currency, '.', out minor, out error);

    /// <summary>Parses "1234.50", "-12.5", "+3", "1234,50" (with ',' as decimal sign) into minor units.</summary>
    public static bool TryParseMinor(string? text, Currency currency, char decimalSign, out long minor,
        out string error)
    {
        minor = 0;
        error = "";
        var s = text?.Trim() ?? "";
        if (s.Length == 0) { error = "amount is empty"; return false; }
        var negative = false;
        if (s[0] is '-' or '+') { negative = s[0] == '-'; s = s[1..]; }
        var dot = s.IndexOf(decimalSign);
        var wholePart = dot < 0 ? s : s[..dot];
        var fracPart = dot < 0 ? "" : s[(dot + 1)..];
        if (wholePart.Length == 0 && fracPart.Length == 0) { error = $"'{text}' is not an amount"; return false; }
        if (!wholePart.All(char.IsAsciiDigit) || !fracPart.All(char.IsAsciiDigit))
        {
            error = $"'{text}' is not an amount (digits and '{decimalSign}' only)";
            return false;
        }
        var significant = fracPart.TrimEnd('0');
        if (significant.Length > currency.Exponent)
        {
            error = $"'{text}' has more decimals than {currency.Code} allows ({currency.Exponent})";
            return false;
        }
        if (wholePart.TrimStart('0').Length > 15) { error = $"'{text}' is too large"; return false; }
        var whole = wholePart.Length == 0 ? 0 : long.Parse(wholePart, CultureInfo.InvariantCulture);
        var frac = significant.PadRight(currency.Exponent, '0');
        var fracValue = frac.Length == 0 ? 0 : long.Parse(frac, CultureInfo.InvariantCulture);
        minor = checked(whole * currency.MinorPerMajor + fracValue);
        if (negative) minor = -minor;
        return true;
    }
}
