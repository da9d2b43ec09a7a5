using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

/// <summary>One invoice an application settled: the cash applied and the whole amount taken off it.</summary>
public sealed record AppliedItem(Guid OpenItemId, string CustomerId, string Number, long CashMinor,
    long SettledMinor);

/// <summary>Reads the applications of a receipt that are still in force, from the journal.</summary>
public sealed class ReadReceiptApplications(O2cDb db)
{
    /// <summary>The cash of a receipt item still unapplied (its open balance, sign turned); 0 without
    /// one.</summary>
    public async Task<long> UnappliedAsync(Guid? receiptItemId, CancellationToken ct = default) =>
        receiptItemId is null ? 0
            : -await db.OpenItems.Where(o => o.Id == receiptItemId).Select(o => o.OpenMinor).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The applications of a receipt item that are not reversed, oldest first, with the invoices each settled. The
    /// cash per invoice is what the entry took off the invoice less what it wrote off, discounted or moved to a
    /// deduction: <see cref="ApplyCash"/> writes those lines right after their invoice's line.
    /// </summary>
    /// <param name="includeReversed">Also the applications that were unapplied (for the history).</param>
    public async Task<List<(JournalEntry Entry, List<AppliedItem> Items)>> ExecuteAsync(Guid receiptItemId,
        bool includeReversed = false, CancellationToken ct = default)
    {
        var entryIds = await db.JournalLines.AsNoTracking().Where(l => l.OpenItemId == receiptItemId)
            .Select(l => l.EntryId).Distinct().ToListAsync(ct);
        var entries = await db.JournalEntries.AsNoTracking()
            .Where(e => entryIds.Contains(e.Id) && e.Kind == "application").ToListAsync(ct);
        var reversed = (await db.JournalEntries.AsNoTracking()
            .Where(e => e.ReversesEntryId != null && entryIds.Contains(e.ReversesEntryId.Value))
            .Select(e => e.ReversesEntryId!.Value).ToListAsync(ct)).ToHashSet();
        entries = entries.Where(e => includeReversed || !reversed.Contains(e.Id)).OrderBy(e => e.CreatedAt).ToList();
        await SealChain.LoadLinesAsync(db, entries, ct);
        var itemIds = entries.SelectMany(e => e.Lines).Where(l => l.OpenItemId is not null)
            .Select(l => l.OpenItemId!.Value).Distinct().ToList();
        var items = await db.OpenItems.AsNoTracking().Where(o => itemIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var result = new List<(JournalEntry, List<AppliedItem>)>();
        foreach (var e in entries)
        {
            var applied = new List<AppliedItem>();
            foreach (var l in e.Lines.OrderBy(l => l.LineNo))
            {
                var item = l.OpenItemId is { } id ? items.GetValueOrDefault(id) : null;
                if (item is { Kind: OpenItemKind.Invoice or OpenItemKind.DebitMemo or OpenItemKind.Deduction }
                    && l.AmountMinor < 0)
                    applied.Add(new AppliedItem(item.Id, item.CustomerId, item.Number, -l.AmountMinor,
                        -l.AmountMinor));
                else if (applied.Count > 0 && l.AmountMinor > 0 && l.OpenItemId != receiptItemId)
                {
                    // A discount, write-off or deduction line belongs to the invoice line before it.
                    var last = applied[^1];
                    applied[^1] = last with { CashMinor = last.CashMinor - l.AmountMinor };
                }
            }
            result.Add((e, applied));
        }
        return result;
    }
}
