using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Customers;

/// <summary>
/// The parts of one customer's page (open items, ledger lines, activity), for the page and the API alike.
/// </summary>
public static class CustomerRecord
{
    public static async Task<Page<OpenItemDto>> OpenItemsAsync(O2cDb db, string id, bool all, string? cursor,
        int? limit, CancellationToken ct)
    {
        var q = db.OpenItems.AsNoTracking().Where(o => o.CustomerId == id);
        if (!all) q = q.Where(o => o.OpenMinor != 0);
        var page = await Paging.ReadAsync(q.OrderBy(o => o.DueDate).ThenBy(o => o.Id), cursor, limit, ct);
        return new Page<OpenItemDto>(page.Items.Select(o =>
        {
            var per = (decimal)Money.Currency.Of(o.Currency).MinorPerMajor;
            return new OpenItemDto(o.Id, o.Kind.ToString(), o.Number, o.PoNumber, o.DocumentDate, o.DueDate,
                o.Currency, o.OriginalMinor / per, o.OpenMinor / per);
        }).ToList(), page.NextCursor);
    }

    public static async Task<Page<LedgerLineDto>> LedgerLinesAsync(O2cDb db, string id, string? cursor, int? limit,
        CancellationToken ct)
    {
        var q = from l in db.JournalLines.AsNoTracking()
            join e in db.JournalEntries on l.EntryId equals e.Id
            join a in db.Accounts on l.AccountId equals a.Id
            where l.CustomerId == id
            orderby e.PostingDate descending, e.CreatedAt descending, l.LineNo
            select new
            {
                e.Id, e.PostingDate, e.Kind, e.Memo, Account = a.Code + " " + a.Name, l.Currency, l.AmountMinor
            };
        var page = await Paging.ReadAsync(q, cursor, limit, ct);
        return new Page<LedgerLineDto>(page.Items.Select(x => new LedgerLineDto(x.Id, x.PostingDate, x.Kind,
            x.Memo, x.Account, x.Currency, x.AmountMinor / (decimal)Money.Currency.Of(x.Currency).MinorPerMajor))
            .ToList(), page.NextCursor);
    }

    public static async Task<Page<ActivityDto>> ActivityAsync(O2cDb db, string id, string? cursor, int? limit,
        CancellationToken ct)
    {
        var q = db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "customer" && a.EntityId == id)
            .OrderByDescending(a => a.Id);
        var page = await Paging.ReadAsync(q, cursor, limit, ct);
        return new Page<ActivityDto>(page.Items.Select(a => new ActivityDto(a.At, a.Actor, a.Action,
            a.Before, a.After)).ToList(), page.NextCursor);
    }
}
