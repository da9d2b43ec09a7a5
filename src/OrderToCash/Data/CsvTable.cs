using System.Text;

namespace OrderToCash.Data;

/// <summary>A problem with one row of an imported file: the line, the column and the reason.</summary>
public sealed record ImportProblem(int Line, string Column, string Reason)
{
    public override string ToString() => $"line {Line}, column {Column}: {Reason}";
}

/// <summary>One data row of a CSV file with its 1-based line number in the file.</summary>
public sealed class CsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] fields,
    ReadOnlyMemory<char> raw)
{
    public int Line => line;
    /// <summary>The row as written in the file, for a reject file (a slice of the file's text until asked for).
    /// </summary>
    public string Raw => raw.ToString();
    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>The trimmed value of a column, or "" when the column is absent or empty.</summary>
    public string this[string column] =>
        columns.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";
}

/// <summary>
/// Reads the CSV of the file contracts (RFC 4180: comma, double quotes, header row, UTF-8 with or without BOM)
/// keeping line numbers, so every problem can be reported where it is.
/// </summary>
public sealed class CsvTable
{
    public const int MaxRows = 5_000_000;

    public required IReadOnlyList<string> Header { get; init; }
    public required IReadOnlyList<CsvRow> Rows { get; init; }

    public static (CsvTable? Table, ImportProblem? Problem) Read(string text, IReadOnlyList<string> required)
    {
        var records = Split(text);
        if (records.Count == 0) return (null, new ImportProblem(1, "", "the file is empty (a header row is required)"));
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0) continue;
            if (!columns.TryAdd(header[i], i))
                return (null, new ImportProblem(1, header[i], "the column appears twice in the header"));
        }
        foreach (var r in required)
            if (!columns.ContainsKey(r)) return (null, new ImportProblem(1, r, "required column is missing"));
        if (records.Count - 1 > MaxRows)
            return (null, new ImportProblem(MaxRows + 2, "", $"more than {MaxRows} rows; split the file"));
        var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0))
            .Select(r => new CsvRow(r.Line, columns, r.Fields, r.Raw)).ToList();
        return (new CsvTable { Header = header, Rows = rows }, null);
    }

    private sealed record Record(int Line, string[] Fields, ReadOnlyMemory<char> Raw);

    private static List<Record> Split(string text)
    {
        var result = new List<Record>();
        var begin = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; // a byte order mark (not copying the text)
        var fields = new List<string>();
        var field = new StringBuilder();
        // Short values repeat (dates, currencies, entity and customer ids): one string each, not one per row. A
        // million-row file keeps several hundred MB less.
        var pool = new Dictionary<string, string>();
        var shared = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        string Value()
        {
            if (field.Length == 0) return "";
            if (field.Length > 24) return field.ToString();
            Span<char> chars = stackalloc char[field.Length];
            field.CopyTo(0, chars, chars.Length);
            if (shared.TryGetValue(chars, out var known)) return known;
            var value = new string(chars);
            if (pool.Count < 200_000) pool[value] = value;
            return value;
        }
        var line = 1;
        var startLine = 1;
        var startIndex = begin;
        var inQuotes = false;
        var i = begin;
        while (i < text.Length)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { inQuotes = false; i++; continue; }
                if (c == '\n') line++;
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: inQuotes = true; i++; break;
                case ',': fields.Add(Value()); field.Clear(); i++; break;
                case '\r': i++; break;
                case '\n':
                    fields.Add(Value());
                    field.Clear();
                    result.Add(new Record(startLine, fields.ToArray(), Slice(text, startIndex, i)));
                    fields.Clear();
                    line++;
                    i++;
                    startLine = line;
                    startIndex = i;
                    break;
                default: field.Append(c); i++; break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(Value());
            result.Add(new Record(startLine, fields.ToArray(), Slice(text, startIndex, text.Length)));
        }
        return result;
    }

    // The line's text without its line end.
    private static ReadOnlyMemory<char> Slice(string text, int start, int end)
    {
        while (end > start && text[end - 1] is '\r' or '\n') end--;
        return text.AsMemory(start, end - start);
    }

    /// <summary>Quotes a value for CSV output when it needs it.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
