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
    char Delimiter = ',')
{
    public static readonly string[] DefaultDateFormats =
        ["yyyy-MM-dd", "dd.MM.yyyy", "M/d/yyyy", "MM/dd/yyyy", "yyyyMMdd", "dd-MM-yyyy", "d/M/yyyy"];

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
            Delimiter: delimiter);
    }
}

/// <summary>Streaming parser for bank CSV exports, driven by a <see cref="CsvMapping"/>.</summary>
/// <remarks>Quoted fields may contain delimiters, doubled quotes and line breaks. One statement per file.</remarks>
public static class BankCsv
{
    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var entries = new List<StatementEntry>();
        CsvMapping? mapping = context.Options.Csv;
        Dictionary<string, int>? columns = null;
        string? currency = null;
        foreach (var (number, fields) in Records(lines, context))
        {
            if (columns is null)
            {
                var delimiter = mapping?.Delimiter ?? ',';
                mapping ??= CsvMapping.FromHeader(fields, delimiter)
                    ?? throw context.Fail(number,
                        "CSV header names no date and amount (or debit/credit) columns; give a CsvMapping");
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

    private static long Amount(string text, CsvMapping mapping, OrderToCash.Money.Currency scale, int line,
        ParseContext context)
    {
        var t = text.Replace(" ", "").Replace("\u00A0", "");
        t = mapping.DecimalComma ? t.Replace(".", "") : t.Replace(",", "");
        if (t.StartsWith('(') && t.EndsWith(')')) t = "-" + t[1..^1];
        if (t.EndsWith('-')) t = "-" + t[..^1];
        return context.Amount(t, scale, mapping.DecimalComma ? ',' : '.', line, "amount");
    }

    /// <summary>RFC 4180 records: quoted fields may hold the delimiter, "" and line breaks.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(IEnumerable<TextLine> lines,
        ParseContext context)
    {
        var delimiter = context.Options.Csv?.Delimiter;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var start = 0;
        foreach (var line in lines)
        {
            if (!quoted) { start = line.Number; fields = []; }
            else field.Append('\n');
            delimiter ??= Guess(line.Text);
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
