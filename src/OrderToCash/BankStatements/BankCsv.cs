using System.Globalization;
using System.Text;

namespace OrderToCash.BankStatements;

/// <summary>
/// Which columns of a bank CSV export mean what. Column names match the header row, case-insensitive.
/// </summary>
/// <param name="Amount">
/// Signed amount column; or leave null and give <paramref name="Debit"/>/<paramref name="Credit"/>.
/// </param>
/// <param name="InvertSign">True for exports that show money out as positive (credit-card statements).</param>
/// <param name="DecimalComma">"4.626,81": comma decimals, dot thousands.</param>
/// <param name="AutoDecimal">Decide each amount's decimal sign from the amount itself ("1.234,56", "12,50",
/// "1,234.56"); <paramref name="DecimalComma"/> only breaks the tie of one separator followed by three digits
/// ("1.234"). Set for mappings derived from the header row, where nobody said which convention the bank uses.
/// </param>
public sealed record CsvMapping(
    string Date,
    string? Amount = null,
    string? Debit = null,
    string? Credit = null,
    bool InvertSign = false,
    bool DecimalComma = false,
    string[]? DateFormats = null,
    string? ValueDate = null,
    string? Name = null,
    string? Account = null,
    string? Remittance = null,
    string? Reference = null,
    string? CurrencyColumn = null,
    string Currency = "EUR",
    char Delimiter = ',',
    bool AutoDecimal = false)
{
    public static readonly string[] DefaultDateFormats =
    [
        "yyyy-MM-dd", "dd.MM.yyyy", "M/d/yyyy", "MM/dd/yyyy", "yyyyMMdd", "dd-MM-yyyy", "d/M/yyyy", "d.M.yyyy",
        "dd.MM.yy", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>A mapping from a header row whose names say what the columns are (English and German).</summary>
    public static CsvMapping? FromHeader(IReadOnlyList<string> header, char delimiter)
    {
        string? Find(params string[] names) =>
            header.FirstOrDefault(h => names.Any(n => h.Trim().Equals(n, StringComparison.OrdinalIgnoreCase)))
            ?? header.FirstOrDefault(h => names.Any(n => h.Contains(n, StringComparison.OrdinalIgnoreCase)));
        var date = Find("booking date", "date", "datum", "buchungstag", "fecha");
        var amount = Find("amount", "betrag", "importe", "bedrag");
        var debit = Find("debit", "soll", "withdrawal");
        var credit = Find("credit", "haben", "deposit");
        if (date is null || (amount is null && (debit is null || credit is null))) return null;
        return new CsvMapping(date, amount, amount is null ? debit : null, amount is null ? credit : null,
            ValueDate: Find("value date", "valuta", "wertstellung"),
            Name: Find("name", "payee", "counterparty", "beneficiary", "empfänger", "auftraggeber"),
            Account: Find("iban", "account"), Remittance: Find("description", "memo", "narrative",
                "verwendungszweck", "remittance", "details", "concepto"),
            Reference: Find("reference", "referenz", "ref"), CurrencyColumn: Find("currency", "währung", "moneda"),
            Delimiter: delimiter, DecimalComma: delimiter == ';', AutoDecimal: true);
    }
}

/// <summary>Streaming parser for bank CSV exports, driven by a <see cref="CsvMapping"/>.</summary>
/// <remarks>
/// Quoted fields may contain delimiters, doubled quotes and line breaks. One statement per file. Exports that put
/// a few lines of account information before the header row (German savings banks) are read from the first row
/// that names the columns; the delimiter is guessed per row until then.
/// </remarks>
public static class BankCsv
{
    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var entries = new List<StatementEntry>();
        CsvMapping? mapping = context.Options.Csv;
        Dictionary<string, int>? columns = null;
        string? currency = null;
        var reading = new RecordState(context.Options.Csv?.Delimiter);
        foreach (var (number, fields) in Records(lines, context, reading))
        {
            if (columns is null)
            {
                var header = context.Options.Csv is { } given
                    ? fields.Any(f => f.Trim().Equals(given.Date, StringComparison.OrdinalIgnoreCase)) ? given : null
                    : CsvMapping.FromHeader(fields, reading.Delimiter ?? ',');
                if (header is null)
                {
                    if (number < MaxPreambleLines) continue;
                    throw context.Fail(number,
                        "CSV header names no date and amount (or debit/credit) columns; give a CsvMapping");
                }
                mapping = header;
                reading.HasHeader = true;
                columns = fields.Select((f, i) => (f.Trim(), i)).GroupBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
                continue;
            }
            if (fields.All(f => f.Trim().Length == 0)) continue;
            var map = mapping ?? throw context.Fail(number, "no column mapping");
            string? Get(string? column) =>
                column is not null && columns.TryGetValue(column, out var i) && i < fields.Count
                    && fields[i].Trim().Length > 0
                    ? fields[i].Trim() : null;
            if (Get(map.Date) is null)
            {
                // Exports end with balance or total rows ("Kontostand;;;1.234,56"): no booking date, no booking.
                context.Warn(number, $"row without a '{map.Date}' is not a booking; skipped");
                continue;
            }
            var code = Get(map.CurrencyColumn) ?? map.Currency;
            currency ??= code;
            var scale = context.Scale(code, number);
            long amount;
            if (map.Amount is not null)
                amount = Amount(Get(map.Amount) ?? throw context.Fail(number, $"column '{map.Amount}' is empty"), map,
                    scale, number, context);
            else
            {
                var debit = Get(map.Debit) is { } d ? Math.Abs(Amount(d, map, scale, number, context)) : 0;
                var credit = Get(map.Credit) is { } c ? Math.Abs(Amount(c, map, scale, number, context)) : 0;
                amount = credit - debit;
            }
            if (map.InvertSign) amount = -amount;
            var formats = map.DateFormats ?? CsvMapping.DefaultDateFormats;
            var dateText = Get(map.Date) ?? throw context.Fail(number, $"column '{map.Date}' is empty");
            var booking = DateOnly.TryParseExact(dateText, formats, CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var b)
                ? b : throw context.Fail(number, $"'{dateText}' is not a date ({string.Join(", ", formats)})");
            DateOnly? value = Get(map.ValueDate) is { } v && DateOnly.TryParseExact(v, formats,
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var vd) ? vd : null;
            var remittance = Get(map.Remittance);
            entries.Add(new StatementEntry
            {
                BankReference = Get(map.Reference), BookingDate = booking, ValueDate = value ?? booking,
                AmountMinor = amount, Currency = code, CounterpartyName = Get(map.Name),
                CounterpartyAccount = Get(map.Account), Remittance = remittance,
                StructuredReferences = CreditorReferences.Find(remittance ?? ""), LineNumber = number,
            });
        }
        if (columns is null) throw context.Fail(1, "CSV file has no header row");
        yield return new ParsedStatement
        {
            Currency = currency ?? mapping?.Currency ?? "EUR", Entries = entries, LineNumber = 1,
            FromDate = entries.Count == 0 ? null : entries.Min(e => e.BookingDate),
            ToDate = entries.Count == 0 ? null : entries.Max(e => e.BookingDate),
        };
    }

    /// <summary>Rows before the header row that are skipped as an account preamble.</summary>
    private const int MaxPreambleLines = 20;

    private static long Amount(string text, CsvMapping mapping, OrderToCash.Money.Currency scale, int line,
        ParseContext context)
    {
        var t = text.Replace(" ", "").Replace("\u00A0", "").Replace("'", "");
        // Exports decorate amounts: "$1,234.56", "EUR 12,50", "150.00 DR", "(2.50)", "12.50-".
        foreach (var symbol in (ReadOnlySpan<string>)["$", "€", "£", "¥"]) t = t.Replace(symbol, "");
        var debit = false;
        if (t.Length > 2 && t.EndsWith("DR", StringComparison.OrdinalIgnoreCase)) (t, debit) = (t[..^2], true);
        else if (t.Length > 2 && t.EndsWith("CR", StringComparison.OrdinalIgnoreCase)) t = t[..^2];
        if (t.Length > 3 && char.IsAsciiLetter(t[0]) && char.IsAsciiLetter(t[1]) && char.IsAsciiLetter(t[2]))
            t = t[3..];
        else if (t.Length > 3 && char.IsAsciiLetter(t[^1]) && char.IsAsciiLetter(t[^2]) && char.IsAsciiLetter(t[^3]))
            t = t[..^3];
        if (t.StartsWith('(') && t.EndsWith(')')) t = "-" + t[1..^1];
        if (t.EndsWith('-')) t = "-" + t[..^1];
        if (debit && !t.StartsWith('-')) t = "-" + t;
        var comma = mapping.AutoDecimal ? IsDecimalComma(t, mapping.DecimalComma) : mapping.DecimalComma;
        t = comma ? t.Replace(".", "") : t.Replace(",", "");
        return context.Amount(t, scale, comma ? ',' : '.', line, "amount");
    }

    /// <summary>
    /// Whether an amount uses the decimal comma: the last of two different separators is the decimal one; a
    /// separator that occurs twice groups thousands; one separator followed by three digits is the tie the
    /// export's convention breaks.
    /// </summary>
    internal static bool IsDecimalComma(string amount, bool commaByDefault)
    {
        int lastComma = amount.LastIndexOf(','), lastDot = amount.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot;
        if (lastComma < 0 && lastDot < 0) return commaByDefault;
        var sign = lastComma >= 0 ? ',' : '.';
        var last = Math.Max(lastComma, lastDot);
        if (amount.IndexOf(sign) != last) return sign == '.'; // "1.234.567" or "1,234,567": thousands
        if (amount.Length - last - 1 != 3) return sign == ',';
        return commaByDefault;
    }

    /// <summary>RFC 4180 records: quoted fields may hold the delimiter, "" and line breaks.</summary>
    private sealed class RecordState(char? delimiter)
    {
        public char? Delimiter { get; set; } = delimiter;
        public bool HasHeader { get; set; }
    }

    private static IEnumerable<(int Line, List<string> Fields)> Records(IEnumerable<TextLine> lines,
        ParseContext context, RecordState state)
    {
        var given = state.Delimiter;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var start = 0;
        foreach (var line in lines)
        {
            if (!quoted) { start = line.Number; fields = []; }
            else field.Append('\n');
            if (!quoted && !state.HasHeader) state.Delimiter = given ?? Guess(line.Text);
            var delimiter = state.Delimiter;
            var closed = false; // just left a quoted section: a second quote is an escaped quote
            foreach (var c in line.Text)
            {
                if (quoted)
                {
                    if (c == '"') { quoted = false; closed = true; } else field.Append(c);
                    continue;
                }
                if (c == '"') { if (closed) field.Append('"'); quoted = true; }
                else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
                closed = false;
            }
            if (quoted) continue;
            fields.Add(field.ToString());
            field.Clear();
            yield return (start, fields);
        }
        if (quoted) throw context.Fail(start, "quoted field is not closed before the end of the file");
    }

    private static char Guess(string header) =>
        new[] { ';', '\t', ',' }.OrderByDescending(c => header.Count(h => h == c)).First();
}
