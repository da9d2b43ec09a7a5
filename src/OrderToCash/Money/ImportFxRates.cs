using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;

namespace OrderToCash.Money;

/// <summary>
/// Imports fx_rates.csv: <c>date,from_currency,to_currency,rate</c> (1 from = rate to). A rate for the same day and
/// pair is replaced (and audited); bad rows refuse the file.
/// </summary>
public sealed class ImportFxRates(O2cDb db, TimeProvider clock, string actor)
{
    public static readonly string[] Required = ["date", "from_currency", "to_currency", "rate"];

    public async Task<ImportResult> ExecuteAsync(string fileName, string text, bool skipInvalid,
        string? rejectPath = null, CancellationToken ct = default)
    {
        // "from,to,date,rate" is accepted as well as the documented from_currency/to_currency.
        if (text.TrimStart('\uFEFF').StartsWith("from,", StringComparison.OrdinalIgnoreCase))
        {
            var firstLine = text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length;
            var header = text[..firstLine].Split(',').Select(h => h.Trim().ToLowerInvariant() switch
            {
                "from" => "from_currency", "to" => "to_currency", var other => other,
            });
            text = string.Join(',', header) + text[firstLine..];
        }
        var (table, headerProblem) = CsvTable.Read(text, Required);
        if (table is null) return ImportResult.Refused([headerProblem!]);
        var problems = new List<ImportProblem>();
        var rates = new Dictionary<(string, string, DateOnly), (decimal Rate, int Line)>();
        foreach (var row in table.Rows)
        {
            var before = problems.Count;
            var date = Ledger.ImportOpenItems.Date(row, "date", problems, required: true);
            if (!Currency.TryParse(row["from_currency"], out var from))
                problems.Add(new(row.Line, "from_currency", $"unknown currency '{row["from_currency"]}'"));
            if (!Currency.TryParse(row["to_currency"], out var to))
                problems.Add(new(row.Line, "to_currency", $"unknown currency '{row["to_currency"]}'"));
            if (!decimal.TryParse(row["rate"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                    out var rate)
                || rate <= 0)
                problems.Add(new(row.Line, "rate", $"'{row["rate"]}' is not a positive rate"));
            if (from == to && from != default) problems.Add(new(row.Line, "to_currency", "same as from_currency"));
            if (problems.Count > before) continue;
            if (!rates.TryAdd((from.Code, to.Code, date!.Value), (rate, row.Line)))
                problems.Add(new(row.Line, "date", $"a second {from.Code}/{to.Code} rate for {date:yyyy-MM-dd}"));
        }
        if (problems.Count > 0 && !skipInvalid) return ImportResult.Refused(problems);

        var existing = await db.FxRates.ToDictionaryAsync(r => (r.FromCurrency, r.ToCurrency, r.Date), ct);
        var audit = new AuditTrail(db, clock, actor);
        int imported = 0, updated = 0, unchanged = 0;
        foreach (var ((from, to, date), (rate, _)) in rates)
        {
            if (existing.TryGetValue((from, to, date), out var current))
            {
                if (current.Rate == rate) { unchanged++; continue; }
                audit.Record("fx_rate.updated", "fx_rate", $"{from}/{to}/{date:yyyy-MM-dd}", new { current.Rate },
                    new { Rate = rate });
                current.Rate = rate;
                current.Source = fileName;
                updated++;
                continue;
            }
            db.FxRates.Add(new FxRate
                { FromCurrency = from, ToCurrency = to, Date = date, Rate = rate, Source = fileName });
            imported++;
        }
        if (imported > 0)
            audit.Record("import.fx_rates", "import", fileName, null, new { File = fileName, Imported = imported });
        await db.SaveChangesAsync(ct);
        if (problems.Count > 0 && rejectPath is not null)
            RejectFile.Write(rejectPath, table.Header, table.Rows, problems);
        return new ImportResult(false, imported, unchanged, updated, problems);
    }
}
