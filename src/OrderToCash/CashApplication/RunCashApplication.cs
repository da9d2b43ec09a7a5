using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.CashApplication;

public sealed record CashApplicationRunSummary(int Lines, int Applied, int Suggested, int Unapplied, int OnAccount,
    int Unidentified, int WrongPocket, int AutoApplyRefused, IReadOnlyList<string> Bounds);

/// <summary>
/// The cash-application run: every receipt still in suspense (or waiting as a suggestion) goes through the
/// <see cref="Matcher"/>; what is at or above the entity's threshold is identified and applied without a person,
/// the rest is stored as suggestions with their reasons for the workbench and applications.csv.
/// </summary>
/// <remarks>
/// Postings per outcome: identified payer Dr suspense / Cr unapplied cash (<see cref="IdentifyReceipt"/>); applied
/// Dr unapplied cash / Cr AR with discounts and small write-offs (<see cref="ApplyCash"/>); wrong pocket Dr suspense /
/// Cr wrong-pocket clearing. Entry ids are derived from the statement line, so a run interrupted and run again posts
/// nothing twice. A receipt in another currency than its invoices is exchanged on the exchange clearing account.
/// </remarks>
public sealed class RunCashApplication(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>Receipts per transaction: matched in parallel, then posted in order into one unit of work.</summary>
    public const int BatchSize = 5000;

    /// <summary>Receipts in the first chunk (see <see cref="ExecuteAsync"/>).</summary>
    private const int FirstChunk = 500;

    /// <summary><see cref="BatchSize"/>, smaller in tests that interrupt a run between chunks.</summary>
    internal int ChunkSize { get; init; } = BatchSize;

    public async Task<CashApplicationRunSummary> ExecuteAsync(MatchSettings? settings = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default,
        IReadOnlyCollection<string>? legalEntityIds = null)
    {
        // A person runs it for the entities they work for (null: every entity, as the CLI does).
        var entities = legalEntityIds?.ToList();
        // The open items (a million in a large ledger) are read on a connection of their own while this one reads
        // the receipts, the advices and the customers: two cores instead of one before the first match.
        var connection = db.Database.GetConnectionString()!;
        var openItems = Task.Run(() => OpenInvoicesAsync(connection, ct), ct);
        // What the receipts say (amount, payer, references) never changes: they are read once and matched ahead of
        // the postings. What may change is their status (a person applying one meanwhile): each chunk reads its
        // lines again in its transaction, and a line no longer waiting is left as it now stands.
        var candidates = await db.StatementLines.AsNoTracking().Where(l => l.AmountMinor > 0
                && (l.Status == StatementLineStatus.Unidentified || l.Status == StatementLineStatus.Suggested))
            .Where(l => entities == null || entities.Contains(l.LegalEntityId))
            .OrderBy(l => l.BookingDate).ThenBy(l => l.Position).ToListAsync(ct);
        StepTrace.Step("receipts read");
        // Advices that arrived before their payment are linked to the lines imported since.
        await new Remittances.ImportRemittance(db, clock, actor).LinkPendingAsync(ct);
        var advices = await AdvicesAsync(candidates.Select(l => l.Id).ToList(), ct);
        StepTrace.Step("advices read");
        var (index, learned, customers) = await LoadIndexAsync(openItems, ct);
        StepTrace.Step("matching index built");
        // Indicative rates book a file-loaded database; they never decide whether an amount fits.
        var rates = (await db.FxRates.AsNoTracking().Where(r => r.Source != IndicativeRates.Source).ToListAsync(ct))
            .Select(r => r.ToValue()).ToList();
        settings = (settings ?? new MatchSettings()) with { Rates = rates, Learned = learned };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<string, int>();
        var bounds = new List<string>();
        var refused = 0;
        // The first chunk is small: its matching cannot overlap a posting, and it runs before the JIT has optimised
        // the engine (in a fresh process, as each CLI verb is).
        var ranges = new List<(int Start, int Count)>();
        for (var at = 0; at < candidates.Count; at += ranges[^1].Count)
            ranges.Add((at, Math.Min(ranges.Count == 0 ? Math.Min(FirstChunk, ChunkSize) : ChunkSize,
                candidates.Count - at)));
        // The engine is pure and the index read-only: the next chunk is matched (on every core) while this one
        // posts, which is work for one core.
        Task<(Receipt[] Receipts, MatchResult[] Results)> MatchAsync((int Start, int Count) range) => Task.Run(() =>
        {
            var lines = candidates.GetRange(range.Start, range.Count);
            var receipts = lines.Select(l => ToReceipt(l) with { Advice = advices.GetValueOrDefault(l.Id) })
                .ToArray();
            var results = new MatchResult[lines.Count];
            Parallel.For(0, lines.Count, i => results[i] = Matcher.Propose(receipts[i], index, settings, today));
            return (receipts, results);
        }, ct);
        var next = ranges.Count > 0 ? MatchAsync(ranges[0]) : null;
        for (var k = 0; k < ranges.Count; k++)
        {
            var (receipts, results) = await next!;
            StepTrace.Step($"chunk {k}: matched");
            next = k + 1 < ranges.Count ? MatchAsync(ranges[k + 1]) : null;
            var start = ranges[k].Start;
            var chunk = candidates.GetRange(start, receipts.Length).Select(l => l.Id).ToList();
            // PostgreSQL does not lock what a chunk reads: a person may settle one of its invoices meanwhile, and
            // the save then finds the balance it read gone (ChangedMeanwhile). The chunk is rolled back and posted
            // again from what is now on file, where a proposal that no longer fits is left as a suggestion. (On
            // SQLite the chunk's transaction holds the write lock from its start: the person's save waits.)
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    foreach (var (i, status, wasRefused) in await PostChunkAsync(chunk, receipts, results, customers,
                                 ct))
                    {
                        bounds.AddRange(results[i].Bounds.Select(b => $"{receipts[i].Id}: {b}"));
                        if (wasRefused) refused++;
                        counts[status] = counts.GetValueOrDefault(status) + 1;
                    }
                    break;
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    db.ChangeTracker.Clear();
                    StepTrace.Step($"chunk {k}: changed meanwhile, posted again");
                }
            }
            progress?.Report((start + chunk.Count, candidates.Count));
        }
        return new CashApplicationRunSummary(candidates.Count, counts.GetValueOrDefault("applied"),
            counts.GetValueOrDefault("suggested"), counts.GetValueOrDefault("unapplied"),
            counts.GetValueOrDefault("on_account"), counts.GetValueOrDefault("unidentified"),
            counts.GetValueOrDefault("wrong_pocket"), refused, bounds);
    }

    /// <summary>Attempts at a chunk whose items were changed by someone else meanwhile.</summary>
    private const int MaxAttempts = 3;

    /// <summary>
    /// Posts one chunk in one transaction: its lines still waiting, read again (a person may have settled one
    /// since the run read them), each with its match result. Returns what became of each receipt (its position in
    /// the chunk, its status, whether a confident match was left as a suggestion).
    /// </summary>
    private async Task<List<(int Receipt, string Status, bool Refused)>> PostChunkAsync(List<Guid> chunk,
        Receipt[] receipts, MatchResult[] results, IReadOnlyDictionary<string, Customers.Customer> customers,
        CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = (await db.StatementLines.Where(l => chunk.Contains(l.Id)).ToListAsync(ct))
            .ToDictionary(l => l.Id);
        var waiting = Enumerable.Range(0, chunk.Count).Where(i => current.TryGetValue(chunk[i], out var l)
            && l.Status is StatementLineStatus.Unidentified or StatementLineStatus.Suggested).ToList();
        var lines = waiting.Select(i => current[chunk[i]]).ToList();
        StepTrace.Step("lines read again");
        var batch = await LoadBatchAsync(lines, [.. waiting.Select(i => results[i])], customers, ct);
        StepTrace.Step("items loaded");
        var outcomes = new List<(int, string, bool)>(waiting.Count);
        for (var j = 0; j < waiting.Count; j++)
        {
            var i = waiting[j];
            var (status, wasRefused) = await ActAsync(batch, lines[j], receipts[i], results[i], ct);
            outcomes.Add((i, status, wasRefused));
        }
        StepTrace.Step("postings prepared");
        // Written, not tracked: nothing reads them back in this unit, and the tracker would cost more than the rows.
        await RowWriter.InsertAsync(db, batch.Results, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        StepTrace.Step("committed");
        db.ChangeTracker.Clear();
        return outcomes;
    }

    /// <summary>
    /// What the chunk's postings read, in a few queries instead of several per receipt: the entry ids already
    /// posted (a rerun after an interruption), the open items the proposals settle (tracked, so their balances move
    /// in memory from receipt to receipt), their booked functional values, the receipt numbers already taken; and
    /// the chunk's previous result rows are removed (they are replaced).
    /// </summary>
    private async Task<PostingBatch> LoadBatchAsync(List<StatementLine> lines, IReadOnlyList<MatchResult> results,
        IReadOnlyDictionary<string, Customers.Customer> customers, CancellationToken ct)
    {
        var batch = new PostingBatch(new Journal(db, clock, actor), customers);
        var lineIds = lines.Select(l => l.Id).ToList();
        var entryIds = lines.SelectMany(l => Steps.Select(step => IdFor(l.Id, step))).ToList();
        batch.ExistingEntries.UnionWith(await db.JournalEntries.Where(e => entryIds.Contains(e.Id))
            .Select(e => e.Id).ToListAsync(ct));
        var itemIds = results.Where(r => r.Status == MatchStatus.AutoApply && r.Best is not null)
            .SelectMany(r => r.Best!.Allocations.Select(a => a.OpenItemId))
            .Concat(lines.Where(l => l.ReceiptOpenItemId is not null).Select(l => l.ReceiptOpenItemId!.Value))
            .Distinct().ToList();
        var items = await db.OpenItems.Where(o => itemIds.Contains(o.Id)).ToListAsync(ct);
        // An item in its entity's own currency is booked at its amount: its booked value is its balance. Only the
        // foreign-currency ones need their lines summed.
        var functional = new Dictionary<string, string?>();
        foreach (var entity in items.Select(i => i.LegalEntityId).Distinct())
            functional[entity] = (await batch.Journal.EntityAsync(entity, ct))?.FunctionalCurrency;
        var foreign = new List<Guid>();
        foreach (var item in items)
            if (functional[item.LegalEntityId] == item.Currency) batch.Booked[item.Id] = item.OpenMinor;
            else foreign.Add(item.Id);
        var sums = await ApplyCash.SumLinesAsync(db, foreign, ct);
        foreach (var id in foreign) batch.Booked[id] = sums.GetValueOrDefault(id);
        // Per entity, so the lookup runs on the unique index (entity, kind, number), not over every open item.
        foreach (var entity in lines.GroupBy(l => l.LegalEntityId))
        {
            var numbers = entity.Select(l => l.BankReference ?? l.KeyReference).Distinct().ToList();
            foreach (var number in await db.OpenItems.AsNoTracking()
                         .Where(o => o.LegalEntityId == entity.Key && o.Kind == OpenItemKind.Receipt
                                     && numbers.Contains(o.Number))
                         .Select(o => o.Number).ToListAsync(ct))
                batch.ReceiptNumbers.Add((entity.Key, number));
        }
        await db.CashApplicationRows.Where(r => lineIds.Contains(r.StatementLineId)).ExecuteDeleteAsync(ct);
        return batch;
    }

    private static readonly string[] Steps = ["identify", "apply", "wrong-pocket"];

    private async Task<(string Status, bool Refused)> ActAsync(PostingBatch batch, StatementLine line, Receipt receipt,
        MatchResult result, CancellationToken ct)
    {
        var rows = ApplicationsCsv.Rows(result, receipt, line.Position);
        var status = StatementLineStatus.Unidentified;
        var refusedBecause = (string?)null;
        switch (result.Status)
        {
            case MatchStatus.AutoApply when result.Best is { } best
                                             && (best.Fx is null || best.Remainder.IsZero):
                refusedBecause = await ApplyAsync(batch, line, best, ct);
                status = refusedBecause is null ? StatementLineStatus.Applied : StatementLineStatus.Suggested;
                break;
            case MatchStatus.AutoApply or MatchStatus.Suggested:
                status = StatementLineStatus.Suggested;
                break;
            case MatchStatus.Unapplied or MatchStatus.OnAccount when result.Customer is { } customer:
                var (_, identifyError) = await IdentifyAsync(batch, line, customer.CustomerId, ct);
                status = identifyError is null
                    ? result.Status == MatchStatus.Unapplied
                        ? StatementLineStatus.Unapplied
                        : StatementLineStatus.OnAccount
                    : StatementLineStatus.Unidentified;
                break;
            case MatchStatus.WrongPocket:
                status = await MoveToWrongPocketAsync(batch, line, result, ct) ? StatementLineStatus.WrongPocket
                    : StatementLineStatus.Suggested;
                break;
        }
        if (result.Status == MatchStatus.AutoApply && status != StatementLineStatus.Applied)
        {
            // Confident, but not applied (another currency, or the ledger refused): a person decides.
            var why = refusedBecause ?? "a foreign-currency receipt with a remainder";
            rows = rows.Select(r => r with { Status = "suggested",
                Reason = $"{r.Reason}; not applied automatically: {why}" }).ToList();
        }
        Store(batch, line, rows, status);
        var name = status switch
        {
            StatementLineStatus.Applied => "applied",
            StatementLineStatus.Suggested => "suggested",
            StatementLineStatus.Unapplied => "unapplied",
            StatementLineStatus.OnAccount => "on_account",
            StatementLineStatus.WrongPocket => "wrong_pocket",
            _ => "unidentified",
        };
        return (name, result.Status == MatchStatus.AutoApply && status != StatementLineStatus.Applied);
    }

    /// <summary>
    /// Identifies the payer (when still in suspense) and applies the proposal; null, or why it could not.
    /// </summary>
    private async Task<string?> ApplyAsync(PostingBatch batch, StatementLine line, Proposal best, CancellationToken ct)
    {
        var (receiptItem, identifyError) = await IdentifyAsync(batch, line, best.CustomerId, ct);
        if (identifyError is not null) return identifyError;
        if (receiptItem is null) return "the receipt has no open item";
        var settlements = best.Allocations.Select(a => new Settlement(a.OpenItemId, a.Applied.Minor, a.Discount.Minor,
                a.Kind == AdjustmentKind.WriteOff ? a.Adjustment.Minor : 0,
                a.Kind == AdjustmentKind.Deduction ? a.Adjustment.Minor : 0, a.ReasonCode))
            .Where(s => s.SettledMinor > 0).ToList();
        if (settlements.Count == 0) return null;
        var memo = $"Cash application: {best.Reason}";
        var outcome = await new ApplyCash(db, clock, actor, batch).ExecuteAsync(new ApplyRequest(
            IdFor(line.Id, "apply"), receiptItem.Value, line.BookingDate, settlements,
            memo.Length > 400 ? memo[..400] : memo, best.Fx?.ReceiptAmount.Minor), ct);
        return outcome.IsPosted || outcome.Error == LedgerError.AlreadyPosted
            ? null
            : $"{outcome.Error}: {outcome.Detail}";
    }

    /// <summary>The line's receipt open item, identifying the payer first when it is still in suspense.</summary>
    private async Task<(Guid? ReceiptItem, string? Error)> IdentifyAsync(PostingBatch batch, StatementLine line,
        string customerId, CancellationToken ct)
    {
        if (line.ReceiptOpenItemId is not null) return (line.ReceiptOpenItemId, null);
        var outcome = await new IdentifyReceipt(db, clock, actor, batch).ExecuteAsync(
            new IdentifyRequest(IdFor(line.Id, "identify"), line.Id, customerId, line.BookingDate), ct);
        return outcome.IsPosted ? (outcome.ReceiptItemId, null) : (null, $"{outcome.Error}: {outcome.Detail}");
    }

    private async Task<bool> MoveToWrongPocketAsync(PostingBatch batch, StatementLine line, MatchResult result,
        CancellationToken ct)
    {
        var journal = batch.Journal;
        var suspense = await journal.AccountAsync(line.LegalEntityId, AccountRole.Suspense, ct);
        var clearing = await journal.AccountAsync(line.LegalEntityId, AccountRole.WrongPocketClearing, ct);
        var amount = new Money.Money(line.AmountMinor, Currency.Of(line.Currency));
        var reference = line.BankReference ?? line.KeyReference;
        var id = IdFor(line.Id, "wrong-pocket");
        var (entry, error, _) = await journal.PostAsync(id, line.LegalEntityId,
            line.BookingDate, "wrong_pocket", $"Receipt {reference} belongs to {result.OtherLegalEntityId}",
            [new(suspense.Id, amount), new(clearing.Id, -amount)], reference, isFreshId: batch.IsNew(id), ct: ct);
        return entry is not null || error == LedgerError.AlreadyPosted;
    }

    /// <summary>The line's result rows replace the previous run's (removed for the whole chunk beforehand).</summary>
    private void Store(PostingBatch batch, StatementLine line, IReadOnlyList<ApplicationRow> rows,
        StatementLineStatus status)
    {
        var now = clock.GetUtcNow();
        batch.Results.AddRange(rows.Select((r, i) => new CashApplicationRow
        {
            StatementLineId = line.Id, RowNo = i + 1, CustomerId = r.CustomerId, InvoiceNumber = r.InvoiceNumber,
            AppliedMinor = r.AppliedMinor, Currency = r.Currency, Status = r.Status, Confidence = r.Confidence,
            Reason = r.Reason.Length > 500 ? r.Reason[..500] : r.Reason, RunAt = now,
        }));
        line.Status = status;
    }

    private async Task<(OpenItemIndex Index, LearnedFacts Learned, Dictionary<string, Customers.Customer> Customers)>
        LoadIndexAsync(Task<List<OpenItemView>> openItems, CancellationToken ct)
    {
        var customers = await db.Customers.AsNoTracking().Include(c => c.Aliases).Include(c => c.BankAccounts)
            .AsSplitQuery().ToListAsync(ct);
        StepTrace.Step("customers read");
        var views = await openItems;
        StepTrace.Step("open items read");
        var customerViews = customers.Select(c => new CustomerView(c.Id, c.LegalEntityId, c.Name,
            c.Aliases.Select(a => a.Alias).ToList(),
            c.BankAccounts.Where(b => !b.IsLearned).Select(b => b.AccountNumber).ToList())).ToList();
        var learned = LearnedFacts.Create(
            customers.SelectMany(c => c.BankAccounts.Where(b => b.IsLearned)
                .Select(b => new KeyValuePair<string, string>(b.AccountNumber, c.Id))), []);
        return (OpenItemIndex.Build(views, customerViews), learned, customers.ToDictionary(c => c.Id));
    }

    /// <summary>
    /// The open invoices and debit memos as the engine sees them, read straight from the provider's reader: a million
    /// rows through EF Core's materializer cost twice the time and a copy of every row. The ids of entities,
    /// customers and currencies are shared strings (a customer's thousand items name it once in memory).
    /// </summary>
    private static async Task<List<OpenItemView>> OpenInvoicesAsync(string connectionString, CancellationToken ct)
    {
        await using var db = Database.Create(connectionString);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        if (!db.IsPostgres)
        {
            // One pass over the table: SQLite's page cache would only hold pages nobody reads again, and a
            // pooled connection keeps its cache.
            command.CommandText = "PRAGMA cache_size = -8192";
            await command.ExecuteNonQueryAsync(ct);
        }
        command.CommandText =
            "SELECT \"Id\", \"LegalEntityId\", \"CustomerId\", \"Number\", \"PoNumber\", \"DocumentDate\", " +
            "\"DueDate\", \"Currency\", \"OpenMinor\", \"OriginalMinor\", \"DiscountPercent\", " +
            "\"DiscountDueDate\" FROM open_items " +
            $"WHERE \"Kind\" IN ('{nameof(OpenItemKind.Invoice)}', '{nameof(OpenItemKind.DebitMemo)}') " +
            "AND \"OpenMinor\" > 0";
        var shared = new Dictionary<string, string>();
        string Shared(string s) => shared.TryGetValue(s, out var one) ? one : shared[s] = s;
        var currencies = new Dictionary<string, Currency>();
        var views = new List<OpenItemView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(7);
            if (!currencies.TryGetValue(code, out var currency)) currencies[code] = currency = Currency.Of(code);
            views.Add(new OpenItemView(reader.GetGuid(0), Shared(reader.GetString(1)),
                Shared(reader.GetString(2)), reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4),
                reader.GetFieldValue<DateOnly>(5), reader.GetFieldValue<DateOnly>(6),
                new Money.Money(reader.GetInt64(8), currency), new Money.Money(reader.GetInt64(9), currency),
                reader.IsDBNull(10) ? null : reader.GetDecimal(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateOnly>(11)));
        }
        return views;
    }

    // The remittance advices linked to these lines (ImportRemittance links an advice to its payment).
    private async Task<Dictionary<Guid, AdviceView>> AdvicesAsync(List<Guid> lineIds, CancellationToken ct)
    {
        var advices = await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines)
            .Where(a => a.StatementLineId != null && lineIds.Contains(a.StatementLineId.Value)).ToListAsync(ct);
        var views = new Dictionary<Guid, AdviceView>();
        foreach (var a in advices)
            views.TryAdd(a.StatementLineId!.Value, new AdviceView($"{a.FileName} #{a.Position}",
                a.Lines.OrderBy(l => l.LineNo).Select(l => new AdvisedInvoice(l.InvoiceNumber, l.PaidMinor,
                    l.DiscountMinor, l.AdjustmentMinor, l.AdjustmentReason)).ToList()));
        return views;
    }

    internal static Receipt ToReceipt(StatementLine l) => new(
        l.BankReference ?? l.KeyReference, l.LegalEntityId, l.BookingDate,
        new Money.Money(l.AmountMinor, Currency.Of(l.Currency)), l.CounterpartyName ?? "", l.CounterpartyAccount ?? "",
        l.Remittance ?? "",
        (l.StructuredReferences ?? "").Split(';',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        l.EndToEndId ?? "")
    {
        Instructed = l is { InstructedMinor: { } minor, InstructedCurrency: { } code }
            ? new Money.Money(minor, Currency.Of(code)) : null,
    };

    /// <summary>
    /// A stable entry id per statement line and step, so a repeated run posts nothing twice. It starts with the
    /// line's own time prefix (the first 48 bits of a version-7 id), so the entries of one statement sit side by side
    /// in the key indexes instead of all over them; the rest is a hash of line and step (version 8, custom).
    /// </summary>
    internal static Guid IdFor(Guid lineId, string step)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{lineId:N}/{step}"));
        lineId.ToByteArray(bigEndian: true).AsSpan(0, 6).CopyTo(hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
