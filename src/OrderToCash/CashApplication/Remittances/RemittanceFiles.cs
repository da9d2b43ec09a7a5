using OrderToCash.Data;

namespace OrderToCash.CashApplication.Remittances;

/// <summary>One invoice a payer says a payment settles, with what they deducted.</summary>
/// <param name="AdjustmentMinor">X12 ADX adjustments (negative = the payer deducted), 0 when none.</param>
public sealed record RemittanceInvoice(string InvoiceNumber, long PaidMinor, long? BilledMinor, long DiscountMinor,
    long AdjustmentMinor = 0, string? AdjustmentReason = null);

/// <summary>A remittance advice as read from a file: one payment and the invoices it pays.</summary>
/// <param name="Location">Where it starts: "line 2" (CSV) or "segment 4" (X12).</param>
public sealed record ParsedRemittance(string Payer, string? PaymentReference, DateOnly? PaymentDate,
    long AmountMinor, string Currency, IReadOnlyList<RemittanceInvoice> Invoices, string Location);

/// <summary>What a remittance file holds, or every problem that refuses it (nothing imported then).</summary>
public sealed record ParsedRemittanceFile(string Format, IReadOnlyList<ParsedRemittance> Advices,
    IReadOnlyList<ImportProblem> Problems, IReadOnlyList<string> Warnings)
{
    public bool IsRefused => Problems.Count > 0;
}

/// <summary>Reads a remittance file of either supported kind, detected from content: X12 820 or CSV.</summary>
public static class RemittanceFiles
{
    public const string Csv = "csv", X12 = "x12.820";

    /// <summary>Bound on advices and invoice lines in one file.</summary>
    public const int MaxLines = 1_000_000;

    public static ParsedRemittanceFile Parse(string text, string defaultCurrency = "EUR")
    {
        var start = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        return start.StartsWith("ISA", StringComparison.Ordinal)
            ? X12Remittance820.Parse(start)
            : RemittanceCsv.Parse(text, defaultCurrency);
    }
}
