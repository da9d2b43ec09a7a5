using System.Globalization;
using System.Text;
using OrderToCash.Money;

namespace OrderToCash.CashApplication;

/// <summary>One row of applications.csv: a statement entry and one invoice it is applied (or proposed) to.</summary>
public sealed record ApplicationRow(
    string BankReference,
    int StatementEntry,
    string CustomerId,
    string InvoiceNumber,
    long AppliedMinor,
    string Currency,
    string Status,
    decimal Confidence,
    string Reason);

/// <summary>The applications.csv contract of PRODUCT.md: rows from match results, text in and out.</summary>
public static class ApplicationsCsv
{
    public const string Header =
        "bank_reference,statement_entry,customer_id,invoice_number,applied_amount,currency,status,confidence,reason";

    /// <summary>The rows of one result; an entry without invoices gets one row with an empty invoice number.</summary>
    public static List<ApplicationRow> Rows(MatchResult result, Receipt receipt, int statementEntry)
    {
        var rows = new List<ApplicationRow>();
        var customer = result.Customer?.CustomerId ?? "";
        var best = result.Best;
        var status = result.Status switch
        {
            MatchStatus.AutoApply => "applied",
            MatchStatus.Suggested or MatchStatus.WrongPocket => "suggested",
            MatchStatus.Unapplied => "unapplied",
            MatchStatus.OnAccount => "on_account",
            MatchStatus.Ignored => "ignored",
            _ => "unidentified",
        };
        if (best is not null && status is "applied" or "suggested")
        {
            foreach (var a in best.Allocations)
                rows.Add(new ApplicationRow(receipt.Id, statementEntry, best.CustomerId, a.InvoiceNumber,
                    a.Applied.Minor,
                    a.Applied.Currency.Code, status, result.Confidence, result.Reason));
            if (status == "applied" && best.Remainder.IsPositive)
                rows.Add(new ApplicationRow(receipt.Id, statementEntry, best.CustomerId, "", best.Remainder.Minor,
                    best.Remainder.Currency.Code, "on_account", result.Confidence,
                        "over payment: remainder on account"));
            return rows;
        }
        rows.Add(new ApplicationRow(receipt.Id, statementEntry, customer, "", receipt.Amount.Minor,
            receipt.Amount.Currency.Code, status, result.Confidence, result.Reason));
        return rows;
    }

    public static string Format(IEnumerable<ApplicationRow> rows)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var r in rows)
        {
            var currency = Money.Currency.TryParse(r.Currency, out var c) ? c : Money.Currency.EUR;
            sb.Append(Csv.Field(r.BankReference)).Append(',')
              .Append(r.StatementEntry.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv.Field(r.CustomerId)).Append(',')
              .Append(Csv.Field(r.InvoiceNumber)).Append(',')
              .Append(Amounts.Format(r.AppliedMinor, currency)).Append(',')
              .Append(r.Currency).Append(',')
              .Append(r.Status).Append(',')
              .Append(r.Confidence.ToString("0.####", CultureInfo.InvariantCulture)).Append(',')
              .Append(Csv.Field(r.Reason)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads applications.csv text; a bad row throws with its line number.</summary>
    public static List<ApplicationRow> Parse(string text)
    {
        var rows = new List<ApplicationRow>();
        var lines = Csv.Records(text);
        for (var n = 1; n < lines.Count; n++)
        {
            var f = lines[n];
            if (f.Count == 1 && f[0].Length == 0) continue;
            if (f.Count != 9) throw new FormatException($"applications.csv line {n + 1}: {f.Count} fields, 9 expected");
            var currency = Money.Currency.Of(f[5]);
            if (!Amounts.TryParseMinor(f[4], currency, out var minor, out var error))
                throw new FormatException($"applications.csv line {n + 1}, applied_amount: {error}");
            rows.Add(new ApplicationRow(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3], minor, f[5],
                f[6], decimal.Parse(f[7], CultureInfo.InvariantCulture), f[8]));
        }
        return rows;
    }
}

/// <summary>RFC 4180 fields: quoted when they hold a comma, a quote or a line break.</summary>
public static class Csv
{
    public static string Field(string value) => Data.CsvTable.Escape(value);

    public static string Line(params string[] fields) => string.Join(',', fields.Select(Field));

    /// <summary>The records of a CSV text, quotes honoured, each as its list of fields.</summary>
    public static List<List<string>> Records(string text)
    {
        var records = new List<List<string>>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(fields);
                    fields = [];
                    break;
                default: field.Append(ch); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add(fields); }
        return records;
    }
}
