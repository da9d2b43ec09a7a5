using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

/// <summary>An invoice (or debit memo, deduction) a clerk may pick for a receipt, with what is still open.</summary>
public sealed record PickableItem(Guid Id, string CustomerId, string CustomerName, string Kind, string Number,
    DateOnly DueDate, decimal Open, decimal Original, string Currency)
{
    public static PickableItem Of(PickableRow r)
    {
        var c = Money.Currency.Of(r.Currency);
        return new(r.Id, r.CustomerId, r.CustomerName, r.Kind.ToString(), r.Number, r.DueDate,
            Money.Amounts.ToMajor(r.OpenMinor, c), Money.Amounts.ToMajor(r.OriginalMinor, c), r.Currency);
    }
}

/// <summary>A pickable item as the database pages it (minor units).</summary>
public sealed record PickableRow(Guid Id, string CustomerId, string CustomerName, OpenItemKind Kind, string Number,
    DateOnly DueDate, long OpenMinor, long OriginalMinor, string Currency);

/// <summary>One invoice of an application: the cash applied and what the application settled in all.</summary>
public sealed record AppliedInvoice(string CustomerId, string Number, decimal Cash, decimal Settled);

/// <summary>An application of a receipt, with its reversal when it was unapplied.</summary>
public sealed record ApplicationRow(Guid EntryId, DateOnly Date, string By, string Memo,
    IReadOnlyList<AppliedInvoice> Invoices, Guid? ReversedBy);

/// <summary>A receipt as the clerk works it: the line, the cash still unapplied, and its applications.</summary>
public sealed record ReceiptDetail(LineRow Line, decimal Unapplied, decimal Refunded, string? CustomerName,
    IReadOnlyList<ApplicationRow> Applications);

/// <summary>A bank account the person may reconcile or pay refunds from.</summary>
public sealed record BankAccountRow(Guid Id, string LegalEntityId, string AccountNumber, string Currency,
    string? Name);

/// <summary>
/// The reads behind working one receipt: its detail and history, and the open invoices to pick from (any customer
/// of the receipt's entity, in its currency). Scoped to the person's entities. The API and the page share it.
/// </summary>
public static class ReceiptWork
{
    public static async Task<StatementLine?> LineAsync(O2cDb db, UserScope scope, Guid id, CancellationToken ct) =>
        await db.StatementLines.AsNoTracking().Visible(scope, l => l.LegalEntityId)
            .FirstOrDefaultAsync(l => l.Id == id, ct);

    public static async Task<ReceiptDetail> DetailAsync(O2cDb db, StatementLine line, CancellationToken ct)
    {
        var row = (await StatementList.ToRowsAsync(db, [line], ct))[0];
        var currency = Money.Currency.Of(line.Currency);
        decimal Major(long minor) => Money.Amounts.ToMajor(minor, currency);
        var applications = new List<ApplicationRow>();
        long unapplied = line.ReceiptOpenItemId is null ? 0 : line.AmountMinor, refunded = 0;
        if (line.ReceiptOpenItemId is { } receiptId)
        {
            unapplied = -await db.OpenItems.AsNoTracking().Where(o => o.Id == receiptId).Select(o => o.OpenMinor)
                .FirstAsync(ct);
            var entryIds = await db.JournalLines.AsNoTracking().Where(l => l.OpenItemId == receiptId)
                .Select(l => l.EntryId).Distinct().ToListAsync(ct);
            var entries = await db.JournalEntries.AsNoTracking()
                .Where(e => entryIds.Contains(e.Id) && e.Kind == "application").OrderBy(e => e.CreatedAt)
                .ToListAsync(ct);
            var reversals = await db.JournalEntries.AsNoTracking()
                .Where(e => e.ReversesEntryId != null && entryIds.Contains(e.ReversesEntryId.Value))
                .ToDictionaryAsync(e => e.ReversesEntryId!.Value, e => e.Id, ct);
            refunded = await db.JournalLines.AsNoTracking()
                .Where(l => l.OpenItemId == receiptId && l.AmountMinor > 0)
                .Join(db.JournalEntries.Where(e => e.Kind == "refund"), l => l.EntryId, e => e.Id,
                    (l, e) => l.AmountMinor)
                .SumAsync(ct);
            var live = (await new ReadReceiptApplications(db).ExecuteAsync(receiptId, includeReversed: true, ct))
                .ToDictionary(a => a.Entry.Id);
            foreach (var e in entries)
            {
                var invoices = live.TryGetValue(e.Id, out var l)
                    ? l.Items.Select(i => new AppliedInvoice(i.CustomerId, i.Number, Major(i.CashMinor),
                        Major(i.SettledMinor))).ToList()
                    : [];
                applications.Add(new ApplicationRow(e.Id, e.PostingDate, e.CreatedBy, e.Memo, invoices,
                    reversals.TryGetValue(e.Id, out var r) ? r : null));
            }
        }
        var customerName = line.CustomerId is null ? null
            : await db.Customers.AsNoTracking().Where(c => c.Id == line.CustomerId).Select(c => c.Name)
                .FirstOrDefaultAsync(ct);
        return new ReceiptDetail(row, Major(unapplied), Major(refunded), customerName, applications);
    }

