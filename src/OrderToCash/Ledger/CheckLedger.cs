using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.LegalEntities;

namespace OrderToCash.Ledger;

/// <summary>One broken invariant, in words a person can act on.</summary>
public sealed record Violation(string Invariant, string Detail);

public sealed record LedgerCheckReport(IReadOnlyList<Violation> Violations, int Entries, int Lines, int OpenItems,
    int SealedNow, IReadOnlyList<string> Passed)
{
    public bool IsClean => Violations.Count == 0;
}

/// <summary>
/// Verifies every invariant of PRODUCT.md: entries net to zero per currency (and in the functional currency); each
/// open item equals the sum of its lines and stays within its original amount (nothing over-applied); the AR control
/// and the other item-carrying accounts equal the sum of their open items; nothing posted into a closed period; each
/// reversal mirrors its original; the hash chain verifies. Seals pending entries first.
/// </summary>
public sealed class CheckLedger(O2cDb db, TimeProvider clock)
{
    public const int MaxReported = 50;

    public async Task<LedgerCheckReport> ExecuteAsync(IProgress<string>? progress = null,
        CancellationToken ct = default)
    {
        var violations = new List<Violation>();
        var passed = new List<string>();
        void Report(string invariant, IEnumerable<string> details)
        {
            var list = details.Take(MaxReported + 1).ToList();
            if (list.Count == 0) { passed.Add(invariant); return; }
            violations.AddRange(list.Take(MaxReported).Select(d => new Violation(invariant, d)));
            if (list.Count > MaxReported) violations.Add(new Violation(invariant, "... and more"));
        }
        progress?.Report("sealing pending entries");
        var sealedNow = await new SealChain(db, clock).ExecuteAsync(ct);

        progress?.Report("entries net to zero");
        var unbalanced = await db.JournalLines.GroupBy(l => new { l.EntryId, l.Currency })
            .Where(g => g.Sum(l => l.AmountMinor) != 0).Select(g => new { g.Key.EntryId, g.Key.Currency })
            .Take(MaxReported + 1).ToListAsync(ct);
        Report("every entry nets to zero per currency", unbalanced.Select(u => $"entry {u.EntryId} in {u.Currency}"));
        var functional = await db.JournalLines.GroupBy(l => l.EntryId).Where(g => g.Sum(l => l.FunctionalMinor) != 0)
            .Select(g => g.Key).Take(MaxReported + 1).ToListAsync(ct);
        Report("every entry nets to zero in the functional currency", functional.Select(id => $"entry {id}"));
        var empty = await db.JournalEntries.Where(e => !db.JournalLines.Any(l => l.EntryId == e.Id))
            .Select(e => e.Id).Take(MaxReported + 1).ToListAsync(ct);
        Report("every entry has lines", empty.Select(id => $"entry {id} has no lines"));

        progress?.Report("open items equal their lines");
        var itemSums = await db.JournalLines.Where(l => l.OpenItemId != null).GroupBy(l => l.OpenItemId!.Value)
            .Select(g => new { Id = g.Key, Sum = g.Sum(l => l.AmountMinor) })
            .ToDictionaryAsync(x => x.Id, x => x.Sum, ct);
        var items = await db.OpenItems.AsNoTracking()
            .Select(o => new
                { o.Id, o.Number, o.Kind, o.OpenMinor, o.OriginalMinor, o.AccountId, o.Currency, o.LegalEntityId })
            .ToListAsync(ct);
        Report("each open item equals the sum of its journal lines",
            items.Where(i => itemSums.GetValueOrDefault(i.Id) != i.OpenMinor)
                .Select(i => $"{i.Kind} {i.Number}: item says {i.OpenMinor}, " +
                             $"lines say {itemSums.GetValueOrDefault(i.Id)}"));
        Report("no item is applied beyond its amount (invoice) nor beyond the receipt",
            items.Where(i => i.OriginalMinor >= 0 ? i.OpenMinor < 0 || i.OpenMinor > i.OriginalMinor
                                                  : i.OpenMinor > 0 || i.OpenMinor < i.OriginalMinor)
                .Select(i => $"{i.Kind} {i.Number}: open {i.OpenMinor} of {i.OriginalMinor}"));
        var wrongAccount = await db.JournalLines.Where(l => l.OpenItemId != null)
            .Join(db.OpenItems, l => l.OpenItemId, o => o.Id,
                (l, o) => new { l.EntryId, l.AccountId, Item = o.AccountId, o.Number })
            .Where(x => x.AccountId != x.Item).Take(MaxReported + 1).ToListAsync(ct);
        Report("each line of an open item is on the item's account",
            wrongAccount.Select(w => $"entry {w.EntryId}, item {w.Number}"));

        progress?.Report("AR control equals open items");
        var accounts = await db.Accounts.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var balances = await db.JournalLines.GroupBy(l => new { l.AccountId, l.Currency })
            .Select(g => new { g.Key.AccountId, g.Key.Currency, Sum = g.Sum(l => l.AmountMinor) }).ToListAsync(ct);
        var itemTotals = items.GroupBy(i => (i.AccountId, i.Currency))
            .ToDictionary(g => g.Key, g => g.Sum(i => i.OpenMinor));
        var carrying = accounts.Values.Where(a => AccountRoles.CarriesOpenItems(a.Role)).Select(a => a.Id).ToHashSet();
        var keys = balances.Where(b => carrying.Contains(b.AccountId)).Select(b => (b.AccountId, b.Currency))
            .Concat(itemTotals.Keys).Distinct();
        Report("AR control (and unapplied cash, deductions) equals the sum of open items",
            keys.Select(k => (k,
                    Ledger: balances.FirstOrDefault(b => b.AccountId == k.AccountId && b.Currency == k.Currency)
                        ?.Sum ?? 0,
                    Items: itemTotals.GetValueOrDefault(k)))
                .Where(x => x.Ledger != x.Items)
                .Select(x => $"{accounts[x.k.AccountId].LegalEntityId} {accounts[x.k.AccountId].Code} " +
                             $"{x.k.Currency}: " +
                             $"ledger {x.Ledger}, open items {x.Items}"));
        var foreignLines = await db.JournalLines.Join(db.JournalEntries, l => l.EntryId, e => e.Id,
                (l, e) => new { l.AccountId, e.LegalEntityId, l.EntryId })
            .Join(db.Accounts, x => x.AccountId, a => a.Id,
                (x, a) => new { x.EntryId, x.LegalEntityId, Account = a.LegalEntityId })
            .Where(x => x.LegalEntityId != x.Account).Select(x => x.EntryId).Take(MaxReported + 1).ToListAsync(ct);
        Report("every line's account belongs to the entry's legal entity", foreignLines.Select(id => $"entry {id}"));

        progress?.Report("closed periods");
        var closed = await db.FiscalPeriods.AsNoTracking().Where(p => p.Status == PeriodStatus.Closed).ToListAsync(ct);
        var late = new List<string>();
        foreach (var p in closed)
        {
            var from = new DateOnly(p.Year, p.Month, 1);
            var to = from.AddMonths(1);
            var entries = await db.JournalEntries.AsNoTracking()
                .Where(e => e.LegalEntityId == p.LegalEntityId && e.PostingDate >= from && e.PostingDate < to)
                .Select(e => new { e.Id, e.CreatedAt }).ToListAsync(ct);
            late.AddRange(entries.Where(e => p.ClosedAt is { } at && e.CreatedAt > at)
                .Select(e => $"entry {e.Id} posted into {p.LegalEntityId} {p.Year:D4}-{p.Month:D2} after it closed"));
        }
        Report("nothing posts into a closed period", late);

        progress?.Report("reversals mirror their originals");
        Report("each reversal mirrors its original", await ReversalProblemsAsync(ct));

        progress?.Report("hash chain");
        var (chainProblems, entryCount) = await VerifyChainAsync(ct);
        Report("the hash chain verifies", chainProblems);
        var lineCount = await db.JournalLines.CountAsync(ct);
        return new LedgerCheckReport(violations, entryCount, lineCount, items.Count, sealedNow, passed);
    }

