namespace OrderToCash.CashApplication.Remittances;

/// <summary>An imported remittance advice: a payer's statement of which invoices a payment settles.</summary>
/// <remarks>Identified by its file's content hash and 1-based position: the same file imported again adds nothing.
/// <see cref="StatementLineId"/> links it to the bank line of its payment once one is found.</remarks>
public sealed class RemittanceAdvice
{
    public Guid Id { get; init; }
    public required string Format { get; init; }
    public required string FileName { get; init; }
    public required string ContentSha256 { get; init; }
    public int Position { get; init; }
    public required string Payer { get; init; }
    /// <summary>The payment's reference or trace number (X12 TRN02).</summary>
    public string? PaymentReference { get; init; }
    public DateOnly? PaymentDate { get; init; }
    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public Guid? StatementLineId { get; set; }
    public DateTimeOffset ImportedAt { get; init; }
    public required string ImportedBy { get; init; }
    public List<RemittanceLine> Lines { get; init; } = [];
}

/// <summary>One invoice of a remittance advice: what the payer paid against it and what they deducted.</summary>
public sealed class RemittanceLine
{
    public long Id { get; init; }
    public Guid AdviceId { get; init; }
    public int LineNo { get; init; }
    public required string InvoiceNumber { get; init; }
    /// <summary>Normalised for matching, as <see cref="Ledger.DocumentNumbers.Key"/> makes it.</summary>
    public required string InvoiceKey { get; init; }
    public long PaidMinor { get; init; }
    public long? BilledMinor { get; init; }
    public long DiscountMinor { get; init; }
    public long AdjustmentMinor { get; init; }
    public string? AdjustmentReason { get; init; }
}
