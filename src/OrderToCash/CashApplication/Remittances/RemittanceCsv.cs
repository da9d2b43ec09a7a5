using System.Globalization;
using OrderToCash.Data;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Remittances;

/// <summary>
/// Remittance advices exported to CSV (by a payer's ERP or from an Excel sheet), one row per invoice paid:
/// <c>payer,payment_reference,payment_date,payment_amount,invoice_number,amount_paid</c>, optional
/// <c>discount,currency</c>. Consecutive rows of the same payer and payment reference are one advice. Pure.
/// </summary>
/// <remarks>
/// Dates YYYY-MM-DD, or M/D/YYYY as Excel writes them in US locales; amounts with '.'; a leading BOM and CRLF are
/// fine. A payment whose invoices do not add up to its amount is kept with a warning: payers deduct without saying.
/// </remarks>
public static class RemittanceCsv
{
    private static readonly string[] Required =
        ["payer", "payment_reference", "payment_date", "payment_amount", "invoice_number", "amount_paid"];

    public static ParsedRemittanceFile Parse(string text, string defaultCurrency)
    {
        var (table, problem) = CsvTable.Read(text, Required);
        if (table is null) return new(RemittanceFiles.Csv, [], [problem!], []);
        var problems = new List<ImportProblem>();
        var warnings = new List<string>();
        var advices = new List<ParsedRemittance>();
        if (table.Rows.Count > RemittanceFiles.MaxLines)
            return new(RemittanceFiles.Csv, [], [new(1, "", $"more than {RemittanceFiles.MaxLines} rows")], []);
        ParsedRemittance? current = null;
        List<RemittanceInvoice> invoices = [];
        foreach (var row in table.Rows)
        {
            var code = row.Has("currency") && row["currency"].Length > 0 ? row["currency"] : defaultCurrency;
            if (!Currency.TryParse(code, out var currency))
            {
                problems.Add(new(row.Line, "currency", $"'{code}' is not a currency code"));
                continue;
            }
            long Amount(string column, bool required)
            {
                var value = row[column];
                if (value.Length == 0 && !required) return 0;
                if (Amounts.TryParseMinor(value, currency, out var minor, out var error)) return minor;
                problems.Add(new(row.Line, column, error));
                return 0;
            }
            var paymentAmount = Amount("payment_amount", true);
            var paid = Amount("amount_paid", true);
            var discount = Amount("discount", false);
            var date = Date(row["payment_date"]);
            if (date is null) problems.Add(new(row.Line, "payment_date", $"'{row["payment_date"]}' is not a date"));
            if (row["payer"].Length == 0) problems.Add(new(row.Line, "payer", "required"));
            if (row["invoice_number"].Length == 0) problems.Add(new(row.Line, "invoice_number", "required"));
            var reference = row["payment_reference"];
            if (current is null || current.Payer != row["payer"] || current.PaymentReference != reference
                || current.Currency != currency.Code)
            {
                Close(current, invoices, advices, warnings);
                current = new ParsedRemittance(row["payer"], reference.Length == 0 ? null : reference, date,
                    paymentAmount, currency.Code, [], $"line {row.Line}");
                invoices = [];
            }
            else if (current.AmountMinor != paymentAmount)
                problems.Add(new(row.Line, "payment_amount", "differs from the earlier rows of the same payment"));
            invoices.Add(new RemittanceInvoice(row["invoice_number"], paid, null, discount));
        }
        Close(current, invoices, advices, warnings);
        return problems.Count > 0 ? new(RemittanceFiles.Csv, [], problems, warnings)
            : new(RemittanceFiles.Csv, advices, [], warnings);
    }

    private static void Close(ParsedRemittance? advice, List<RemittanceInvoice> invoices,
        List<ParsedRemittance> advices, List<string> warnings)
    {
        if (advice is null) return;
        var sum = invoices.Sum(i => i.PaidMinor);
        if (sum != advice.AmountMinor)
            warnings.Add($"{advice.Location}: payment {advice.PaymentReference} of {advice.AmountMinor} minor units " +
                $"lists invoices paying {sum}");
        advices.Add(advice with { Invoices = invoices });
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var d) ? d : null;
}