    private async Task<List<string>> ReversalProblemsAsync(CancellationToken ct)
    {
        var pairs = await db.JournalEntries.AsNoTracking().Where(e => e.ReversesEntryId != null)
            .Select(e => new { e.Id, Original = e.ReversesEntryId!.Value }).ToListAsync(ct);
        var problems = new List<string>();
        foreach (var chunk in pairs.Chunk(500))
        {
            var ids = chunk.SelectMany(p => new[] { p.Id, p.Original }).ToList();
            var lines = (await db.JournalLines.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToListAsync(ct))
                .ToLookup(l => l.EntryId);
            foreach (var p in chunk)
            {
                var a = lines[p.Original]
                    .Select(l => (l.AccountId, l.Currency, l.AmountMinor, l.FunctionalMinor, l.OpenItemId)).Order();
                var b = lines[p.Id]
                    .Select(l => (l.AccountId, l.Currency, -l.AmountMinor, -l.FunctionalMinor, l.OpenItemId)).Order();
                if (!a.SequenceEqual(b)) problems.Add($"entry {p.Id} does not mirror {p.Original}");
            }
        }
        return problems;
    }

    private async Task<(List<string> Problems, int Entries)> VerifyChainAsync(CancellationToken ct)
    {
        var problems = new List<string>();
        var entities = await db.LegalEntities.Select(e => e.Id).ToListAsync(ct);
        var total = await db.JournalEntries.CountAsync(ct);
        var sealedCount = 0;
        foreach (var entity in entities)
        {
            var previous = ChainHash.Genesis;
            long expected = 1;
            long after = 0;
            while (true)
            {
                var seals = await db.ChainSeals.AsNoTracking()
                    .Where(s => s.LegalEntityId == entity && s.Sequence > after)
                    .OrderBy(s => s.Sequence).Take(2000).ToListAsync(ct);
                if (seals.Count == 0) break;
                var ids = seals.Select(s => s.EntryId).ToList();
                var loaded = await db.JournalEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct);
                await SealChain.LoadLinesAsync(db, loaded, ct);
                var entries = loaded.ToDictionary(e => e.Id);
                foreach (var seal in seals)
                {
                    sealedCount++;
                    if (seal.Sequence != expected) problems.Add($"{entity}: sequence {expected} is missing");
                    expected = seal.Sequence + 1;
                    if (seal.PreviousHash != previous)
                        problems.Add($"{entity} #{seal.Sequence}: previous hash does not match the chain");
                    if (!entries.TryGetValue(seal.EntryId, out var entry))
                        problems.Add($"{entity} #{seal.Sequence}: entry {seal.EntryId} is missing");
                    else if (entry.LegalEntityId != entity)
                        problems.Add($"{entity} #{seal.Sequence}: entry {entry.Id} belongs to {entry.LegalEntityId}");
                    else if (ChainHash.Compute(entry, seal.Sequence, previous) != seal.Hash)
                        problems.Add($"{entity} #{seal.Sequence}: entry {entry.Id} was changed after it was sealed");
                    previous = seal.Hash;
                }
                after = seals[^1].Sequence;
                db.ChangeTracker.Clear();
            }
        }
        if (sealedCount != total) problems.Add($"{total - sealedCount} entries are not sealed into the chain");
        return (problems, total);
    }
}
