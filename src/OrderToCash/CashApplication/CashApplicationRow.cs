namespace OrderToCash.CashApplication;

/// <summary>
/// The last cash-application result for a statement line, one row per invoice (applications.csv). Derived data, not
/// ledger: a new run over a line that is still open replaces its rows; what was posted lives in the journal.
/// </summary>
public sealed class CashApplicationRow
{
    public long Id { get; init; }
    public Guid StatementLineId { get; init; }
    public int RowNo { get; init; }
    public required string CustomerId { get; init; }
    public required string InvoiceNumber { get; init; }
    public long AppliedMinor { get; init; }
    public required string Currency { get; init; }
    /// <summary>applied, suggested, unapplied, unidentified, on_account, ignored (the contract's words).</summary>
    public required string Status { get; init; }
    public decimal Confidence { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset RunAt { get; init; }
}
