using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.LegalEntities;
using OrderToCash.Money;

namespace OrderToCash.Ledger;

/// <summary>
/// Writes journal entries into the caller's unit of work: checks the period, converts through
/// <see cref="Posting"/>, moves open-item balances, and refuses over-application. It never saves; the use case
/// that owns it saves once, in one transaction, after all its checks.
/// </summary>
public sealed class Journal(O2cDb db, TimeProvider clock, string actor)
{
    private readonly Dictionary<string, LegalEntity> _entities = new();
    private readonly Dictionary<string, HashSet<(int, int)>> _closed = new();
    private readonly Dictionary<int, Account> _accounts = new();
    private List<ExchangeRate>? _rates;
    private readonly HashSet<Guid> _posted = new();

    public string Actor => actor;
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Account> AccountAsync(string legalEntityId, AccountRole role, CancellationToken ct = default)
    {
        var account = _accounts.Values.FirstOrDefault(a => a.LegalEntityId == legalEntityId && a.Role == role)
            ?? await db.Accounts.Where(a => a.LegalEntityId == legalEntityId && a.Role == role)
                .OrderBy(a => a.Code).FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Legal entity {legalEntityId} has no {role} account.");
        _accounts[account.Id] = account;
        return account;
    }

    public async Task<LegalEntity?> EntityAsync(string legalEntityId, CancellationToken ct = default)
    {
        if (_entities.TryGetValue(legalEntityId, out var cached)) return cached;
        var entity = await db.LegalEntities.AsNoTracking().FirstOrDefaultAsync(e => e.Id == legalEntityId, ct);
        if (entity is not null) _entities[legalEntityId] = entity;
        return entity;
    }

    public async Task<bool> IsPeriodOpenAsync(string legalEntityId, DateOnly date, CancellationToken ct = default)
    {
        if (!_closed.TryGetValue(legalEntityId, out var closed))
        {
            var rows = await db.FiscalPeriods.AsNoTracking()
                .Where(p => p.LegalEntityId == legalEntityId && p.Status == PeriodStatus.Closed)
                .Select(p => new { p.Year, p.Month }).ToListAsync(ct);
            closed = rows.Select(r => (r.Year, r.Month)).ToHashSet();
            _closed[legalEntityId] = closed;
        }
        return !closed.Contains((date.Year, date.Month));
    }

    /// <summary>The rate to the entity's functional currency on a date, or null when none is on file.</summary>
    public async Task<decimal?> RateAsync(Currency from, Currency functional, DateOnly date,
        CancellationToken ct = default)
    {
        if (from == functional) return 1m;
        _rates ??= (await db.FxRates.AsNoTracking().ToListAsync(ct)).Select(r => r.ToValue()).ToList();
        return Conversion.FindRate(_rates, from, functional, date);
    }

    /// <summary>Indicative rates this unit of work added (see <see cref="RateOrIndicativeAsync"/>).</summary>
    public List<FxRate> IndicativeRatesAdded { get; } = [];

    /// <summary>
    /// The rate on file, or, when the pair has no rate on file at all (in either direction, on any date), an
    /// <see cref="IndicativeRates"/> one dated <paramref name="date"/>, added to this unit of work (saved with it,
    /// audited, and listed in <see cref="IndicativeRatesAdded"/>) so a database loaded from files alone can book
    /// foreign-currency items. Null only for a currency outside the indicative table.
    /// </summary>
    public async Task<decimal?> RateOrIndicativeAsync(Currency from, Currency functional, DateOnly date,
        CancellationToken ct = default)
    {
        var rate = await RateAsync(from, functional, date, ct);
        if (rate is not null) return rate;
        var indicative = IndicativeRates.Of(from, functional);
        if (indicative is null) return null;
        var row = new FxRate
        {
            FromCurrency = from.Code, ToCurrency = functional.Code, Date = date, Rate = indicative.Value,
            Source = IndicativeRates.Source,
        };
        db.FxRates.Add(row);
        _rates!.Add(row.ToValue());
        IndicativeRatesAdded.Add(row);
        new Audit.AuditTrail(db, clock, actor).Record("fx_rate.indicative", "fx_rate",
            $"{from.Code}/{functional.Code}/{date:yyyy-MM-dd}", null,
            new { Rate = indicative.Value, Source = row.Source });
        return indicative;
    }

