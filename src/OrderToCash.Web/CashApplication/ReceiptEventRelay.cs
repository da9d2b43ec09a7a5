using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

/// <summary>
/// Publishes <c>receipt.applied</c>, <c>receipt.unapplied</c> and <c>receipt.unidentified</c> webhooks for whatever
/// applied, unapplied or left a receipt unidentified: the workbench, the API, and also <c>o2c cashapp run</c>, which
/// cannot reach the web tables. It reads the outcomes from the ledger (application entries and their reversals) and
/// the cash-application rows, after a cursor per source.
/// </summary>
/// <remarks>
/// Delivery ids are derived from (subscription, event, entry or line), so reading an outcome twice (an overlap, a
/// restart, a second serve process) queues nothing twice; the primary key settles a race between processes. A
/// subscription receives the events that happened after it was created. The cursor lives in memory: after a restart
/// the relay reads again from the oldest active subscription and skips what it already queued.
/// </remarks>
public sealed class ReceiptEventRelay(DbTarget target, TimeProvider clock, ILogger<ReceiptEventRelay> log)
    : BackgroundService
{
    public const string Applied = "receipt.applied", Unapplied = "receipt.unapplied",
        Unidentified = "receipt.unidentified";

    /// <summary>Outcomes read per query; a full batch is followed at once by the next.</summary>
    public const int Batch = 500;

    /// <summary>How far behind the clock the relay reads, so a transaction still committing is not passed by.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private DateTimeOffset? _appliedCursor, _unidentifiedCursor;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                while (await RelayAsync(ct) >= Batch) { }
            }
            catch (Exception e)
                when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning("receipt webhooks paused: {Message}", e.Message);
            }
        }
    }

    /// <summary>One pass over each event's new outcomes; answers how many outcomes it read.</summary>
    public async Task<int> RelayAsync(CancellationToken ct)
    {
        await using var web = target.OpenWeb();
        var subs = await web.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        bool Wants(WebhookSubscription s, string name) => s.Events == "*" || s.Events.Split(',').Contains(name);
        var until = clock.GetUtcNow() - Settle;
        await using var core = target.OpenCore();
        var read = 0;
        var applied = subs.Where(s => Wants(s, Applied) || Wants(s, Unapplied)).ToList();
        if (applied.Count == 0) _appliedCursor = until;
        else
        {
            var from = _appliedCursor ?? applied.Min(s => s.CreatedAt);
            var entries = await Cut(core.JournalEntries.AsNoTracking()
                .Where(e => (e.Kind == "application" || e.Kind == "application.reversal") && e.CreatedAt > from
                            && e.CreatedAt <= until)
                .OrderBy(e => e.CreatedAt), e => e.CreatedAt, ct);
            read += entries.Count;
            var events = await AppliedEventsAsync(core, entries, ct);
            var reversals = entries.Where(e => e.ReversesEntryId != null).Select(e => e.Id).ToHashSet();
            await QueueAsync(web, applied.Where(s => Wants(s, Applied)).ToList(), Applied,
                events.Where(e => !reversals.Contains(e.Key)).ToList(), ct);
            await QueueAsync(web, applied.Where(s => Wants(s, Unapplied)).ToList(), Unapplied,
                events.Where(e => reversals.Contains(e.Key)).ToList(), ct);
            if (entries.Count > 0) _appliedCursor = entries[^1].CreatedAt;
        }
        var unidentified = subs.Where(s => Wants(s, Unidentified)).ToList();
        if (unidentified.Count == 0) _unidentifiedCursor = until;
        else
        {
            var from = _unidentifiedCursor ?? unidentified.Min(s => s.CreatedAt);
            var rows = await Cut(core.CashApplicationRows.AsNoTracking()
                .Where(r => r.Status == "unidentified" && r.RunAt > from && r.RunAt <= until)
                .OrderBy(r => r.RunAt), r => r.RunAt, ct);
            read += rows.Count;
            var ids = rows.Select(r => r.StatementLineId).Distinct().ToList();
            var lines = await core.StatementLines.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
            var events = lines.Select(l => (l.Id, At: rows.First(r => r.StatementLineId == l.Id).RunAt, (object)new
            {
                statementLineId = l.Id, legalEntityId = l.LegalEntityId, bankReference = l.BankReference,
                bookingDate = l.BookingDate,
                amount = Money.Amounts.Format(l.AmountMinor, Money.Currency.Of(l.Currency)),
                currency = l.Currency, payer = l.CounterpartyName, payerAccount = l.CounterpartyAccount,
                remittance = l.Remittance,
            })).ToList();
            await QueueAsync(web, unidentified, Unidentified, events, ct);
            if (rows.Count > 0) _unidentifiedCursor = rows[^1].RunAt;
        }
        return read;
    }

    /// <summary>
    /// A batch that ends on a whole instant: when it is full, the rows of its last instant are left for the next
    /// pass (read whole then), so the cursor never splits rows that share an instant.
    /// </summary>
    private static async Task<List<T>> Cut<T>(IQueryable<T> ordered, Func<T, DateTimeOffset> at, CancellationToken ct)
    {
        var rows = await ordered.Take(Batch).ToListAsync(ct);
        if (rows.Count < Batch) return rows;
        var last = at(rows[^1]);
        var whole = rows.Where(r => at(r) != last).ToList();
        return whole.Count > 0 ? whole : rows;
    }

    private static async Task<List<(Guid Key, DateTimeOffset At, object Data)>> AppliedEventsAsync(O2cDb core,
        List<JournalEntry> entries, CancellationToken ct)
    {
        await SealChain.LoadLinesAsync(core, entries, ct);
        var itemIds = entries.SelectMany(e => e.Lines).Where(l => l.OpenItemId != null)
            .Select(l => l.OpenItemId!.Value).Distinct().ToList();
        var items = await core.OpenItems.AsNoTracking().Where(o => itemIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var receiptIds = items.Values.Where(o => o.Kind == OpenItemKind.Receipt).Select(o => o.Id).ToList();
        var lines = await core.StatementLines.AsNoTracking()
            .Where(l => l.ReceiptOpenItemId != null && receiptIds.Contains(l.ReceiptOpenItemId.Value))
            .ToDictionaryAsync(l => l.ReceiptOpenItemId!.Value, ct);
        var result = new List<(Guid, DateTimeOffset, object)>();
        foreach (var e in entries)
        {
            // A reversal (unapply) mirrors its application: the same lines with the signs turned.
            var sign = e.ReversesEntryId is null ? 1 : -1;
            var receiptLine = e.Lines.FirstOrDefault(l => l.OpenItemId is { } id
                && items.GetValueOrDefault(id)?.Kind == OpenItemKind.Receipt);
            var receipt = receiptLine is null ? null : items[receiptLine.OpenItemId!.Value];
            var line = receipt is null ? null : lines.GetValueOrDefault(receipt.Id);
            var invoices = e.Lines.Where(l => sign * l.AmountMinor < 0 && l.OpenItemId is { } id
                    && items.GetValueOrDefault(id)?.Kind is OpenItemKind.Invoice or OpenItemKind.DebitMemo
                        or OpenItemKind.Deduction)
                .Select(l => new
                {
                    number = items[l.OpenItemId!.Value].Number, customerId = l.CustomerId,
                    settled = Money.Amounts.Format(-sign * l.AmountMinor, Money.Currency.Of(l.Currency)),
                    currency = l.Currency,
                }).ToList();
            result.Add((e.Id, e.CreatedAt, new
            {
                entryId = e.Id, reverses = e.ReversesEntryId, legalEntityId = e.LegalEntityId,
                postingDate = e.PostingDate, by = e.CreatedBy,
                receipt = receipt?.Number, customerId = receipt?.CustomerId, statementLineId = line?.Id,
                bankReference = line?.BankReference,
                cashApplied = receiptLine is null ? null
                    : Money.Amounts.Format(sign * receiptLine.AmountMinor,
                        Money.Currency.Of(receiptLine.Currency)),
                currency = receiptLine?.Currency, invoices,
            }));
        }
        return result;
    }

    private async Task QueueAsync(WebDb web, List<WebhookSubscription> subs, string name,
        List<(Guid Key, DateTimeOffset At, object Data)> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var wanted = (from ev in events from s in subs where ev.At >= s.CreatedAt
            select (Id: DeliveryId(s.Id, name, ev.Key), Sub: s, ev.At, ev.Data)).ToList();
        var ids = wanted.Select(w => w.Id).ToList();
        var queued = (await web.WebhookDeliveries.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => d.Id)
            .ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var w in wanted.Where(w => !queued.Contains(w.Id)))
            web.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = w.Id, SubscriptionId = w.Sub.Id, Event = name, NextAttemptAt = now,
                Payload = JsonSerializer.Serialize(new { @event = name, at = w.At, data = w.Data }),
            });
        try { await web.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another process queued some of them first: the next pass skips what is there.
            web.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>The same delivery for the same subscription, event and outcome, in every process.</summary>
    public static Guid DeliveryId(Guid subscriptionId, string name, Guid key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:N}/{name}/{key:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
