using Microsoft.EntityFrameworkCore;
using OrderToCash.Data;
using OrderToCash.LegalEntities;

namespace OrderToCash.BankStatements;

public enum ReconcileBankError { UnknownAccount, AmbiguousAccount, InvalidRange }

public enum DifferenceKind { LineNotAccounted, LedgerLineWithoutStatementLine }

/// <summary>One thing that keeps the bank account and its ledger account from tying out.</summary>
public sealed record ReconciliationDifference(DifferenceKind Kind, DateOnly Date, long AmountMinor, string Reference,
    string Detail);

/// <summary>A stored bank reconciliation run: what was compared and whether it tied out.</summary>
public sealed class BankReconciliation
{
    public Guid Id { get; init; }
    public Guid BankAccountId { get; init; }
    public DateOnly FromDate { get; init; }
    public DateOnly ToDate { get; init; }
    public required string Currency { get; init; }
    public int StatementLines { get; init; }
    public int LedgerLines { get; init; }
    /// <summary>Σ statement lines that the ledger recognised (receipts, charges, paid refunds).</summary>
    public long PostedNetMinor { get; init; }
    /// <summary>
    /// Σ statement lines ignored with a reason (outgoing payments the AR ledger does not own, pending).
    /// </summary>
    public long IgnoredNetMinor { get; init; }
    /// <summary>Σ lines on the bank's ledger account in the range.</summary>
    public long LedgerNetMinor { get; init; }
    public int Differences { get; init; }
    public bool IsTiedOut { get; init; }
    /// <summary>The differences, one per line (at most <see cref="ReconcileBank.MaxListed"/>).</summary>
    public string? DifferencesText { get; init; }
    public DateTimeOffset RunAt { get; init; }
    public required string RunBy { get; init; }
}

public sealed record BankReconciliationReport(ReconcileBankError? Error, string Detail, BankReconciliation? Run,
    string AccountNumber, IReadOnlyList<ReconciliationDifference> Differences);

/// <summary>
/// Ties a bank account's statement lines to its ledger account for a date range: every line is accounted for
/// (posted, or ignored with a reason) and every line posted to the bank ledger account comes from a statement
/// line. Stores the run as a <see cref="BankReconciliation"/> record.
/// </summary>
public sealed class ReconcileBank(O2cDb db, TimeProvider clock, string actor)
{
    /// <summary>Differences listed per run; the count is always complete.</summary>
    public const int MaxListed = 1000;

    public async Task<BankReconciliationReport> ExecuteAsync(string account, DateOnly? from = null, DateOnly? to = null,
        string? currency = null, CancellationToken ct = default)
    {
        var number = RegisterBankAccount.Normalise(account);
        var banks = await db.BankAccounts.AsNoTracking()
            .Where(b => b.AccountNumber == number && (currency == null || b.Currency == currency)).ToListAsync(ct);
        if (banks.Count == 0) return Refused(ReconcileBankError.UnknownAccount, $"no bank account {number}", number);
        if (banks.Count > 1)
            return Refused(ReconcileBankError.AmbiguousAccount,
                $"{number} is held in {string.Join(", ", banks.Select(b => b.Currency))}; name the currency", number);
        var bank = banks[0];
        var start = from ?? DateOnly.MinValue;
        var end = to ?? DateOnly.MaxValue;
        if (start > end) return Refused(ReconcileBankError.InvalidRange, $"{start} is after {end}", number);
        var ledger = await db.Accounts.AsNoTracking().FirstAsync(a => a.BankAccountId == bank.Id, ct);

        var lines = await db.StatementLines.AsNoTracking()
            .Where(l => l.BankAccountId == bank.Id && l.BookingDate >= start && l.BookingDate <= end)
            .Select(l => new { l.BookingDate, l.AmountMinor, l.BankReference, l.KeyReference, l.JournalEntryId,
                l.Status, l.StatusReason, l.Position })
            .ToListAsync(ct);
        var ledgerLines = await db.JournalLines.AsNoTracking().Where(l => l.AccountId == ledger.Id)
            .Join(db.JournalEntries, l => l.EntryId, e => e.Id, (l, e) => new { l.EntryId, l.AmountMinor, e.PostingDate,
                e.Memo, e.Source })
            .Where(x => x.PostingDate >= start && x.PostingDate <= end).ToListAsync(ct);
        // A ledger line ties to a statement line of any date: the bank may book a day after the ledger posted.
        var tied = (await db.StatementLines.AsNoTracking()
                .Where(l => l.BankAccountId == bank.Id && l.JournalEntryId != null)
                .Select(l => l.JournalEntryId!.Value).ToListAsync(ct)).ToHashSet();

        var differences = new List<ReconciliationDifference>();
        long posted = 0, ignored = 0;
        foreach (var l in lines)
        {
            if (l.JournalEntryId is not null) posted = checked(posted + l.AmountMinor);
            else if (l.Status == StatementLineStatus.Ignored && l.StatusReason is not null)
                ignored = checked(ignored + l.AmountMinor);
            else
                differences.Add(new(DifferenceKind.LineNotAccounted, l.BookingDate, l.AmountMinor,
                    l.BankReference ?? l.KeyReference, $"statement entry {l.Position} is {l.Status} and not posted"));
        }
        foreach (var l in ledgerLines.Where(l => !tied.Contains(l.EntryId)))
            differences.Add(new(DifferenceKind.LedgerLineWithoutStatementLine, l.PostingDate, l.AmountMinor,
                l.Source ?? l.EntryId.ToString(), $"posted to {ledger.Code} ({l.Memo}) but on no statement"));
        var ledgerNet = ledgerLines.Aggregate(0L, (s, l) => checked(s + l.AmountMinor));
        var run = new BankReconciliation
        {
            Id = Guid.CreateVersion7(), BankAccountId = bank.Id, FromDate = start, ToDate = end,
            Currency = bank.Currency,
            StatementLines = lines.Count, LedgerLines = ledgerLines.Count, PostedNetMinor = posted,
            IgnoredNetMinor = ignored, LedgerNetMinor = ledgerNet, Differences = differences.Count,
            IsTiedOut = differences.Count == 0 && posted == ledgerNet,
            DifferencesText = differences.Count == 0 ? null : string.Join('\n', differences.Take(MaxListed)
                .Select(d => $"{d.Kind} {d.Date:yyyy-MM-dd} {d.AmountMinor} {d.Reference}: {d.Detail}")),
            RunAt = clock.GetUtcNow(), RunBy = actor,
        };
        db.BankReconciliations.Add(run);
        await db.SaveChangesAsync(ct);
        return new BankReconciliationReport(null, "", run, number, differences.Take(MaxListed).ToList());
    }

    private static BankReconciliationReport Refused(ReconcileBankError error, string detail, string number) =>
        new(error, detail, null, number, []);
}
