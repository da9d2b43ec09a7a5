using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OrderToCash.Audit;
using OrderToCash.Data;
using OrderToCash.LegalEntities;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.BankStatements;

public enum ImportStatementError
{
    Unreadable, NoAccount, UnknownCurrency, TooManyLines, Posting, ImportedConcurrently, UnknownLegalEntity,
}

/// <summary>Open items of one entity in one currency (where an unregistered account belongs).</summary>
internal sealed record ItemCount(string LegalEntityId, string Currency, int Items);

/// <summary>What the import did with one statement of the file.</summary>
/// <param name="NewLines">Lines stored now (receipts posted to suspense, charges posted, the rest ignored).</param>
/// <param name="KnownLines">Lines already stored by an earlier import (same natural key): nothing added.</param>
/// <param name="LinkedLines">End-of-day lines that repeat an intraday line: linked to it, not posted again.</param>
public sealed record StatementSummary(
    int Position, string Account, string Currency, string? StatementId, int Entries, int Lines, long CreditsMinor,
    long DebitsMinor, BalanceCheck BalanceCheck, int NewLines, int KnownLines, int LinkedLines, int Receipts,
    int Charges, int Ignored, bool WasAlreadyImported);

public sealed record ImportStatementResult(
    ImportStatementError? Error, string Detail, StatementParseException? ParseError, string? Format,
    IReadOnlyList<StatementSummary> Statements, IReadOnlyList<string> OpenedAccounts, IReadOnlyList<string> Warnings)
{
    public bool IsRefused => Error is not null;

    public static ImportStatementResult Refused(ImportStatementError error, string detail,
        StatementParseException? parse = null) => new(error, detail, parse, null, [], [], []);
}

