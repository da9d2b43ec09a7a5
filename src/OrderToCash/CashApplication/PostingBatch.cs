using OrderToCash.Customers;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

/// <summary>
/// The shared state of many postings in one unit of work: the cash-application run identifies and applies a chunk
/// of receipts per <c>SaveChangesAsync</c>. <see cref="IdentifyReceipt"/> and <see cref="ApplyCash"/> given a batch
/// read what the owner loaded in bulk instead of querying per call, add to the unit of work and never save; a
/// refusal undoes only its own additions.
/// </summary>
/// <remarks>
/// The entry ids the owner will post under were looked up once: <see cref="ExistingEntries"/> holds those already
/// on file (a retry: <c>AlreadyPosted</c>), every other id of the chunk is known to be new. <see cref="Booked"/> is
/// each open item's booked functional value (Σ functional of its lines), committed plus added in this unit, so a
/// foreign-currency item leaves at its booked value even when the line that opened it is not saved yet.
/// </remarks>
internal sealed class PostingBatch(Journal journal, IReadOnlyDictionary<string, Customer> customers)
{
    public Journal Journal { get; } = journal;
    public IReadOnlyDictionary<string, Customer> Customers { get; } = customers;
    public HashSet<Guid> ExistingEntries { get; } = [];
    public Dictionary<Guid, long> Booked { get; } = [];

    /// <summary>Receipt numbers per entity known to be taken: on file (looked up for the chunk's references) or
    /// added in this unit.</summary>
    public HashSet<(string LegalEntityId, string Number)> ReceiptNumbers { get; } = [];

    /// <summary>Deduction numbers per entity added in this unit (not yet on file).</summary>
    public HashSet<(string LegalEntityId, string Number)> DeductionNumbers { get; } = [];

    /// <summary>The result rows of the unit's receipts (applications.csv), written in bulk beside it.</summary>
    public List<CashApplicationRow> Results { get; } = [];

    public bool IsNew(Guid entryId) => !ExistingEntries.Contains(entryId);

    /// <summary>Keeps <see cref="Booked"/> current with an entry just added to the unit of work.</summary>
    public void Record(JournalEntry entry)
    {
        foreach (var line in entry.Lines)
            if (line.OpenItemId is { } id)
                Booked[id] = checked(Booked.GetValueOrDefault(id) + line.FunctionalMinor);
    }
}
