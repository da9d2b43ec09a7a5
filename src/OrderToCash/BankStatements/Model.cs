namespace OrderToCash.BankStatements;

/// <summary>Everything read from one statement file, in the order the file gives it.</summary>
/// <param name="Format">"camt.053", "camt.052", "camt.054", "mt940", "mt942", "bai2", "coda", "csv", "lockbox",
/// "nacha".</param>
/// <param name="Warnings">Integrity findings that did not stop the parse (balance or control-total mismatches,
/// unknown tags, repaired dates), each naming its line or element.</param>
public sealed record ParsedFile(string Format, IReadOnlyList<ParsedStatement> Statements,
    IReadOnlyList<string> Warnings);

/// <summary>A balance as the bank states it: minor units in the statement currency (negative = debit).</summary>
public sealed record StatementBalance(long AmountMinor, DateOnly? Date);

/// <summary>One statement, report or notification of one account.</summary>
/// <remarks>
/// Invariant (checked by <see cref="StatementParser"/>): when both balances are present, opening + Σ booked
/// entry amounts = closing. A mismatch is a warning, or a <see cref="StatementParseException"/> in strict mode.
/// </remarks>
public sealed record ParsedStatement
{
    public string? Account { get; init; }
    /// <summary>ISO 4217 code of the statement (the currency of every minor-unit amount in it).</summary>
    public required string Currency { get; init; }
    public string? StatementId { get; init; }
    /// <summary>Statement or page sequence number where the format has one (MT940 :28C:, camt ElctrncSeqNb).</summary>
    public string? SequenceNumber { get; init; }
    public StatementBalance? OpeningBalance { get; init; }
    public StatementBalance? ClosingBalance { get; init; }
    public DateOnly? FromDate { get; init; }
    public DateOnly? ToDate { get; init; }
    public required IReadOnlyList<StatementEntry> Entries { get; init; }
    /// <summary>1-based line (text formats, XML line of the statement element) where the statement starts.</summary>
    public int LineNumber { get; init; }
}

/// <summary>One booking on the account, or one transaction inside a batch booking.</summary>
/// <remarks>
/// <see cref="AmountMinor"/> is signed from the account holder's view: credits positive, debits negative,
/// in minor units of <see cref="Currency"/>. For a batch entry the <see cref="Transactions"/> carry the
/// per-payment detail; the entry amount is the booked total.
/// </remarks>
public sealed record StatementEntry
{
    public string? BankReference { get; init; }
    public string? CustomerReference { get; init; }
    public string? EndToEndId { get; init; }
    public DateOnly? BookingDate { get; init; }
    public DateOnly? ValueDate { get; init; }
    public required long AmountMinor { get; init; }
    public required string Currency { get; init; }
    public string? CounterpartyName { get; init; }
    public string? CounterpartyAccount { get; init; }
    public string? Remittance { get; init; }
    public IReadOnlyList<string> StructuredReferences { get; init; } = [];
    public IReadOnlyList<StatementEntry> Transactions { get; init; } = [];
    public bool IsReversal { get; init; }
    /// <summary>False for pending or informational entries (camt Sts PDNG/INFO): not part of the balance.</summary>
    public bool IsBooked { get; init; } = true;
    /// <summary>
    /// The bank's transaction code as written: camt Domn/Fmly/SubFmly or Prtry, MT940 type, BAI2 type.
    /// </summary>
    public string? BankTransactionCode { get; init; }
    /// <summary>Charges the bank reports for this entry, in minor units of <see cref="Currency"/>.</summary>
    public long? ChargesMinor { get; init; }
    /// <summary>The instructed amount and currency before conversion, when the bank reports an FX conversion.</summary>
    public string? OriginalAmount { get; init; }
    public string? OriginalCurrency { get; init; }
    public decimal? ExchangeRate { get; init; }
    /// <summary>The raw free text of the format (MT940 :86:, BAI2 16/88 text, camt AddtlNtryInf).</summary>
    public string? Information { get; init; }
    /// <summary>1-based line where the entry starts (XML: the line of its element).</summary>
    public int LineNumber { get; init; }
    /// <summary>XML element path of the entry (camt), null for text formats.</summary>
    public string? ElementPath { get; init; }
}

/// <summary>How to read a file: strictness and the bank-specific layouts of formats that have no standard.</summary>
/// <param name="Strict">Balance and control-total mismatches refuse the file instead of warning.</param>
/// <param name="Csv">Column mapping for bank CSV exports; null = derive from the header row.</param>
/// <param name="Lockbox">Field positions of the lockbox layout; null = <see cref="LockboxLayout.Default"/>.</param>
/// <param name="MaxLines">Bound on lines (or XML entries) read from one file; exceeding it refuses the file.</param>
public sealed record ParseOptions(
    bool Strict = false,
    CsvMapping? Csv = null,
    LockboxLayout? Lockbox = null,
    long MaxLines = 50_000_000)
{
    public static ParseOptions Default { get; } = new();
}

/// <summary>A file that cannot be read as a statement, with the line or element where reading stopped.</summary>
public sealed class StatementParseException(string file, string location, string reason)
    : Exception($"{file}: {location}: {reason}")
{
    public string File { get; } = file;
    /// <summary>"line 12" for text formats, "line 40, Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt" for XML.</summary>
    public string Location { get; } = location;
    public string Reason { get; } = reason;
}
