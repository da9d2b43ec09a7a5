using System.Globalization;
using OrderToCash.Money;

namespace OrderToCash.BankStatements;

/// <summary>What every format parser shares while reading one file: its name, the options, the warnings.</summary>
public sealed class ParseContext(string file, ParseOptions options)
{
    private readonly List<string> _warnings = [];

    public string File { get; } = file;
    public ParseOptions Options { get; } = options;
    public IReadOnlyList<string> Warnings => _warnings;

    public StatementParseException Fail(int line, string reason) => new(File, $"line {line}", reason);

    public StatementParseException Fail(string location, string reason) => new(File, location, reason);

    public void Warn(int line, string message) => _warnings.Add($"line {line}: {message}");

    public void Warn(string location, string message) => _warnings.Add($"{location}: {message}");

    /// <summary>An integrity finding (control total, balance): a warning, or a refusal in strict mode.</summary>
    public void Integrity(bool holds, string location, string message)
    {
        if (holds) return;
        if (Options.Strict) throw Fail(location, message + " (strict mode)");
        Warn(location, message);
    }

    /// <summary>
    /// The scale for a currency code. A well-formed code that ISO 4217 no longer lists (DEM, NLG in old
    /// MT940 files) is read with 2 decimals and a warning, rather than refusing the whole file.
    /// </summary>
    public Currency Scale(string? code, int line)
    {
        // Every amount of a file names the same one or two currencies: the last answer is kept.
        if (code is not null && code == _lastCode) return _lastScale;
        var scale = ScaleOf(code, line);
        if (code is not null) (_lastCode, _lastScale) = (code, scale);
        return scale;
    }

    private string? _lastCode;
    private Currency _lastScale;

    private Currency ScaleOf(string? code, int line)
    {
        var text = code?.Trim() ?? "";
        if (Currency.TryParse(text, out var currency)) return currency;
        if (text.Length == 3 && text.All(char.IsAsciiLetterUpper))
        {
            if (_unknown.Add(text)) Warn(line, $"currency {text} is not an active ISO 4217 code; read with 2 decimals");
            return Currency.EUR;
        }
        throw Fail(line, $"'{text}' is not a currency code");
    }

    private readonly HashSet<string> _unknown = [];

    /// <summary>Parses a bank amount into minor units, refusing (never rounding) anything else.</summary>
    public long Amount(ReadOnlySpan<char> text, Currency scale, char decimalSign, int line, string what)
    {
        if (TryMinor(text, scale, decimalSign, out var fast)) return fast;
        if (Amounts.TryParseMinor(text.ToString(), scale, decimalSign, out var minor, out var error)) return minor;
        throw Fail(line, $"{what}: {error}");
    }

    /// <summary>
    /// The fast path of amount parsing: digits, one optional sign and decimal sign, read from the span into minor
    /// units without a string. False for anything else (blank, too long, too many decimals): the caller then asks
    /// <see cref="Amounts.TryParseMinor(string, Currency, char, out long, out string)"/> for the reason.
    /// </summary>
    public static bool TryMinor(ReadOnlySpan<char> text, Currency scale, char decimalSign, out long minor)
    {
        minor = 0;
        var t = text.Trim();
        var negative = false;
        if (t.Length > 0 && t[0] is '-' or '+') { negative = t[0] == '-'; t = t[1..]; }
        var dot = t.IndexOf(decimalSign);
        var wholePart = dot < 0 ? t : t[..dot];
        var fractionPart = dot < 0 ? [] : t[(dot + 1)..];
        if (wholePart.Length == 0 && fractionPart.Length == 0) return false;
        if (wholePart.ContainsAnyExceptInRange('0', '9') || fractionPart.ContainsAnyExceptInRange('0', '9'))
            return false;
        fractionPart = fractionPart.TrimEnd('0');
        wholePart = wholePart.TrimStart('0');
        if (fractionPart.Length > scale.Exponent || wholePart.Length > 15) return false;
        long whole = 0;
        foreach (var c in wholePart) whole = whole * 10 + (c - '0');
        long fraction = 0;
        for (var k = 0; k < scale.Exponent; k++)
            fraction = fraction * 10 + (k < fractionPart.Length ? fractionPart[k] - '0' : 0);
        minor = checked(whole * scale.MinorPerMajor + fraction);
        if (negative) minor = -minor;
        return true;
    }

    /// <summary>
    /// An implied-decimals amount ("0000012345" with 2 decimals = 123.45) in minor units of the currency.
    /// </summary>
    public long ImpliedAmount(string digits, int decimals, Currency scale, int line, string what) =>
        ImpliedAmount(digits.AsSpan(), decimals, scale, line, what);

    /// <inheritdoc cref="ImpliedAmount(string, int, Currency, int, string)"/>
    public long ImpliedAmount(ReadOnlySpan<char> digits, int decimals, Currency scale, int line, string what)
    {
        var text = digits.Trim();
        var negative = text.StartsWith('-');
        if (text.StartsWith('-') || text.StartsWith('+')) text = text[1..];
        if (text.Length == 0 || text.Length > 18 || text.ContainsAnyExceptInRange('0', '9'))
            throw Fail(line, $"{what}: '{digits}' is not an amount");
        var value = long.Parse(text, CultureInfo.InvariantCulture);
        var shift = scale.Exponent - decimals;
        long minor;
        if (shift >= 0) minor = checked(value * Pow10(shift));
        else
        {
            var divisor = Pow10(-shift);
            if (value % divisor != 0)
                throw Fail(line, $"{what}: '{digits}' has more decimals than {scale.Code} allows");
            minor = value / divisor;
        }
        return negative ? -minor : minor;
    }

    public static long Pow10(int n)
    {
        long p = 1;
        for (var i = 0; i < n; i++) p *= 10;
        return p;
    }

    /// <summary>A calendar date from digits in the given order; null when blank, zeros or impossible.</summary>
    public static DateOnly? Date(ReadOnlySpan<char> text, string format)
    {
        var t = text.Trim();
        if (t.Length == 0 || !t.ContainsAnyExcept('0')) return null;
        // The digit layouts of bank files are read directly: DateOnly.TryParseExact costs more than the rest of a
        // statement line together.
        switch (format)
        {
            case "yyMMdd" when t.Length == 6: return Ymd(Year(Digits(t[..2])), Digits(t[2..4]), Digits(t[4..]));
            case "ddMMyy" when t.Length == 6: return Ymd(Year(Digits(t[4..])), Digits(t[2..4]), Digits(t[..2]));
            case "yyyyMMdd" when t.Length == 8: return Ymd(Digits(t[..4]), Digits(t[4..6]), Digits(t[6..]));
            case "yyyy-MM-dd" when t.Length == 10 && t[4] == '-' && t[7] == '-':
                return Ymd(Digits(t[..4]), Digits(t[5..7]), Digits(t[8..]));
        }
        return DateOnly.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
    }

    /// <summary>A calendar date, or null when the parts are not digits or not a real day (Feb 30).</summary>
    public static DateOnly? Ymd(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    // Two-digit years as .NET's invariant calendar reads them: 00-49 are 20xx, 50-99 are 19xx.
    private static int Year(int yy) => yy is >= 0 and <= 49 ? 2000 + yy : yy is >= 50 and <= 99 ? 1900 + yy : -1;

    // A negative number (never a valid date part) when the span holds anything but ASCII digits.
    private static int Digits(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return -100_000;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
