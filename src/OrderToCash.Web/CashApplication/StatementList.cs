using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

/// <summary>One imported statement with its balance check and how many of its lines stand in each status.</summary>
public sealed record StatementRow(Guid Id, string LegalEntityId, string Account, string Currency, string Format,
    string? StatementId, DateOnly? FromDate, DateOnly? ToDate, int Entries, string BalanceCheck, decimal? Opening,
    decimal? Closing, DateTimeOffset ImportedAt, string FileName, IReadOnlyDictionary<string, int> Lines);

/// <summary>One stored proposal row of a line: an invoice, the amount, the matcher's confidence and reason.</summary>
public sealed record ProposalRow(int RowNo, string CustomerId, string InvoiceNumber, decimal Amount, string Currency,
    string Status, decimal Confidence, string Reason);

/// <summary>One statement line as the clerk works it, with its stored proposals.</summary>
public sealed record LineRow(Guid Id, Guid StatementId, string LegalEntityId, int Position, string? BankReference,
    DateOnly BookingDate, decimal Amount, string Currency, string Status, string? CounterpartyName,
    string? CounterpartyAccount, string? Remittance, string? CustomerId, IReadOnlyList<ProposalRow> Proposals)
{
    /// <summary>What the payer instructed before the bank converted it, when the statement says so.</summary>
    public decimal? InstructedAmount { get; init; }
    public string? InstructedCurrency { get; init; }
}

/// <summary>
/// The workbench's reads (statements, their lines, the exception queue) as ordered queries the database pages,
/// scoped to the person's entities. The API and the Workbench page both read through it.
/// </summary>
public static class StatementList
{
    /// <summary>What a clerk still has to decide: suggestions, unknown payers, unapplied cash, wrong pockets.</summary>
    public static readonly StatementLineStatus[] ExceptionStatuses =
    [
        StatementLineStatus.Suggested, StatementLineStatus.Unidentified, StatementLineStatus.Unapplied,
        StatementLineStatus.WrongPocket,
    ];

    /// <summary>The status as applications.csv writes it: suggested, wrong_pocket, on_account, ...</summary>
    public static string Name(StatementLineStatus s) => s switch
    {
        StatementLineStatus.WrongPocket => "wrong_pocket",
        StatementLineStatus.OnAccount => "on_account",
        _ => s.ToString().ToLowerInvariant(),
    };

    private static decimal Major(long minor, string currency) =>
        minor / (decimal)(Money.Currency.TryParse(currency, out var c) ? c.MinorPerMajor : 100);

    public static IQueryable<BankStatement> Statements(O2cDb db, UserScope scope) =>
        db.BankStatements.AsNoTracking().Visible(scope, s => s.LegalEntityId)
            .OrderByDescending(s => s.ImportedAt).ThenByDescending(s => s.Position).ThenBy(s => s.Id);

