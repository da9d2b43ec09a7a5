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
            foreach (var (entry, items) in await new ReadReceiptApplications(db).ExecuteAsync(receiptId, ct: ct))
                rows.AddRange(items.Select(i => (i.CustomerId, i.Number, i.CashMinor, "applied", entry.Memo)));
            var unapplied = await new ReadReceiptApplications(db).UnappliedAsync(receiptId, ct);
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
}
