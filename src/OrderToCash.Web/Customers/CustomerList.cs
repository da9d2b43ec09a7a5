using Microsoft.EntityFrameworkCore;
using OrderToCash.Customers;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Customers;

/// <summary>One grid row: the master fields a person scans, and the open balance in the customer's currency.</summary>
public sealed record CustomerRow(string Id, string Name, string LegalEntityId, string Currency, string Status,
    string PaymentTerms, decimal? CreditLimit, decimal OpenBalance, string? Email);

/// <summary>What the grid, the list endpoint and the Excel export filter and sort by.</summary>
public sealed record CustomerFilter(string? Search = null, string? Entity = null, string? Currency = null,
    string? Status = null, string? Sort = null, bool Descending = false)
{
    public static readonly string[] SortFields = ["id", "name", "entity", "currency", "status", "openBalance"];
}

/// <summary>
/// The customer list as one query (filter, sort, balance per customer) that the database pages, so the grid stays
/// fast at a million customers. Pages and the API both read through it.
/// </summary>
public static class CustomerList
{
    public static IQueryable<CustomerRow> Query(O2cDb db, UserScope scope, CustomerFilter f)
    {
        var customers = db.Customers.AsNoTracking().Visible(scope, c => c.LegalEntityId);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim().ToLower();
            customers = customers.Where(c => c.Id.ToLower().Contains(s) || c.Name.ToLower().Contains(s)
                                             || (c.Email != null && c.Email.ToLower().Contains(s)));
        }
        if (!string.IsNullOrWhiteSpace(f.Entity)) customers = customers.Where(c => c.LegalEntityId == f.Entity);
        if (!string.IsNullOrWhiteSpace(f.Currency)) customers = customers.Where(c => c.Currency == f.Currency);
        if (Enum.TryParse<CustomerStatus>(f.Status, true, out var status))
            customers = customers.Where(c => c.Status == status);

        var rows = customers.Select(c => new
        {
            c,
            Open = db.OpenItems.Where(o => o.CustomerId == c.Id && o.Kind != OpenItemKind.Receipt
                                           && o.Currency == c.Currency).Sum(o => (long?)o.OpenMinor) ?? 0,
        });
        rows = (f.Sort ?? "id", f.Descending) switch
        {
            ("name", false) => rows.OrderBy(x => x.c.Name).ThenBy(x => x.c.Id),
            ("name", true) => rows.OrderByDescending(x => x.c.Name).ThenBy(x => x.c.Id),
            ("entity", false) => rows.OrderBy(x => x.c.LegalEntityId).ThenBy(x => x.c.Id),
            ("entity", true) => rows.OrderByDescending(x => x.c.LegalEntityId).ThenBy(x => x.c.Id),
            ("currency", false) => rows.OrderBy(x => x.c.Currency).ThenBy(x => x.c.Id),
            ("currency", true) => rows.OrderByDescending(x => x.c.Currency).ThenBy(x => x.c.Id),
            ("status", false) => rows.OrderBy(x => x.c.Status).ThenBy(x => x.c.Id),
            ("status", true) => rows.OrderByDescending(x => x.c.Status).ThenBy(x => x.c.Id),
            ("openBalance", false) => rows.OrderBy(x => x.Open).ThenBy(x => x.c.Id),
            ("openBalance", true) => rows.OrderByDescending(x => x.Open).ThenBy(x => x.c.Id),
            (_, true) => rows.OrderByDescending(x => x.c.Id),
            _ => rows.OrderBy(x => x.c.Id),
        };
        // Amounts stay in minor units in SQL (integers sum and sort on both providers); ToMajor converts per row.
        return rows.Select(x => new CustomerRow(x.c.Id, x.c.Name, x.c.LegalEntityId, x.c.Currency,
            x.c.Status.ToString(), x.c.PaymentTerms, x.c.CreditLimitMinor, x.Open, x.c.Email));
    }

    /// <summary>Minor → major units for display and export, by the currency's exponent.</summary>
    public static CustomerRow ToMajor(CustomerRow r)
    {
        var per = Money.Currency.TryParse(r.Currency, out var c) ? c.MinorPerMajor : 100;
        return r with { CreditLimit = r.CreditLimit / per, OpenBalance = r.OpenBalance / per };
    }

    public static async Task<(List<CustomerRow> Rows, int Total)> PageAsync(O2cDb db, UserScope scope,
        CustomerFilter f, int page, int pageSize, CancellationToken ct)
    {
        var q = Query(db, scope, f);
        var total = await q.CountAsync(ct);
        var rows = await q.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows.Select(ToMajor).ToList(), total);
    }
}