    /// <summary>Adds the per-status line counts to a page of statements (one grouped query).</summary>
    public static async Task<List<StatementRow>> ToRowsAsync(O2cDb db, IReadOnlyList<BankStatement> page,
        CancellationToken ct)
    {
        var ids = page.Select(s => s.Id).ToList();
        var counts = (await db.StatementLines.AsNoTracking().Where(l => ids.Contains(l.StatementId))
                .GroupBy(l => new { l.StatementId, l.Status })
                .Select(g => new { g.Key.StatementId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.StatementId);
        return page.Select(s => new StatementRow(s.Id, s.LegalEntityId, s.Account, s.Currency, s.Format,
            s.StatementId, s.FromDate, s.ToDate, s.Entries, s.BalanceCheck.ToString(),
            s.OpeningBalanceMinor is { } o ? Major(o, s.Currency) : null,
            s.ClosingBalanceMinor is { } c ? Major(c, s.Currency) : null, s.ImportedAt, s.FileName,
            counts[s.Id].OrderBy(x => x.Status).ToDictionary(x => Name(x.Status), x => x.Count))).ToList();
    }

    public static IQueryable<StatementLine> Lines(O2cDb db, UserScope scope, Guid statementId) =>
        db.StatementLines.AsNoTracking().Visible(scope, l => l.LegalEntityId)
            .Where(l => l.StatementId == statementId)
            .OrderBy(l => l.Position).ThenBy(l => l.BatchTransactionIndex).ThenBy(l => l.Id);

    /// <summary>
    /// Open receipts, the largest first, then the oldest. Amounts compare in minor units across currencies: good
    /// enough to put the big ones on top of a mostly one-currency queue.
    /// </summary>
    public static IQueryable<StatementLine> Exceptions(O2cDb db, UserScope scope, string? search = null,
        string? sort = null, bool descending = false)
    {
        var lines = db.StatementLines.AsNoTracking().Visible(scope, l => l.LegalEntityId)
            .Where(l => l.AmountMinor > 0 && ExceptionStatuses.Contains(l.Status));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            lines = lines.Where(l => (l.BankReference ?? "").ToLower().Contains(s)
                                     || (l.CounterpartyName ?? "").ToLower().Contains(s)
                                     || (l.Remittance ?? "").ToLower().Contains(s)
                                     || (l.CustomerId ?? "").ToLower().Contains(s));
        }
        return (sort, descending) switch
        {
            ("amount", false) => lines.OrderBy(l => l.AmountMinor).ThenBy(l => l.BookingDate).ThenBy(l => l.Id),
            ("date", false) => lines.OrderBy(l => l.BookingDate).ThenByDescending(l => l.AmountMinor)
                .ThenBy(l => l.Id),
            ("date", true) => lines.OrderByDescending(l => l.BookingDate).ThenByDescending(l => l.AmountMinor)
                .ThenBy(l => l.Id),
            ("status", _) => (descending ? lines.OrderByDescending(l => l.Status) : lines.OrderBy(l => l.Status))
                .ThenByDescending(l => l.AmountMinor).ThenBy(l => l.Id),
            ("payer", _) => (descending ? lines.OrderByDescending(l => l.CounterpartyName)
                    : lines.OrderBy(l => l.CounterpartyName)).ThenByDescending(l => l.AmountMinor).ThenBy(l => l.Id),
            ("customer", _) => (descending ? lines.OrderByDescending(l => l.CustomerId)
                    : lines.OrderBy(l => l.CustomerId)).ThenByDescending(l => l.AmountMinor).ThenBy(l => l.Id),
            _ => lines.OrderByDescending(l => l.AmountMinor).ThenBy(l => l.BookingDate).ThenBy(l => l.Id),
        };
    }

    /// <summary>The exception grid's sort keys (API ?sort=).</summary>
    public static readonly string[] ExceptionSorts = ["amount", "date", "status", "payer", "customer"];

    /// <summary>Adds the stored proposals to a page of lines (one query).</summary>
    public static async Task<List<LineRow>> ToRowsAsync(O2cDb db, IReadOnlyList<StatementLine> page,
        CancellationToken ct)
    {
        var ids = page.Select(l => l.Id).ToList();
        var proposals = (await db.CashApplicationRows.AsNoTracking().Where(r => ids.Contains(r.StatementLineId))
            .ToListAsync(ct)).ToLookup(r => r.StatementLineId);
        return page.Select(l => new LineRow(l.Id, l.StatementId, l.LegalEntityId, l.Position, l.BankReference,
            l.BookingDate, Major(l.AmountMinor, l.Currency), l.Currency, Name(l.Status), l.CounterpartyName,
            l.CounterpartyAccount, l.Remittance, l.CustomerId,
            proposals[l.Id].OrderBy(r => r.RowNo).Select(r => new ProposalRow(r.RowNo, r.CustomerId,
                r.InvoiceNumber, Major(r.AppliedMinor, r.Currency), r.Currency, r.Status, r.Confidence, r.Reason))
                .ToList())
        {
            InstructedAmount = l is { InstructedMinor: { } minor, InstructedCurrency: { } code } ? Major(minor, code)
                : null,
            InstructedCurrency = l.InstructedCurrency,
        }).ToList();
    }

    /// <summary>A grid page (page number and size, as MudDataGrid asks) of an ordered query.</summary>
    public static async Task<(List<T> Rows, int Total)> PageAsync<T>(IQueryable<T> ordered, int page, int size,
        CancellationToken ct) =>
        (await ordered.Skip(page * size).Take(size).ToListAsync(ct), await ordered.CountAsync(ct));
}
