using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.Ledger;

public sealed record JournalLineDto(int LineNo, string Account, string Currency, decimal Amount,
    long FunctionalMinor, string? CustomerId);

/// <summary>An entry with its lines and whether its seal in the entity's hash chain verifies.</summary>
public sealed record JournalEntryDto(Guid Id, string LegalEntityId, DateOnly PostingDate, string Kind, string Memo,
    string? Source, Guid? ReversesEntryId, string CreatedBy, DateTimeOffset CreatedAt, string HashStatus,
    long? Sequence, IReadOnlyList<JournalLineDto> Lines);

/// <summary>/api/v1/journal and /api/v1/trial-balance: the ledger, read-only.</summary>
public static class LedgerApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/journal", ListAsync).WithTags("Ledger")
            .WithSummary("Journal entries, newest first, with lines and hash status (verified, unsealed, broken)");
        api.MapGet("/journal/{id:guid}", GetAsync).WithTags("Ledger").WithSummary("One journal entry");
        api.MapGet("/trial-balance", TrialBalanceAsync).WithTags("Ledger")
            .WithSummary("Balances per entity, account and currency as of a date");
    }

    public static IQueryable<JournalEntry> Entries(O2cDb db, UserScope scope, string? entity, string? kind,
        string? search)
    {
        var q = db.JournalEntries.AsNoTracking().Visible(scope, e => e.LegalEntityId);
        if (!string.IsNullOrWhiteSpace(entity)) q = q.Where(e => e.LegalEntityId == entity);
        if (!string.IsNullOrWhiteSpace(kind)) q = q.Where(e => e.Kind == kind);
        if (!string.IsNullOrWhiteSpace(search))
            q = q.Where(e => e.Memo.ToLower().Contains(search.ToLower()) || (e.Source != null && e.Source == search));
        return q.OrderByDescending(e => e.PostingDate).ThenByDescending(e => e.Id);
    }

    /// <summary>Loads the lines, account names and seals of a page of entries, and checks each seal's hash.</summary>
    public static async Task<List<JournalEntryDto>> DescribeAsync(O2cDb db, IReadOnlyList<JournalEntry> entries,
        CancellationToken ct)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var lines = (await db.JournalLines.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToListAsync(ct))
            .ToLookup(l => l.EntryId);
        var seals = await db.ChainSeals.AsNoTracking().Where(s => ids.Contains(s.EntryId))
            .ToDictionaryAsync(s => s.EntryId, ct);
        var accountIds = lines.SelectMany(g => g).Select(l => l.AccountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Code + " " + a.Name, ct);
        return entries.Select(e =>
        {
            var own = lines[e.Id].OrderBy(l => l.LineNo).ToList();
            var full = new JournalEntry
            {
                Id = e.Id, LegalEntityId = e.LegalEntityId, PostingDate = e.PostingDate, Kind = e.Kind, Memo = e.Memo,
                Source = e.Source, ReversesEntryId = e.ReversesEntryId, CreatedAt = e.CreatedAt,
                CreatedBy = e.CreatedBy, Lines = own,
            };
            var status = !seals.TryGetValue(e.Id, out var seal) ? "unsealed"
                : ChainHash.Compute(full, seal.Sequence, seal.PreviousHash) == seal.Hash ? "verified" : "broken";
            return new JournalEntryDto(e.Id, e.LegalEntityId, e.PostingDate, e.Kind, e.Memo, e.Source,
                e.ReversesEntryId, e.CreatedBy, e.CreatedAt, status, seal?.Sequence,
                own.Select(l =>
                {
                    var per = (decimal)Money.Currency.Of(l.Currency).MinorPerMajor;
                    return new JournalLineDto(l.LineNo, accounts.GetValueOrDefault(l.AccountId, "?"), l.Currency,
                        l.AmountMinor / per, l.FunctionalMinor, l.CustomerId);
                }).ToList());
        }).ToList();
    }

    private static async Task<IResult> ListAsync(O2cDb db, HttpContext http, string? entity, string? kind,
        string? search, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Paging.IsValid(cursor))
            return new Validation().Check(false, "cursor", "not a cursor this API returned").Problem();
        var page = await Paging.ReadAsync(Entries(db, UserScope.Of(http.User), entity, kind, search), cursor, limit,
            ct);
        return Results.Ok(new Page<JournalEntryDto>(await DescribeAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<IResult> GetAsync(O2cDb db, HttpContext http, Guid id, CancellationToken ct)
    {
        var e = await db.JournalEntries.AsNoTracking().Visible(UserScope.Of(http.User), x => x.LegalEntityId)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        return e is null ? Problems.NotFound("journal entry", id.ToString())
            : Results.Ok((await DescribeAsync(db, [e], ct))[0]);
    }

    private static async Task<IResult> TrialBalanceAsync(O2cDb db, HttpContext http, DateOnly? asOf,
        CancellationToken ct)
    {
        var scope = UserScope.Of(http.User);
        var rows = await new TrialBalance(db).ExecuteAsync(asOf, ct);
        return Results.Ok(rows.Where(r => scope.Sees(r.LegalEntity)).Select(r =>
        {
            var per = (decimal)Money.Currency.Of(r.Currency).MinorPerMajor;
            return new
            {
                r.LegalEntity, r.AccountCode, r.AccountName, Role = r.Role.ToString(), r.Currency,
                Debit = r.DebitMinor / per, Credit = r.CreditMinor / per, Balance = r.BalanceMinor / per,
                r.FunctionalCurrency,
                FunctionalBalance =
                    r.FunctionalBalanceMinor / (decimal)Money.Currency.Of(r.FunctionalCurrency).MinorPerMajor,
            };
        }));
    }
}
