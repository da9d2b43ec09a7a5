using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Dashboard;

public sealed record ArByCurrency(string LegalEntityId, string Currency, decimal OpenAr, decimal PastDue,
    int OpenItems);

public sealed record ArMonth(string LegalEntityId, string Currency, string Month, decimal Balance);

public sealed record DashboardFigures(DateOnly AsOf, IReadOnlyList<ArByCurrency> Ar, IReadOnlyList<ArMonth> ByMonth,
    int PendingApprovals, int Customers);

/// <summary>
/// The dashboard's figures, read from the ledger: open AR by entity and currency, AR at each month end.
/// </summary>
public static class DashboardFiguresQuery
{
    public static async Task<DashboardFigures> ReadAsync(O2cDb db, UserScope scope, DateOnly asOf, CancellationToken ct)
    {
        var items = db.OpenItems.AsNoTracking().Visible(scope, o => o.LegalEntityId)
            .Where(o => o.OpenMinor != 0 && (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.CreditMemo
                                             || o.Kind == OpenItemKind.DebitMemo));
        var ar = await items.GroupBy(o => new { o.LegalEntityId, o.Currency }).Select(g => new
        {
            g.Key.LegalEntityId, g.Key.Currency, Open = g.Sum(o => o.OpenMinor),
            PastDue = g.Sum(o => o.DueDate < asOf ? o.OpenMinor : 0), Count = g.Count(),
        }).ToListAsync(ct);

        // AR control in the functional currency at each of the last 12 month ends: daily sums, accumulated here.
        var first = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-11);
        var arAccounts = db.Accounts.Where(a => a.Role == AccountRole.ArControl).Select(a => a.Id);
        var daily = await (from l in db.JournalLines.AsNoTracking()
                join e in db.JournalEntries on l.EntryId equals e.Id
                where arAccounts.Contains(l.AccountId)
                group l.FunctionalMinor by new { e.LegalEntityId, e.PostingDate } into g
                select new { g.Key.LegalEntityId, g.Key.PostingDate, Sum = g.Sum() })
            .Visible(scope, x => x.LegalEntityId).ToListAsync(ct);
        var functional = await db.LegalEntities.AsNoTracking()
            .ToDictionaryAsync(e => e.Id, e => e.FunctionalCurrency, ct);
        var months = new List<ArMonth>();
        foreach (var entity in daily.Select(d => d.LegalEntityId).Distinct().Order())
        {
            var currency = Money.Currency.Of(functional[entity]);
            for (var m = first; m <= asOf; m = m.AddMonths(1))
            {
                var end = m.AddMonths(1).AddDays(-1);
                var balance = daily.Where(d => d.LegalEntityId == entity && d.PostingDate <= end).Sum(d => d.Sum);
                months.Add(new ArMonth(entity, currency.Code, $"{m:yyyy-MM}",
                    balance / (decimal)currency.MinorPerMajor));
            }
        }
        var pending = await db.ApprovalRequests.Visible(scope, r => r.LegalEntityId)
            .CountAsync(r => r.Status == OrderToCash.Approvals.ApprovalStatus.Pending, ct);
        var customers = await db.Customers.Visible(scope, c => c.LegalEntityId).CountAsync(ct);
        return new DashboardFigures(asOf, ar.OrderBy(x => x.LegalEntityId).ThenBy(x => x.Currency).Select(x =>
        {
            var per = (decimal)Money.Currency.Of(x.Currency).MinorPerMajor;
            return new ArByCurrency(x.LegalEntityId, x.Currency, x.Open / per, x.PastDue / per, x.Count);
        }).ToList(), months, pending, customers);
    }
}

/// <summary>/api/v1/dashboard.</summary>
public static class DashboardApi
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dashboard", (O2cDb db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
                DashboardFiguresQuery.ReadAsync(db, UserScope.Of(http.User),
                    DateOnly.FromDateTime(clock.GetLocalNow().Date), ct))
            .WithTags("Dashboard").WithSummary("Open AR by entity and currency, AR by month, pending approvals");
}