    /// <summary>
    /// Open invoices of the line's entity and currency: the payer's own first when it is known, then by due date.
    /// <paramref name="search"/> looks in the number, the customer id and the customer's name.
    /// </summary>
    public static IQueryable<PickableRow> Pickable(O2cDb db, StatementLine line, string? customerId, string? search)
    {
        var items = db.OpenItems.AsNoTracking()
            .Where(o => o.LegalEntityId == line.LegalEntityId && o.Currency == line.Currency && o.OpenMinor > 0
                        && (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.DebitMemo
                            || o.Kind == OpenItemKind.Deduction));
        if (!string.IsNullOrWhiteSpace(customerId)) items = items.Where(o => o.CustomerId == customerId);
        var rows = from o in items
            join c in db.Customers.AsNoTracking() on o.CustomerId equals c.Id
            select new { o, c.Name };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            rows = rows.Where(x => x.o.Number.ToLower().Contains(s) || x.o.CustomerId.ToLower().Contains(s)
                                   || x.Name.ToLower().Contains(s));
        }
        var payer = line.CustomerId ?? "";
        return rows.OrderBy(x => x.o.CustomerId == payer ? 0 : 1).ThenBy(x => x.o.DueDate).ThenBy(x => x.o.Number)
            .ThenBy(x => x.o.Id)
            .Select(x => new PickableRow(x.o.Id, x.o.CustomerId, x.Name, x.o.Kind, x.o.Number, x.o.DueDate,
                x.o.OpenMinor, x.o.OriginalMinor, x.o.Currency));
    }

    public static IQueryable<BankAccountRow> BankAccounts(O2cDb db, UserScope scope) =>
        db.BankAccounts.AsNoTracking().Visible(scope, b => b.LegalEntityId)
            .OrderBy(b => b.LegalEntityId).ThenBy(b => b.AccountNumber).ThenBy(b => b.Currency)
            .Select(b => new BankAccountRow(b.Id, b.LegalEntityId, b.AccountNumber, b.Currency, b.Name));

    /// <summary>The account of the latest statement the person may see: what a clerk works on first.</summary>
    public static Task<Guid> LatestBankAccountAsync(O2cDb db, UserScope scope, CancellationToken ct) =>
        db.BankStatements.AsNoTracking().Visible(scope, s => s.LegalEntityId).OrderByDescending(s => s.ImportedAt)
            .Select(s => s.BankAccountId).FirstOrDefaultAsync(ct);

    /// <summary>Major units from the API to minor units; null when it has more decimals than the currency.</summary>
    public static long? ToMinor(decimal? major, string currency)
    {
        if (major is null) return 0;
        var minor = major.Value * Money.Currency.Of(currency).MinorPerMajor;
        return minor == decimal.Truncate(minor) && minor is >= long.MinValue and <= long.MaxValue ? (long)minor : null;
    }
}
