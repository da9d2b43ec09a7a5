namespace OrderToCash.BankStatements;

/// <summary>What the opening + Σ entries = closing check said about a statement when it was imported.</summary>
public enum BalanceCheck { Balanced, Mismatch, NoBalances }

/// <summary>One imported statement (or intraday report) of one bank account.</summary>
/// <remarks>
/// Identified by the file's content hash and its 1-based <see cref="Position"/> in the file: re-importing the
/// same bytes finds every statement already there and adds nothing.
/// </remarks>
public sealed class BankStatement
{
    public Guid Id { get; init; }
    public required string LegalEntityId { get; init; }
    public Guid BankAccountId { get; init; }
    /// <summary>"camt.053", "mt940", ... as <see cref="StatementFormats"/> names them.</summary>
    public required string Format { get; init; }
    /// <summary>
    /// True for intraday reports (camt.052, MT942): their lines may come again in an end-of-day file.
    /// </summary>
    public bool IsIntraday { get; init; }
    public string? StatementId { get; init; }
    /// <summary>The account as the file writes it (IBAN, BLZ/number, ...).</summary>
    public required string Account { get; init; }
    public required string Currency { get; init; }
    public long? OpeningBalanceMinor { get; init; }
    public long? ClosingBalanceMinor { get; init; }
    public DateOnly? FromDate { get; init; }
    public DateOnly? ToDate { get; init; }
    public required string FileName { get; init; }
    public required string ContentSha256 { get; init; }
    /// <summary>1-based position of the statement in its file.</summary>
    public int Position { get; init; }
    public int Entries { get; init; }
    public BalanceCheck BalanceCheck { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public required string ImportedBy { get; init; }
}

/// <summary>Where a statement line stands in cash application (the <c>status</c> of applications.csv).</summary>
public enum StatementLineStatus { New, Unidentified, Unapplied, Suggested, Applied, OnAccount, WrongPocket, Ignored }

/// <summary>One booking of a statement, or one transaction of a batch booking (camt TxDtls).</summary>
/// <remarks>
/// The natural key (<see cref="BankAccountId"/>, <see cref="BookingDate"/>, <see cref="KeyReference"/>,
/// <see cref="AmountMinor"/>, <see cref="Occurrence"/>) is unique: the same booking seen again (a re-import, or an
/// end-of-day statement repeating an intraday report) finds its line instead of adding cash twice. Two identical
/// bookings in one statement are both kept: the second has occurrence 2.
/// </remarks>
public sealed class StatementLine
{
    public Guid Id { get; init; }
    public Guid StatementId { get; init; }
    public Guid BankAccountId { get; init; }
    public required string LegalEntityId { get; init; }
    /// <summary>1-based position of the entry in its file (<c>statement_entry</c> of applications.csv).</summary>
    public int Position { get; init; }
    /// <summary>1-based index of the transaction inside a batch entry; null for a single booking.</summary>
    public int? BatchTransactionIndex { get; init; }
    /// <summary>The batch entry's own bank reference, for a transaction of a batch.</summary>
    public string? BatchReference { get; init; }
    public string? BankReference { get; init; }
    /// <summary>The bank reference, or "#" + a hash of the line's content when the bank gives none.</summary>
    public required string KeyReference { get; init; }
    public int Occurrence { get; init; }
    public DateOnly BookingDate { get; init; }
    public DateOnly? ValueDate { get; init; }
    /// <summary>Credits positive, debits negative, in minor units of <see cref="Currency"/>.</summary>
    public long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public string? CounterpartyName { get; init; }
    public string? CounterpartyAccount { get; init; }
    public string? Remittance { get; init; }
    /// <summary>Structured references (QRR, SCOR, RF, RMR invoice numbers), ';'-joined.</summary>
    public string? StructuredReferences { get; init; }
    public string? EndToEndId { get; init; }
    public string? BankTransactionCode { get; init; }
    /// <summary>
    /// What the payer instructed when the bank converted it into the account's currency (camt
    /// <c>AmtDtls/InstdAmt</c>, MT940 <c>/OCMT/</c>): minor units of <see cref="InstructedCurrency"/>. An invoice in
    /// that currency is matched against it exactly, without a rate on file.
    /// </summary>
    public long? InstructedMinor { get; init; }
    public string? InstructedCurrency { get; init; }
    public StatementLineStatus Status { get; set; }
    /// <summary>Why a line is ignored ("outgoing payment", "bank charge", "pending entry").</summary>
    public string? StatusReason { get; set; }
    public string? CustomerId { get; set; }
    /// <summary>The receipt open item once the payer is identified (unapplied cash).</summary>
    public Guid? ReceiptOpenItemId { get; set; }
    /// <summary>The entry that recognised this line in the ledger (receipt to suspense, or bank charge).</summary>
    public Guid? JournalEntryId { get; set; }
    /// <summary>The end-of-day statement that repeated this intraday line (linked, not posted again).</summary>
    public Guid? ConfirmedByStatementId { get; set; }
}
