using System.Text.Json;
using OrderToCash.Money;

namespace OrderToCash.BankStatements;

/// <summary>The JSON contract of <c>o2c statement parse</c>: snake_case, amounts as decimal strings.</summary>
/// <remarks>
/// Amounts are major units with '.' (Amounts.Format), credits positive; dates ISO yyyy-MM-dd; a field the
/// format does not have is null. The named fields are a contract; extra fields may be added, never renamed.
/// </remarks>
public static class StatementJson
{
    public static void Write(ParsedFile file, Stream output, bool indented = true)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = indented,
            // The output is a file for people and tools, not HTML: keep "+++123/4567/89012+++" and accents readable.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        w.WriteStartObject();
        w.WriteString("format", file.Format);
        w.WriteStartArray("statements");
        foreach (var s in file.Statements) WriteStatement(w, s);
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in file.Warnings) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter w, ParsedStatement s)
    {
        var scale = ScaleOf(s.Currency);
        w.WriteStartObject();
        w.WriteString("account", s.Account);
        w.WriteString("currency", s.Currency);
        w.WriteString("statement_id", s.StatementId);
        w.WriteString("sequence_number", s.SequenceNumber);
        w.WriteString("opening_balance", s.OpeningBalance is { } o ? Amounts.Format(o.AmountMinor, scale) : null);
        w.WriteString("closing_balance", s.ClosingBalance is { } c ? Amounts.Format(c.AmountMinor, scale) : null);
        WriteDate(w, "opening_date", s.OpeningBalance?.Date);
        WriteDate(w, "closing_date", s.ClosingBalance?.Date);
        WriteDate(w, "from_date", s.FromDate);
        WriteDate(w, "to_date", s.ToDate);
        w.WriteStartArray("entries");
        foreach (var e in s.Entries) WriteEntry(w, e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, StatementEntry e)
    {
        var scale = ScaleOf(e.Currency);
        w.WriteStartObject();
        w.WriteString("bank_reference", e.BankReference);
        WriteDate(w, "booking_date", e.BookingDate);
        WriteDate(w, "value_date", e.ValueDate);
        w.WriteString("amount", Amounts.Format(e.AmountMinor, scale));
        w.WriteString("currency", e.Currency);
        w.WriteString("counterparty_name", e.CounterpartyName);
        w.WriteString("counterparty_account", e.CounterpartyAccount);
        w.WriteString("remittance", e.Remittance);
        w.WriteStartArray("structured_references");
        foreach (var r in e.StructuredReferences) w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteStartArray("transactions");
        foreach (var t in e.Transactions) WriteEntry(w, t);
        w.WriteEndArray();
        w.WriteString("customer_reference", e.CustomerReference);
        w.WriteString("end_to_end_id", e.EndToEndId);
        w.WriteBoolean("is_reversal", e.IsReversal);
        w.WriteBoolean("is_booked", e.IsBooked);
        w.WriteString("bank_transaction_code", e.BankTransactionCode);
        w.WriteString("charges", e.ChargesMinor is { } ch ? Amounts.Format(ch, scale) : null);
        w.WriteString("original_amount", e.OriginalAmount);
        w.WriteString("original_currency", e.OriginalCurrency);
        w.WriteString("information", e.Information);
        w.WriteNumber("line", e.LineNumber);
        w.WriteString("element", e.ElementPath);
        w.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateOnly? date) =>
        w.WriteString(name, date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    // Codes ISO 4217 no longer lists (DEM) were read with 2 decimals; write them back the same way.
    private static Currency ScaleOf(string code) => Currency.TryParse(code, out var c) ? c : Currency.EUR;
}
