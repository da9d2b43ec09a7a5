using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication;

/// <summary>
/// After a person applied or unapplied a receipt, rewrites its applications.csv rows from the ledger: one row per
/// invoice of each application that is not reversed (cash applied), and one for the cash still unapplied (on account
/// or unapplied). Sets the line's status. Part of the caller's transaction; saves once.
/// </summary>
internal sealed class RewriteReceiptRows(O2cDb db, TimeProvider clock)
{
    public async Task ExecuteAsync(Guid lineId, StatementLineStatus status, CancellationToken ct)
    {
        var line = await db.StatementLines.FirstAsync(l => l.Id == lineId, ct);
        var rows = new List<(string Customer, string Invoice, long Minor, string Status, string Reason)>();
        if (line.ReceiptOpenItemId is { } receiptId)
        {
            foreach (var (entry, items) in await LiveApplicationsAsync(db, receiptId, ct))
                rows.AddRange(items.Select(i => (i.CustomerId, i.Number, i.CashMinor, "applied", entry.Memo)));
            var unapplied = -await db.OpenItems.Where(o => o.Id == receiptId).Select(o => o.OpenMinor)
                .FirstAsync(ct);
            if (unapplied != 0 || rows.Count == 0)
                rows.Add((line.CustomerId ?? "", "", unapplied,
                    status == StatementLineStatus.OnAccount ? "on_account" : "unapplied",
                    status == StatementLineStatus.OnAccount ? "left on account by a person" : "payer identified"));
        }
        await db.CashApplicationRows.Where(r => r.StatementLineId == lineId).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.CashApplicationRows.AddRange(rows.Select((r, i) => new CashApplicationRow
        {
            StatementLineId = lineId, RowNo = i + 1, CustomerId = r.Customer, InvoiceNumber = r.Invoice,
            AppliedMinor = r.Minor, Currency = line.Currency, Status = r.Status, Confidence = 1m,
            Reason = r.Reason.Length > 500 ? r.Reason[..500] : r.Reason, RunAt = now,
        }));
        line.Status = status;
        await db.SaveChangesAsync(ct);
    }

    public sealed record AppliedItem(Guid OpenItemId, string CustomerId, string Number, long CashMinor,
        long SettledMinor);

    /// <summary>
    /// The applications of a receipt item that are not reversed, oldest first, with the invoices each settled. The
    /// cash per invoice is what the entry took off the invoice less what it wrote off, discounted or moved to a
    /// deduction: <see cref="ApplyCash"/> writes those lines right after their invoice's line.
    /// </summary>
    public static async Task<List<(JournalEntry Entry, List<AppliedItem> Items)>> LiveApplicationsAsync(O2cDb db,
        Guid receiptItemId, CancellationToken ct)
    {
        var entryIds = await db.JournalLines.AsNoTracking().Where(l => l.OpenItemId == receiptItemId)
            .Select(l => l.EntryId).Distinct().ToListAsync(ct);
        var entries = await db.JournalEntries.AsNoTracking()
            .Where(e => entryIds.Contains(e.Id) && e.Kind == "application").ToListAsync(ct);
        var reversed = (await db.JournalEntries.AsNoTracking()
            .Where(e => e.ReversesEntryId != null && entryIds.Contains(e.ReversesEntryId.Value))
            .Select(e => e.ReversesEntryId!.Value).ToListAsync(ct)).ToHashSet();
        entries = entries.Where(e => !reversed.Contains(e.Id)).OrderBy(e => e.CreatedAt).ToList();
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
