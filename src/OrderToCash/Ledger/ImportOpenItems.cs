using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.LegalEntities;
using OrderToCash.Money;

namespace OrderToCash.Ledger;

/// <summary>
/// Imports open_items.csv (opening balances from another system): each row becomes an open item and posts
/// Dr AR (the item) / Cr opening-balance clearing for its open amount, dated the invoice date; the rows of one
/// entity, date, currency and kind share an entry (up to <see cref="MaxItemsPerEntry"/>). All or nothing (or
/// <c>skipInvalid</c>); a row already on file with the same values is skipped, so the same file twice adds nothing.
/// </summary>
public sealed class ImportOpenItems(O2cDb db, TimeProvider clock, string actor)
{
    public static readonly string[] Required =
    [
        "customer_id", "invoice_number", "po_number", "invoice_date", "due_date", "currency", "original_amount",
        "open_amount", "discount_percent", "discount_due_date",
    ];

    private sealed record Row(CsvRow Csv, string EntityId, string CustomerId, string Number, string? Po,
        DateOnly InvoiceDate, DateOnly DueDate, Currency Currency, long Original, long Open, decimal? DiscountPercent,
        DateOnly? DiscountDueDate);

    public async Task<ImportResult> ExecuteAsync(string fileName, string text, bool skipInvalid,
        string? rejectPath = null, CancellationToken ct = default)
    {
        var (table, headerProblem) = CsvTable.Read(text, Required);
        if (table is null) return ImportResult.Refused([headerProblem!]);
        var hash = FileHash.Sha256(text);
        if (await db.ImportBatches.AnyAsync(b => b.Kind == "open_items" && b.ContentSha256 == hash, ct))
            return ImportResult.AlreadyImported();

        var customers = await db.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.LegalEntityId }).ToDictionaryAsync(c => c.Id, c => c.LegalEntityId, ct);
        var entities = await db.LegalEntities.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        await FixProvisionalCurrenciesAsync(table, customers, entities, ct);
        var opened = OpenedEntities(table, entities);
        var journal = new Journal(db, clock, actor);
        var problems = new List<ImportProblem>();
        var rows = new List<Row>();
        var seen = new HashSet<(string, string)>();
        foreach (var csv in table.Rows)
        {
            var rowProblems = new List<ImportProblem>();
            var row = Parse(csv, customers, entities, rowProblems);
            if (row is not null && !seen.Add((row.EntityId, row.Number)))
                rowProblems.Add(new(csv.Line, "invoice_number", $"invoice {row.Number} appears twice in the file"));
            if (row is not null && rowProblems.Count == 0)
            {
                var functional = Currency.Of(entities[row.EntityId].FunctionalCurrency);
                if (await journal.RateOrIndicativeAsync(row.Currency, functional, row.InvoiceDate, ct) is null)
                    rowProblems.Add(new(csv.Line, "currency",
                        $"no {row.Currency.Code}/{functional.Code} exchange rate on or before " +
                        $"{row.InvoiceDate:yyyy-MM-dd}"));
                if (!await journal.IsPeriodOpenAsync(row.EntityId, row.InvoiceDate, ct))
                    rowProblems.Add(new(csv.Line, "invoice_date", $"period {row.InvoiceDate:yyyy-MM} is closed"));
            }
            if (rowProblems.Count > 0) problems.AddRange(rowProblems);
            else rows.Add(row!);
        }
        // Rows already on file: identical ones are skipped (idempotent), different ones are duplicates.
        var onFile = await OnFileAsync(rows, ct);
        var toPost = new List<Row>();
        var unchanged = 0;
        foreach (var r in rows)
        {
            if (!onFile.TryGetValue((r.EntityId, r.Number), out var item)) { toPost.Add(r); continue; }
            if (item.CustomerId == r.CustomerId && item.OriginalMinor == r.Original && item.Currency == r.Currency.Code)
                unchanged++;
            else
                problems.Add(new(r.Csv.Line, "invoice_number",
                    $"duplicate invoice number: {r.Number} is already on file for customer {item.CustomerId} " +
                    $"with {Amounts.Format(item.OriginalMinor, Currency.Of(item.Currency))} {item.Currency}"));
        }
        if (problems.Count > 0 && !skipInvalid)
        {
            db.ChangeTracker.Clear();
            return ImportResult.Refused(problems);
        }
        if (problems.Count > 0) toPost.RemoveAll(r => problems.Any(p => p.Line == r.Csv.Line));

        // From here on, the import must succeed: one transaction for the whole file, with the entities it opens.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var entity in opened.Where(e => toPost.Exists(r => r.EntityId == e.Id)))
            await new CreateLegalEntity(db, clock, actor).ExecuteAsync(entity.Id, entity.Name,
                entity.FunctionalCurrency, ct: ct);
        // A load as large as what is on file builds the indexes afterwards (far quicker than row by row).
        var bulk = await BulkLoad.BeginAsync(db, toPost.Count, ct, "open_items", "journal_lines");
        var accounts = new Dictionary<string, (int Ar, int Clearing)>();
        foreach (var id in toPost.Select(r => r.EntityId).Distinct())
            accounts[id] = ((await journal.AccountAsync(id, AccountRole.ArControl, ct)).Id,
                (await journal.AccountAsync(id, AccountRole.OpeningBalanceClearing, ct)).Id);
        var now = clock.GetUtcNow();
        // One opening-balance entry per entity, invoice date, currency and kind (at most MaxItemsPerEntry items):
        // an AR line per item, naming it, and one clearing line with the total. Same-sign lines make the clearing
        // line the largest, so the conversion remainder lands there and each item is booked at its own converted
        // amount, as if posted alone. The items are written by RowWriter, not tracked one by one: a million rows
        // through the change tracker cost more than everything else together.
        var groups = toPost.GroupBy(r => (r.EntityId, r.InvoiceDate, r.Currency, r.Open < 0))
            .SelectMany(g => g.Chunk(MaxItemsPerEntry)).ToList();
        var items = new Dictionary<Guid, OpenItem>();
        foreach (var group in groups)
        {
            var (entityId, date, currency) = (group[0].EntityId, group[0].InvoiceDate, group[0].Currency);
            var (ar, clearing) = accounts[entityId];
            var lines = new List<PostingLine>(group.Length + 1);
            long total = 0;
            foreach (var r in group)
            {
                var signedOriginal = r.Open < 0 ? -Math.Abs(r.Original) : Math.Abs(r.Original);
                // Time-ordered ids (version 7): a million new keys land at the end of the key indexes, not all over.
                var item = new OpenItem
                {
                    Id = Guid.CreateVersion7(), LegalEntityId = r.EntityId, CustomerId = r.CustomerId,
                    Kind = r.Open < 0 ? OpenItemKind.CreditMemo : OpenItemKind.Invoice, Number = r.Number,
                    NumberKey = DocumentNumbers.Key(r.Number), PoNumber = r.Po, DocumentDate = r.InvoiceDate,
                    DueDate = r.DueDate, Currency = r.Currency.Code, OriginalMinor = signedOriginal, OpenMinor = 0,
                    DiscountPercent = r.DiscountPercent, DiscountDueDate = r.DiscountDueDate, AccountId = ar,
                    CreatedAt = now,
                };
                items[item.Id] = item;
                lines.Add(new PostingLine(ar, new Money.Money(r.Open, currency), r.CustomerId, item.Id));
                total = checked(total + r.Open);
            }
            lines.Add(new PostingLine(clearing, new Money.Money(-total, currency)));
            var memo = group.Length == 1 ? $"Opening balance {group[0].Number}"
                : $"Opening balances {date:yyyy-MM-dd} {currency.Code}: {group.Length} items of {fileName}";
            var source = group.Length == 1 ? group[0].Number : fileName;
            var (entry, error, detail) = await journal.PostAsync(Guid.CreateVersion7(), entityId, date,
                "opening_balance", memo.Length > 400 ? memo[..400] : memo, lines,
                source.Length > 200 ? source[..200] : source,
                isFreshId: true, ct: ct, items: items);
            System.Diagnostics.Debug.Assert(entry is not null, $"{error}: {detail}");
            if (entry is null)
                throw new InvalidOperationException($"Posting {group[0].Number} failed after checks: {error} {detail}");
            if (items.Count >= 5000) await FlushAsync(items, ct);
        }
        await FlushAsync(items, ct);
        await bulk.EndAsync(ct);
        new AuditTrail(db, clock, actor).Record("import.open_items", "import", fileName, null,
            new { File = fileName, Rows = table.Rows.Count, Posted = toPost.Count, Unchanged = unchanged,
                Rejected = problems.Count });
        db.ImportBatches.Add(new ImportBatch
        {
            Id = Guid.CreateVersion7(), Kind = "open_items", ContentSha256 = hash, FileName = fileName,
            Rows = table.Rows.Count, At = now, Actor = actor,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (problems.Count > 0 && rejectPath is not null)
            RejectFile.Write(rejectPath, table.Header, table.Rows, problems);
        return new ImportResult(false, toPost.Count, unchanged, 0, problems,
            RejectFile: problems.Count > 0 ? rejectPath : null)
        {
            OpenedEntities = [.. opened.Select(e => e.Id).Where(id => toPost.Exists(r => r.EntityId == id))],
            Notes = [.. journal.IndicativeRatesAdded.Select(IndicativeRates.Note)],
        };
    }


    /// <summary>Items per opening-balance entry (bounded, so an entry stays readable and quick to seal).</summary>
    public const int MaxItemsPerEntry = 1000;

    /// <summary>Writes the items (their balances moved by the postings) and the entries, then starts afresh.</summary>
    private async Task FlushAsync(Dictionary<Guid, OpenItem> items, CancellationToken ct)
    {
        await RowWriter.InsertAsync(db, items.Values.ToList(), ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        items.Clear();
    }

    /// <summary>
    /// The invoices and credit memos of the file already on file, by entity and number. A large file reads the
    /// entities' documents once; a small one looks its numbers up on the unique index (entity, kind, number).
    /// </summary>
    private async Task<Dictionary<(string, string), OpenItem>> OnFileAsync(List<Row> rows, CancellationToken ct)
    {
        var onFile = new Dictionary<(string, string), OpenItem>();
        var kinds = new[] { OpenItemKind.Invoice, OpenItemKind.CreditMemo };
        foreach (var entity in rows.GroupBy(r => r.EntityId))
        {
            if (entity.Count() > 5000)
            {
                var numbers = entity.Select(r => r.Number).ToHashSet();
                await foreach (var item in db.OpenItems.AsNoTracking()
                                   .Where(o => o.LegalEntityId == entity.Key && kinds.Contains(o.Kind))
                                   .AsAsyncEnumerable().WithCancellation(ct))
                    if (numbers.Contains(item.Number)) onFile[(item.LegalEntityId, item.Number)] = item;
                continue;
            }
            foreach (var kind in kinds)
                foreach (var chunk in entity.Select(r => r.Number).Chunk(500))
                    foreach (var item in await db.OpenItems.AsNoTracking()
                                 .Where(o => o.LegalEntityId == entity.Key && o.Kind == kind
                                     && chunk.Contains(o.Number))
                                 .ToListAsync(ct))
                        onFile[(item.LegalEntityId, item.Number)] = item;
        }
        return onFile;
    }

    /// <summary>
    /// Legal entities the file names that are not on file: opened with the import (as a customers file opens them),
    /// keeping their books in the currency most of their rows are in. Added to <paramref name="entities"/> so the
    /// rows validate; created in the import's transaction.
    /// </summary>
    private static List<LegalEntity> OpenedEntities(CsvTable table, Dictionary<string, LegalEntity> entities)
    {
        var opened = new List<LegalEntity>();
        foreach (var g in table.Rows.GroupBy(r => r["legal_entity"])
                     .Where(g => g.Key.Length > 0 && !entities.ContainsKey(g.Key)))
        {
            if (string.IsNullOrWhiteSpace(g.Key) || g.Key.Length > 20) continue;
            var currency = g.Select(r => r["currency"].ToUpperInvariant()).Where(Currency.IsKnown).GroupBy(c => c)
                .OrderByDescending(c => c.Count()).ThenBy(c => c.Key).Select(c => c.Key).FirstOrDefault();
            if (currency is null) continue;
            var entity = new LegalEntity { Id = g.Key, Name = g.Key, FunctionalCurrency = currency };
            entities[g.Key] = entity;
            opened.Add(entity);
        }
        return opened;
    }

    /// <summary>
    /// An entity opened by a customers import takes its functional currency from the currency most of its rows in
    /// this file are in, before anything posts (so an all-USD entity keeps its books in USD, needing no rates).
    /// </summary>
    private async Task FixProvisionalCurrenciesAsync(CsvTable table, IReadOnlyDictionary<string, string> customers,
        Dictionary<string, LegalEntity> entities, CancellationToken ct)
    {
        foreach (var entity in entities.Values.Where(e => e.IsProvisional).ToList())
        {
            var currency = table.Rows.Where(r => customers.GetValueOrDefault(r["customer_id"]) == entity.Id)
                .Select(r => r["currency"].ToUpperInvariant()).Where(Currency.IsKnown)
                .GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key)
                .FirstOrDefault();
            if (currency is null || await db.JournalEntries.AnyAsync(e => e.LegalEntityId == entity.Id, ct)) continue;
            var tracked = await db.LegalEntities.FirstAsync(e => e.Id == entity.Id, ct);
            tracked.FunctionalCurrency = currency;
            tracked.IsProvisional = false;
            new AuditTrail(db, clock, actor).Record("legal_entity.functional_currency", "legal_entity", entity.Id,
                new { entity.FunctionalCurrency }, new { FunctionalCurrency = currency }, entity.Id);
            await db.SaveChangesAsync(ct);
            entities[entity.Id] = tracked;
        }
    }

    private static Row? Parse(CsvRow csv, IReadOnlyDictionary<string, string> customers,
        IReadOnlyDictionary<string, LegalEntity> entities, List<ImportProblem> problems)
    {
        var line = csv.Line;
        var customerId = csv["customer_id"];
        string? entityId = null;
        if (customerId.Length == 0) problems.Add(new(line, "customer_id", "is empty"));
        else if (!customers.TryGetValue(customerId, out entityId))
            problems.Add(new(line, "customer_id", $"unknown customer '{customerId}' (import customers first)"));
        // A customer may owe several of the group's companies: the row's entity, else the customer's.
        if (csv["legal_entity"].Length > 0)
        {
            if (!entities.ContainsKey(csv["legal_entity"]))
                problems.Add(new(line, "legal_entity", $"'{csv["legal_entity"]}' is not a legal entity id"));
            else if (entityId is not null) entityId = csv["legal_entity"];
        }
        var number = csv["invoice_number"];
        if (number.Length == 0) problems.Add(new(line, "invoice_number", "is empty"));
        var invoiceDate = Date(csv, "invoice_date", problems, required: true);
        var dueDate = Date(csv, "due_date", problems, required: true);
        if (!Currency.TryParse(csv["currency"], out var currency))
        {
            problems.Add(new(line, "currency", $"unknown currency '{csv["currency"]}'"));
            return null;
        }
        var original = Amount(csv, "original_amount", currency, problems);
        var open = Amount(csv, "open_amount", currency, problems);
        if (original is { } o && open is { } p)
        {
            if (p == 0) problems.Add(new(line, "open_amount", "is zero: nothing is open"));
            else if (Math.Abs(p) > Math.Abs(o))
                problems.Add(new(line, "open_amount", "is larger than original_amount"));
            else if (o != 0 && Math.Sign(o) != Math.Sign(p))
                problems.Add(new(line, "open_amount", "has the opposite sign of original_amount"));
        }
        decimal? pct = null;
        if (csv["discount_percent"].Length > 0)
        {
            if (decimal.TryParse(csv["discount_percent"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                    out var d) && d is >= 0 and < 100) pct = d;
            else problems.Add(new(line, "discount_percent", $"'{csv["discount_percent"]}' is not a percentage 0-100"));
        }
        var discountDue = Date(csv, "discount_due_date", problems, required: false);
        if (pct is not null && discountDue is null)
            problems.Add(new(line, "discount_due_date", "is required when discount_percent is given"));
        if (problems.Count > 0 || entityId is null) return null;
        return new Row(csv, entityId, customerId, number, csv["po_number"].Length > 0 ? csv["po_number"] : null,
            invoiceDate!.Value, dueDate!.Value, currency, original!.Value, open!.Value, pct, discountDue);
    }

    internal static DateOnly? Date(CsvRow csv, string column, List<ImportProblem> problems, bool required)
    {
        var text = csv[column];
        if (text.Length == 0)
        {
            if (required) problems.Add(new(csv.Line, column, "is empty"));
            return null;
        }
        if (IsoDate(text) is { } d) return d;
        problems.Add(new(csv.Line, column, $"'{text}' is not a date (YYYY-MM-DD)"));
        return null;
    }

    /// <summary>YYYY-MM-DD read by hand (DateOnly.TryParseExact cost more than the rest of a row); null when it is
    /// not a valid date.</summary>
    private static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        int Digits(int start, int count)
        {
            var n = 0;
            for (var i = start; i < start + count; i++)
            {
                if (text[i] is < '0' or > '9') return -1;
                n = n * 10 + (text[i] - '0');
            }
            return n;
        }
        int year = Digits(0, 4), month = Digits(5, 2), day = Digits(8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    private static long? Amount(CsvRow csv, string column, Currency currency, List<ImportProblem> problems)
    {
        if (Amounts.TryParseMinor(csv[column], currency, out var minor, out var error)) return minor;
        problems.Add(new(csv.Line, column, error));
        return null;
    }
}