    /// <summary>Posts one entry. Returns the named error instead when any check fails; nothing is changed
    /// then.</summary>
    /// <param name="isFreshId">The id cannot be on file: made by this process just now, or looked up in bulk by the
    /// caller.</param>
    /// <param name="items">The open items the lines name, when the caller holds them outside the change tracker (a
    /// bulk import writes its new items itself); otherwise they are found in the unit of work or the database.</param>
    public async Task<(JournalEntry? Entry, LedgerError? Error, string Detail)> PostAsync(
        Guid id, string legalEntityId, DateOnly postingDate, string kind, string memo,
        IReadOnlyList<PostingLine> lines, string? source = null, Guid? reverses = null, bool isFreshId = false,
        CancellationToken ct = default, IReadOnlyDictionary<Guid, OpenItem>? items = null)
    {
        // A fresh id (made by this process just now) cannot exist; a client's id may be a retry.
        // (A set of our own ids, not DbSet.Local, which would detect changes over the whole unit of work each time.)
        if (_posted.Contains(id) || (!isFreshId && await db.JournalEntries.AnyAsync(e => e.Id == id, ct)))
            return (null, LedgerError.AlreadyPosted, $"entry {id} is already posted");
        var entity = await EntityAsync(legalEntityId, ct)
            ?? throw new InvalidOperationException($"Unknown legal entity {legalEntityId}.");
        if (!await IsPeriodOpenAsync(legalEntityId, postingDate, ct))
            return (null, LedgerError.PeriodClosed, $"period {postingDate:yyyy-MM} of {legalEntityId} is closed");
        var functional = Currency.Of(entity.FunctionalCurrency);
        var rates = new Dictionary<Currency, decimal?>();
        foreach (var c in lines.Select(l => l.Amount.Currency).Distinct())
            rates[c] = await RateAsync(c, functional, postingDate, ct);
        var (prepared, error, detail) = Posting.Prepare(id, legalEntityId, functional, postingDate, kind, memo, lines,
            c => rates[c], actor, clock.GetUtcNow(), source, reverses);
        if (prepared is null) return (null, error, detail);
        var itemCheck = await CheckOpenItemsAsync(legalEntityId, lines, items, ct);
        if (itemCheck.Error is not null) return (null, itemCheck.Error, itemCheck.Detail);

        // From here on, posting must succeed.
        foreach (var (item, delta) in itemCheck.Deltas) item.OpenMinor = checked(item.OpenMinor + delta);
        db.JournalEntries.Add(prepared.Entry);
        _posted.Add(id);
        return (prepared.Entry, null, "");
    }

    private async Task<(LedgerError? Error, string Detail, List<(OpenItem, long)> Deltas)> CheckOpenItemsAsync(
        string legalEntityId, IReadOnlyList<PostingLine> lines, IReadOnlyDictionary<Guid, OpenItem>? items,
        CancellationToken ct)
    {
        var deltas = new List<(OpenItem, long)>();
        foreach (var line in lines)
        {
            if (!_accounts.TryGetValue(line.AccountId, out var account))
            {
                account = await db.Accounts.FindAsync([line.AccountId], ct);
                if (account is null || account.LegalEntityId != legalEntityId)
                    return (LedgerError.UnknownAccount, $"account {line.AccountId} is not in {legalEntityId}", deltas);
                _accounts[account.Id] = account;
            }
            if (line.OpenItemId is null && AccountRoles.CarriesOpenItems(account.Role) && line.Amount.Minor != 0)
                return (LedgerError.OpenItemRequired, $"a line on {account.Code} must name its open item", deltas);
        }
        foreach (var group in lines.Where(l => l.OpenItemId is not null).GroupBy(l => l.OpenItemId!.Value))
        {
            var item = items?.GetValueOrDefault(group.Key) ?? await db.OpenItems.FindAsync([group.Key], ct)
                ?? throw new InvalidOperationException($"Open item {group.Key} is not loaded or does not exist.");
            if (group.Any(l => l.AccountId != item.AccountId))
                return (LedgerError.WrongAccount, $"item {item.Number} lives on another account", deltas);
            var delta = group.Aggregate(0L, (s, l) => checked(s + l.Amount.Minor));
            var after = checked(item.OpenMinor + delta);
            // An item never crosses zero nor grows beyond its original amount: that would be over-application.
            var within = item.OriginalMinor >= 0 ? after >= 0 && after <= item.OriginalMinor
                                                 : after <= 0 && after >= item.OriginalMinor;
            if (!within)
                return (LedgerError.OverApplied,
                    $"{item.Kind} {item.Number} would go from " +
                    $"{Amounts.Format(item.OpenMinor, Currency.Of(item.Currency))}" +
                    $" to {Amounts.Format(after, Currency.Of(item.Currency))} (original " +
                    $"{Amounts.Format(item.OriginalMinor, Currency.Of(item.Currency))})", deltas);
            deltas.Add((item, delta));
        }
        return (null, "", deltas);
    }
}
