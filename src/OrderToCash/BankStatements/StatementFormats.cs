using System.Text;
using System.Text.RegularExpressions;

namespace OrderToCash.BankStatements;

/// <summary>Recognises a statement format from the first bytes of a file, never from its name.</summary>
public static partial class StatementFormats
{
    public const string Camt052 = "camt.052", Camt053 = "camt.053", Camt054 = "camt.054", Mt940 = "mt940",
        Mt942 = "mt942", Bai2 = "bai2", Coda = "coda", Csv = "csv", Lockbox = "lockbox", Nacha = "nacha";

    /// <summary>How many leading bytes <see cref="Detect(ReadOnlySpan{byte})"/> looks at.</summary>
    public const int SniffBytes = 16 * 1024;

    /// <summary>The format of a file starting with <paramref name="head"/>, or null when none fits.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        // Windows tools export XML and text in UTF-16 with a byte order mark: detected on the decoded text.
        if (Wide(head) is { } wide) return Detect(Encoding.UTF8.GetBytes(wide.GetString(head[2..])));
        // Old Mac exports end lines with a lone CR: every line end is read as LF.
        var text = TextLines.Decode(head).ReplaceLineEndings("\n");
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\n', '\u0001');
        if (t.Length == 0) return null;
        if (t[0] == '<')
        {
            if (t.Contains("BkToCstmrStmt", StringComparison.Ordinal)) return Camt053;
            if (t.Contains("BkToCstmrAcctRpt", StringComparison.Ordinal)) return Camt052;
            if (t.Contains("BkToCstmrDbtCdtNtfctn", StringComparison.Ordinal)) return Camt054;
            foreach (var (marker, format) in new[] { ("camt.053", Camt053), ("camt.052", Camt052), ("camt.054",
                Camt054) })
                if (t.Contains(marker, StringComparison.Ordinal)) return format;
            return null;
        }
        var lines = t.Split('\n', 4);
        var first = lines[0];
        var second = lines.Length > 1 ? lines[1] : "";
        if (first.StartsWith("01,", StringComparison.Ordinal)) return Bai2;
        if (first.StartsWith("0000", StringComparison.Ordinal) && first.Length >= 120
            && (second.Length == 0 || second[0] == '1')) return Coda;
        if (first.StartsWith("101", StringComparison.Ordinal) && first.Length >= 30 && (second.Length == 0
            || second[0] is '5' or '9' or '6' or '8'))
            return Nacha;
        if (first.StartsWith('1') && first.Length >= 20 && (second.Length == 0 || second[0] is '2' or '5'))
            return Lockbox;
        if (LooksLikeSwift(t)) return IsInterim(t) ? Mt942 : Mt940;
        if (first.Contains(',') || first.Contains(';') || first.Contains('\t')) return Csv;
        return null;
    }

    /// <summary>UTF-16 (little or big endian) when the bytes start with its byte order mark, else null.</summary>
    /// <remarks>XmlReader reads UTF-16 itself; the text formats are transcoded to UTF-8 before reading.</remarks>
    public static Encoding? Wide(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;

    public static string? Detect(Stream stream)
    {
        var buffer = new byte[SniffBytes];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Detect(buffer.AsSpan(0, n));
    }

    // Any SWIFT statement tag at the start of a line; tag-level fragments (a lone :61:) count as MT940 too.
    private static bool LooksLikeSwift(string t) =>
        t.StartsWith("{1:", StringComparison.Ordinal) || SwiftTag().IsMatch(t);

    [GeneratedRegex(@"(^|\n)[ \u0001]*:(20|25|28C?|60[FM]|61|62[FM]|86|64|65|34F|13D?|90[CD]):",
        RegexOptions.IgnoreCase)]
    private static partial Regex SwiftTag();

    // An MT942 names itself in its SWIFT header, or has no opening balance and an MT942 tag (tag letters may be
    // lowercase, as in MT940 exports).
    private static bool IsInterim(string t) =>
        t.Contains("{2:I942", StringComparison.Ordinal) || t.Contains("{2:O942", StringComparison.Ordinal)
        || (!Has(t, ":60F:") && !Has(t, ":60M:")
            && (Has(t, ":34F:") || Has(t, ":13D:") || Has(t, ":90D:") || Has(t, ":90C:")));

    private static bool Has(string t, string tag) => t.Contains(tag, StringComparison.OrdinalIgnoreCase);

    internal static string Describe(ReadOnlySpan<byte> head) =>
        head.Length == 0 ? "the file is empty" : "not a known statement format (camt.052/053/054, MT940/942, BAI2, " +
            "CODA, lockbox, NACHA or a bank CSV export with a header row)";

    internal static Encoding Latin1 => Encoding.Latin1;
}
