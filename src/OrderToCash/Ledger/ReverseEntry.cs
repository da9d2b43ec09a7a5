using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Money;

namespace OrderToCash.Ledger;

/// <summary>
/// Reverses a posted entry: appends its mirror (every line with the sign turned, same functional amounts), which
/// moves the open items back. Nothing is updated or deleted. Unapplying cash is reversing an application.
/// </summary>
public sealed class ReverseEntry(O2cDb db, TimeProvider clock, string actor)
{
    public async Task<PostingOutcome> ExecuteAsync(Guid reversalId, Guid entryId, DateOnly date, string reason,
        string? requiredKind = null, CancellationToken ct = default)
    {
        var original = await db.JournalEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (original is null) return PostingOutcome.Refused(LedgerError.UnknownEntry, $"no entry {entryId}");
        await SealChain.LoadLinesAsync(db, [original], ct);
        if (requiredKind is not null && original.Kind != requiredKind)
            return PostingOutcome.Refused(LedgerError.NotAnApplication, $"entry {entryId} is a {original.Kind}");
        if (original.ReversesEntryId is not null)
            return PostingOutcome.Refused(LedgerError.AlreadyReversed, $"entry {entryId} is itself a reversal");
        if (await db.JournalEntries.AnyAsync(e => e.ReversesEntryId == entryId, ct))
            return PostingOutcome.Refused(LedgerError.AlreadyReversed, $"entry {entryId} is already reversed");
        var itemIds = original.Lines.Where(l => l.OpenItemId != null).Select(l => l.OpenItemId!.Value)
            .Distinct().ToList();
        await db.OpenItems.Where(o => itemIds.Contains(o.Id)).LoadAsync(ct);
        var lines = original.Lines.OrderBy(l => l.LineNo).Select(l => new PostingLine(l.AccountId,
            new Money.Money(checked(-l.AmountMinor), Currency.Of(l.Currency)), l.CustomerId, l.OpenItemId,
            checked(-l.FunctionalMinor))).ToList();
        var journal = new Journal(db, clock, actor);
        var (entry, error, detail) = await journal.PostAsync(reversalId, original.LegalEntityId, date,
            original.Kind + ".reversal", $"Reversal of {original.Memo}: {reason}", lines, original.Source,
            reverses: original.Id, ct: ct);
        if (entry is null) { db.ChangeTracker.Clear(); return PostingOutcome.Refused(error!.Value, detail); }
        await db.SaveChangesAsync(ct);
        return PostingOutcome.Posted(entry.Id);
    }
}
