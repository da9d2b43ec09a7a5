namespace OrderToCash.Ledger;

/// <summary>
/// A posted journal entry. Append-only: never updated or deleted; a correction is a reversal
/// (<see cref="ReversesEntryId"/>) plus a new entry.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>Client-generated, so a retried request posts exactly once.</summary>
    public Guid Id { get; init; }
    public required string LegalEntityId { get; init; }
    public DateOnly PostingDate { get; init; }
    /// <summary>What happened: invoice, credit_memo, receipt, application, write_off, refund, ...</summary>
    public required string Kind { get; init; }
    public required string Memo { get; init; }
    /// <summary>The source document or file this entry comes from (invoice number, statement reference).</summary>
    public string? Source { get; init; }
    public Guid? ReversesEntryId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public List<JournalLine> Lines { get; init; } = [];
}

/// <summary>One line: debit positive, credit negative, in the transaction and the functional currency.</summary>
/// <remarks>
/// Keyed by (entry, line number): no database-generated key, so a batch of entries inserts in one go.
/// </remarks>
public sealed class JournalLine
{
    public Guid EntryId { get; init; }
    public int LineNo { get; init; }
    public int AccountId { get; init; }
    public required string Currency { get; init; }
    public long AmountMinor { get; init; }
    public long FunctionalMinor { get; init; }
    public string? CustomerId { get; init; }
    public Guid? OpenItemId { get; init; }
}

/// <summary>
/// The seal of one entry into its legal entity's hash chain. Written after the entry commits, by
/// <see cref="SealChain"/>, so posting never waits on a chain-wide lock.
/// </summary>
public sealed class ChainSeal
{
    public required string LegalEntityId { get; init; }
    public long Sequence { get; init; }
    public Guid EntryId { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset SealedAt { get; init; }
}
