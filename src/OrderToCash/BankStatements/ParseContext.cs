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
    public long Amount(string text, Currency scale, char decimalSign, int line, string what)
    {
        if (Amounts.TryParseMinor(text, scale, decimalSign, out var minor, out var error)) return minor;
        throw Fail(line, $"{what}: {error}");
    }

    /// <summary>An implied-decimals amount ("0000012345" with 2 decimals = 123.45) in minor units of the currency.</summary>
    public long ImpliedAmount(string digits, int decimals, Currency scale, int line, string what)
    {
        var text = digits.Trim();
        var negative = text.StartsWith('-');
        if (text.StartsWith('-') || text.StartsWith('+')) text = text[1..];
        if (text.Length == 0 || text.Length > 18 || !text.All(char.IsAsciiDigit))
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
    public static DateOnly? Date(string text, string format)
    {
        var t = text.Trim();
        if (t.Length == 0 || t.All(c => c == '0')) return null;
        return DateOnly.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
    }
}