/// <summary>
/// Imports a bank statement file of any supported format: stores statements and lines under their natural keys
/// and recognises the cash. Every credit posts Dr bank / Cr suspense (unidentified until cash application
/// identifies the payer); bank charges post Dr bank charges / Cr bank; other debits are stored as ignored
/// (outgoing payments are not the AR ledger's). The whole file is one transaction; a refused file writes nothing.
/// </summary>
public sealed class ImportStatement(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>Bound on lines stored from one file; a larger file is refused, never cut short.</summary>
    public const int MaxLines = 2_000_000;

    public async Task<ImportStatementResult> ExecuteAsync(string fileName, Stream content, bool strict = false,
        string? legalEntityId = null, CancellationToken ct = default)
    {
        if (legalEntityId is not null && !await db.LegalEntities.AnyAsync(e => e.Id == legalEntityId, ct))
            return ImportStatementResult.Refused(ImportStatementError.UnknownLegalEntity,
                $"{fileName}: legal entity {legalEntityId} is not on file (o2c entity list)");
        var bytes = await ReadAllAsync(content, ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        ParsedFile parsed;
        try
        {
            parsed = StatementParser.Parse(new MemoryStream(bytes, writable: false), fileName,
                new ParseOptions(Strict: strict));
        }
        catch (StatementParseException e)
        {
            return ImportStatementResult.Refused(ImportStatementError.Unreadable, e.Message, e);
        }
        StepTrace.Step("statement file read and parsed");
        var lineCount = parsed.Statements.Sum(s => s.Entries.Sum(e => Math.Max(1, e.Transactions.Count)));
        if (lineCount > MaxLines)
            return ImportStatementResult.Refused(ImportStatementError.TooManyLines,
                $"{fileName}: {lineCount} lines, more than the {MaxLines} one import takes; split the file");
        foreach (var (s, i) in parsed.Statements.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(s.Account) || AccountNumber(s.Account, s.Currency).Length == 0)
                return ImportStatementResult.Refused(ImportStatementError.NoAccount,
                    $"{fileName}: line {s.LineNumber}: statement {i + 1} names no account");
            if (!Currency.TryParse(s.Currency, out _))
                return ImportStatementResult.Refused(ImportStatementError.UnknownCurrency,
                    $"{fileName}: line {s.LineNumber}: {s.Currency} is not an active ISO 4217 currency");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = new Run(db, clock, actor, legalEntityId, parsed, fileName, hash);
        var (error, detail) = await run.ExecuteAsync(ct);
        StepTrace.Step("lines posted");
        if (error is not null)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ImportStatementResult.Refused(error.Value, detail);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            StepTrace.Step("statements and entries saved");
            // The lines after the statements and entries they name; outside the change tracker, which would cost
            // more than writing them (on PostgreSQL they join the unit of work, saved by the second call).
            await RowWriter.InsertAsync(db, run.Lines, ct);
            await db.SaveChangesAsync(ct);
            StepTrace.Step("lines written");
            await transaction.CommitAsync(ct);
            StepTrace.Step("committed");
        }
        catch (DbUpdateException e)
        {
            // Another import stored the same statement or booking between our checks and our save: the unique
            // natural keys refused ours. Nothing of this import is written; importing again adds what is new.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ImportStatementResult.Refused(ImportStatementError.ImportedConcurrently,
                $"{fileName}: imported at the same time by another run; import it again ({e.InnerException?.Message})");
        }
        db.ChangeTracker.Clear();
        return new ImportStatementResult(null, "", null, parsed.Format, run.Summaries, run.Opened,
            [.. parsed.Warnings, .. run.IndicativeRates.Select(Money.IndicativeRates.Note)]);
    }

    /// <summary>The account number a statement's account id stands for: normalised, currency suffix removed.</summary>
    public static string AccountNumber(string account, string currency)
    {
        var number = RegisterBankAccount.Normalise(account);
        // "NL77INGB0574908765EUR" (ING :25:) is the IBAN followed by the currency.
        if (number.Length > 12 && number.EndsWith(currency, StringComparison.Ordinal)) number = number[..^3];
        return number;
    }

    private static async Task<byte[]> ReadAllAsync(Stream content, CancellationToken ct)
    {
        if (content is MemoryStream { Position: 0 } memory && memory.TryGetBuffer(out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length) return segment.Array;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    /// <summary>One import inside its transaction: accounts first, then every statement's lines and postings.</summary>
    private sealed class Run(O2cDb db, TimeProvider clock, string actor, string? legalEntityId, ParsedFile parsed,
        string fileName, string hash)
    {
        private readonly Journal _journal = new(db, clock, actor);
        private readonly Dictionary<Guid, HashSet<(DateOnly, string, long, int)>> _addedKeys = new();
        public List<StatementSummary> Summaries { get; } = [];

        /// <summary>The new lines, written after the unit of work (see <see cref="ImportStatement"/>).</summary>
        public List<StatementLine> Lines { get; } = [];

        // Refund payments already linked to a line of this file.
        private readonly HashSet<Guid> _refundsLinked = [];
        public List<string> Opened { get; } = [];
        private List<ItemCount>? _itemCounts;
        private Dictionary<string, (string Functional, string? Country)>? _functional;
        public IReadOnlyList<FxRate> IndicativeRates => _journal.IndicativeRatesAdded;

        public async Task<(ImportStatementError?, string)> ExecuteAsync(CancellationToken ct)
        {
            var known = await db.BankStatements.AsNoTracking().Where(s => s.ContentSha256 == hash)
                .Select(s => s.Position).ToListAsync(ct);
            // The accounts first: opening one saves, and a save before any line is added has nothing to scan.
            var banks = new Dictionary<int, BankAccount>();
            for (var i = 0; i < parsed.Statements.Count; i++)
                if (!known.Contains(i + 1)) banks[i] = await AccountAsync(parsed.Statements[i], ct);
            StepTrace.Step("bank accounts");
            var position = 1;
            for (var i = 0; i < parsed.Statements.Count; i++)
            {
                var statement = parsed.Statements[i];
                var first = position;
                position += statement.Entries.Count;
                if (known.Contains(i + 1))
                {
                    Summaries.Add(Summary(i + 1, statement, [], 0, 0, 0, wasImported: true));
                    continue;
                }
                var (error, detail) = await ImportAsync(i + 1, statement, banks[i], first, ct);
                if (error is not null) return (error, detail);
            }
            return (null, "");
        }

        private async Task<BankAccount> AccountAsync(ParsedStatement statement, CancellationToken ct)
        {
            var currency = Currency.Of(statement.Currency);
            var number = AccountNumber(statement.Account!, currency.Code);
            var bank = await db.BankAccounts.FirstOrDefaultAsync(
                b => b.AccountNumber == number && b.Currency == currency.Code, ct);
            if (bank is not null) return bank;
            var entity = legalEntityId ?? await EntityForAsync(currency, number, ct);
            bank = await new RegisterBankAccount(db, clock, actor).ExecuteAsync(entity, number, currency,
                name: $"Opened by statement import of {fileName}", ct: ct);
            Opened.Add($"{number} {currency.Code} under {entity}");
            return bank;
        }

        /// <summary>
        /// The legal entity an unregistered account is opened under when the caller names none. A company keeps its
        /// accounts, in its own and in foreign currencies, mostly with banks of its own country: an IBAN's country
        /// points at the entity set in that country, else at the entity keeping its books in that country's currency
        /// (several: the one whose id starts with the country code, then the one with the most open items). Without
        /// a country (a domestic number) or such an entity: the entity keeping its books in the statement's currency
        /// with the most open items; else the entity with the most open items in that currency; else DEFAULT. So a
        /// fresh database with entities DE01/EUR and US01/USD puts a USD statement of a German account under DE01
        /// and one of an American account under US01, not under DEFAULT as a wrong pocket.
        /// </summary>
        private async Task<string> EntityForAsync(Currency currency, string account, CancellationToken ct)
        {
            // Counted once per import, however many unregistered accounts its statements name.
            _itemCounts ??= await db.OpenItems.AsNoTracking()
                .GroupBy(o => new { o.LegalEntityId, o.Currency })
                .Select(g => new ItemCount(g.Key.LegalEntityId, g.Key.Currency, g.Count())).ToListAsync(ct);
            _functional ??= await db.LegalEntities.AsNoTracking()
                .ToDictionaryAsync(e => e.Id, e => (e.FunctionalCurrency, e.Country), ct);
            var (counts, entities) = (_itemCounts, _functional);
            static int Rank(string id) => id == LegalEntity.DefaultId ? 0 : 1;
            if (HomeCurrencies.CountryOfAccount(account) is { } country)
            {
                var home = HomeCurrencies.Of(country);
                var local = entities.Where(e => country.Equals(e.Value.Country, StringComparison.OrdinalIgnoreCase))
                    .Select(e => e.Key).ToList();
                if (local.Count == 0) local = [.. entities.Where(e => e.Value.Functional == home).Select(e => e.Key)];
                var chosen = local
                    .OrderByDescending(id => id.StartsWith(country, StringComparison.OrdinalIgnoreCase))
                    .ThenByDescending(id => counts.Where(c => c.LegalEntityId == id).Sum(c => c.Items))
                    .ThenBy(Rank).ThenBy(id => id, StringComparer.Ordinal).FirstOrDefault();
                if (chosen is not null) return chosen;
            }
            var books = counts.Where(c => entities.GetValueOrDefault(c.LegalEntityId).Functional == currency.Code)
                .GroupBy(c => c.LegalEntityId).Select(g => (Id: g.Key, Items: g.Sum(c => c.Items)))
                .OrderByDescending(g => g.Items).ThenBy(g => Rank(g.Id)).ThenBy(g => g.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (books.Id is not null) return books.Id;
            var holding = counts.Where(c => c.Currency == currency.Code)
                .OrderByDescending(c => c.Items).ThenBy(c => Rank(c.LegalEntityId))
                .ThenBy(c => c.LegalEntityId, StringComparer.Ordinal).FirstOrDefault();
            return holding?.LegalEntityId ?? LegalEntity.DefaultId;
        }

        private async Task<(ImportStatementError?, string)> ImportAsync(int index, ParsedStatement statement,
            BankAccount bank, int firstPosition, CancellationToken ct)
        {
            var ledger = await db.Accounts.FirstAsync(a => a.BankAccountId == bank.Id, ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var drafts = StatementLines.Draft(statement, firstPosition, today);
            var books = await _journal.EntityAsync(bank.LegalEntityId, ct);
            if (drafts.Count > 0 && books!.FunctionalCurrency != bank.Currency)
                await _journal.RateOrIndicativeAsync(Currency.Of(bank.Currency), Currency.Of(books.FunctionalCurrency),
                    drafts.Min(d => d.BookingDate), ct);
            var isIntraday = parsed.Format is StatementFormats.Camt052 or StatementFormats.Mt942;
            var stored = new BankStatement
            {
                Id = Guid.CreateVersion7(), LegalEntityId = bank.LegalEntityId, BankAccountId = bank.Id,
                Format = parsed.Format, IsIntraday = isIntraday, StatementId = statement.StatementId,
                Account = statement.Account!, Currency = bank.Currency,
                OpeningBalanceMinor = statement.OpeningBalance?.AmountMinor,
                ClosingBalanceMinor = statement.ClosingBalance?.AmountMinor,
                FromDate = statement.FromDate, ToDate = statement.ToDate, FileName = fileName, ContentSha256 = hash,
                Position = index, Entries = statement.Entries.Count, BalanceCheck = Check(statement),
                ImportedAt = clock.GetUtcNow(), ImportedBy = actor,
            };
            db.BankStatements.Add(stored);
            var existing = await ExistingAsync(bank.Id, drafts, ct);
            var added = _addedKeys.TryGetValue(bank.Id, out var set) ? set : _addedKeys[bank.Id] = [];
            int known = 0, linked = 0;
            var lines = new List<StatementLine>();
            foreach (var draft in drafts)
            {
                if (existing.TryGetValue(draft.Key, out var found))
                {
                    if (found.IsIntraday && !isIntraday && found.ConfirmedBy is null)
                    {
                        var line = await db.StatementLines.FirstAsync(l => l.Id == found.Id, ct);
                        line.ConfirmedByStatementId = stored.Id;
                        linked++;
                    }
                    else known++;
                    continue;
                }
                if (!added.Add(draft.Key)) { known++; continue; }
                var (posted, error, detail) = await StoreAsync(draft, stored, ledger.Id, ct);
                if (error is not null) return (ImportStatementError.Posting, detail);
                lines.Add(posted!);
            }
            StepTrace.Step($"statement {index}: {lines.Count} lines");
            Summaries.Add(Summary(index, statement, lines, drafts.Count, known, linked, wasImported: false));
            new AuditTrail(db, clock, actor).Record("bank_statement.imported", "bank_statement", stored.Id.ToString(),
                null, new { stored.FileName, stored.Account, stored.StatementId, New = lines.Count, known, linked },
                stored.LegalEntityId);
            return (null, "");
        }

        private sealed record Existing(Guid Id, bool IsIntraday, Guid? ConfirmedBy);

        private async Task<Dictionary<(DateOnly, string, long, int), Existing>> ExistingAsync(Guid bankAccountId,
            List<LineDraft> drafts, CancellationToken ct)
        {
            if (drafts.Count == 0) return [];
            var from = drafts.Min(d => d.BookingDate);
            var to = drafts.Max(d => d.BookingDate);
            var rows = await db.StatementLines.AsNoTracking()
                .Where(l => l.BankAccountId == bankAccountId && l.BookingDate >= from && l.BookingDate <= to)
                .Join(db.BankStatements, l => l.StatementId, s => s.Id, (l, s) => new
                {
                    l.Id, l.BookingDate, l.KeyReference, l.AmountMinor, l.Occurrence, s.IsIntraday,
                    l.ConfirmedByStatementId,
                })
                .ToListAsync(ct);
            return rows.ToDictionary(r => (r.BookingDate, r.KeyReference, r.AmountMinor, r.Occurrence),
                r => new Existing(r.Id, r.IsIntraday, r.ConfirmedByStatementId));
        }

        private async Task<(StatementLine?, LedgerError?, string)> StoreAsync(LineDraft draft, BankStatement statement,
            int bankLedgerId, CancellationToken ct)
        {
            var e = draft.Entry;
            var instructed = Instructed(e, statement.Currency);
            var line = new StatementLine
            {
                Id = Guid.CreateVersion7(), StatementId = statement.Id, BankAccountId = statement.BankAccountId,
                LegalEntityId = statement.LegalEntityId, Position = draft.Position,
                BatchTransactionIndex = draft.BatchTransactionIndex, BatchReference = draft.BatchReference,
                BankReference = e.BankReference, KeyReference = draft.KeyReference, Occurrence = draft.Occurrence,
                BookingDate = draft.BookingDate, ValueDate = e.ValueDate, AmountMinor = e.AmountMinor,
                Currency = statement.Currency, CounterpartyName = Cut(e.CounterpartyName, 200),
                CounterpartyAccount = Cut(e.CounterpartyAccount, 70), Remittance = e.Remittance ?? e.Information,
                StructuredReferences =
                    e.StructuredReferences.Count == 0 ? null : string.Join(';', e.StructuredReferences),
                EndToEndId = e.EndToEndId, BankTransactionCode = e.BankTransactionCode,
                InstructedMinor = instructed?.Minor, InstructedCurrency = instructed?.Currency.Code,
            };
            var amount = new Money.Money(Math.Abs(e.AmountMinor), Currency.Of(statement.Currency));
            var reference = e.BankReference ?? draft.KeyReference;
            List<PostingLine>? posting = null;
            string kind = "", memo = "";
            switch (draft.Kind)
            {
                case LineKind.Receipt:
                    var suspense = await _journal.AccountAsync(statement.LegalEntityId, AccountRole.Suspense, ct);
                    posting = [new(bankLedgerId, amount), new(suspense.Id, -amount)];
                    (kind, memo) = ("receipt", $"Unidentified receipt {reference}");
                    line.Status = StatementLineStatus.Unidentified;
                    break;
                case LineKind.BankCharge:
                    var charges = await _journal.AccountAsync(statement.LegalEntityId, AccountRole.BankCharges, ct);
                    posting = [new(charges.Id, amount), new(bankLedgerId, -amount)];
                    (kind, memo) = ("bank_charge", $"Bank charge {reference}");
                    (line.Status, line.StatusReason) = (StatementLineStatus.Ignored, "bank charge posted");
                    break;
                case LineKind.OutgoingPayment when await RefundPaymentAsync(e, statement, bankLedgerId, ct) is { } paid:
                    // A refund paid by PayRefunds comes back with its end-to-end id: already posted, linked here.
                    line.JournalEntryId = paid;
                    (line.Status, line.StatusReason) = (StatementLineStatus.Ignored, "refund paid");
                    break;
                default:
                    (line.Status, line.StatusReason) = (StatementLineStatus.Ignored, draft.Kind switch
                    {
                        LineKind.Pending => "pending entry (not booked)",
                        LineKind.Zero => "zero amount",
                        _ => "outgoing payment (not an AR receipt)",
                    });
                    break;
            }
            if (posting is not null)
            {
                var (entry, error, detail) = await _journal.PostAsync(Guid.CreateVersion7(), statement.LegalEntityId,
                    draft.BookingDate, kind, memo, posting, Cut(reference, 200), isFreshId: true, ct: ct);
                if (entry is null)
                    return (null, error, $"{fileName}: line {e.LineNumber}: {error}: {detail}");
                line.JournalEntryId = entry.Id;
            }
            Lines.Add(line);
            return (line, null, "");
        }

        private async Task<Guid?> RefundPaymentAsync(StatementEntry e, BankStatement statement, int bankLedgerId,
            CancellationToken ct)
        {
            foreach (var candidate in new[] { e.EndToEndId, e.CustomerReference })
            {
                if (candidate is not { Length: 15 } || !candidate.StartsWith("RF", StringComparison.Ordinal)) continue;
                var id = await db.JournalEntries.Where(x => x.LegalEntityId == statement.LegalEntityId
                        && x.Kind == "refund_payment" && x.Source == candidate
                        && db.JournalLines.Any(l => l.EntryId == x.Id && l.AccountId == bankLedgerId
                            && l.AmountMinor == e.AmountMinor))
                    .Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
                if (id is not null && !_refundsLinked.Contains(id.Value)
                    && !await db.StatementLines.AnyAsync(l => l.JournalEntryId == id, ct))
                {
                    _refundsLinked.Add(id.Value);
                    return id;
                }
            }
            return null;
        }

        private StatementSummary Summary(int index, ParsedStatement s, List<StatementLine> lines, int drafts,
            int known, int linked, bool wasImported) => new(
            index, s.Account ?? "", s.Currency, s.StatementId, s.Entries.Count, drafts,
            s.Entries.Where(e => e.IsBooked && e.AmountMinor > 0).Sum(e => e.AmountMinor),
            s.Entries.Where(e => e.IsBooked && e.AmountMinor < 0).Sum(e => e.AmountMinor), Check(s), lines.Count,
            wasImported ? drafts : known, linked,
            lines.Count(l => l.Status == StatementLineStatus.Unidentified),
            lines.Count(l => l.StatusReason == "bank charge posted"),
            lines.Count(l => l.Status == StatementLineStatus.Ignored && l.JournalEntryId is null), wasImported);

        /// <summary>The amount the payer instructed in another currency than the account's, exactly (an amount
        /// with more decimals than its currency has is not used: never rounded).</summary>
        private static Money.Money? Instructed(StatementEntry e, string accountCurrency)
        {
            if (e.OriginalAmount is not { } text || e.OriginalCurrency == accountCurrency
                || !Currency.TryParse(e.OriginalCurrency, out var currency)
                || !Amounts.TryParseMinor(text, currency, out var minor, out _) || minor <= 0) return null;
            return new Money.Money(minor, currency);
        }

        private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
    }

    /// <summary>Opening + Σ booked entries = closing, when the statement states both balances.</summary>
    public static BalanceCheck Check(ParsedStatement s)
    {
        if (s.OpeningBalance is null || s.ClosingBalance is null) return BalanceCheck.NoBalances;
        var sum = s.Entries.Where(e => e.IsBooked)
            .Aggregate(s.OpeningBalance.AmountMinor, (a, e) => checked(a + e.AmountMinor));
        return sum == s.ClosingBalance.AmountMinor ? BalanceCheck.Balanced : BalanceCheck.Mismatch;
    }
}
