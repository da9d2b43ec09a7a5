using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;

namespace OrderToCash.Ledger;

/// <summary>
/// Seals committed entries into each legal entity's hash chain, in the order the sealer finds them.
/// </summary>
/// <remarks>
/// Posting never takes a chain-wide lock: an entry is written unsealed, and this step, run after posting (and by
/// <c>o2c check</c>), appends a <see cref="ChainSeal"/> row per entry with the next sequence and hash. Two sealers
/// racing on the same entity collide on the (entity, sequence) primary key; the loser retries from the new head.
/// On PostgreSQL a transaction-level advisory lock per entity keeps sealers from even colliding.
/// </remarks>
public sealed class SealChain(O2cDb db, TimeProvider clock)
{
    public const int BatchSize = 2000;

    /// <summary>Seals every unsealed entry; returns how many were sealed.</summary>
    public async Task<int> ExecuteAsync(CancellationToken ct = default)
    {
        var total = 0;
        var entities = await db.LegalEntities.Select(e => e.Id).ToListAsync(ct);
        foreach (var entity in entities)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var sealedNow = await SealEntityAsync(entity, ct);
                    total += sealedNow;
                    if (sealedNow < BatchSize) break;
                }
                catch (DbUpdateException) when (attempt < 20)
                {
                    db.ChangeTracker.Clear();
                    await Task.Delay(10 * (attempt + 1), ct);
                }
            }
        }
        return total;
    }

    private async Task<int> SealEntityAsync(string entity, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsPostgres)
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT pg_advisory_xact_lock(hashtext({"o2c-chain:" + entity}))", ct);
        var head = await db.ChainSeals.AsNoTracking().Where(s => s.LegalEntityId == entity)
            .OrderByDescending(s => s.Sequence).FirstOrDefaultAsync(ct);
        var unsealed = await db.JournalEntries.AsNoTracking()
            .Where(e => e.LegalEntityId == entity && !db.ChainSeals.Any(s => s.EntryId == e.Id))
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (unsealed.Count == 0) return 0;
        // Lines by the ids just read, not by a split query: an entry committed between two queries of a split
        // query would shift the stitching of lines to entries.
        await LoadLinesAsync(db, unsealed, ct);
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? ChainHash.Genesis;
        var now = clock.GetUtcNow();
        foreach (var entry in unsealed)
        {
            sequence++;
            var hash = ChainHash.Compute(entry, sequence, previous);
            db.ChainSeals.Add(new ChainSeal
            {
                LegalEntityId = entity, Sequence = sequence, EntryId = entry.Id, PreviousHash = previous,
                Hash = hash, SealedAt = now,
            });
            previous = hash;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return unsealed.Count;
    }

    /// <summary>Fills each entry's lines with one query over their ids.</summary>
    public static async Task LoadLinesAsync(O2cDb db, IReadOnlyList<JournalEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.Id).ToList();
        var lines = (await db.JournalLines.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToListAsync(ct))
            .ToLookup(l => l.EntryId);
        foreach (var entry in entries)
        {
            entry.Lines.Clear();
            entry.Lines.AddRange(lines[entry.Id].OrderBy(l => l.LineNo));
        }
    }
}
