using OrderToCash.Money;

namespace OrderToCash.Ledger;

/// <summary>The named refusals of the ledger and of the use cases that post into it.</summary>
public enum LedgerError
{
    NoLines, Unbalanced, UnknownCurrency, NoExchangeRate, PeriodClosed, AlreadyPosted, UnknownAccount,
    FunctionalUnbalanced, OverApplied, OpenItemRequired, WrongAccount, DuplicateInvoiceNumber, UnknownCustomer,
    UnknownLegalEntity, UnknownOpenItem, UnknownEntry, CurrencyMismatch, InvalidAmount, AlreadyReversed,
    CustomerClosed, EntityMismatch, NotAnApplication, ChangedMeanwhile,
}

/// <summary>What a posting use case did: the entry it posted, or the named reason it refused.</summary>
public sealed record PostingOutcome(Guid? EntryId, LedgerError? Error, string Detail)
{
    public bool IsPosted => Error is null;
    public static PostingOutcome Posted(Guid id) => new(id, null, "");
    public static PostingOutcome Refused(LedgerError error, string detail) => new(null, error, detail);
}

/// <summary>A line to post: an account, a signed amount (debit positive), and what it concerns.</summary>
/// <param name="FunctionalMinor">
/// Set only for lines whose functional amount is given rather than converted: realised and unrealised FX
/// differences, which carry 0 in the transaction currency and the difference in the functional one.
/// </param>
public sealed record PostingLine(int AccountId, Money.Money Amount, string? CustomerId = null,
    Guid? OpenItemId = null, long? FunctionalMinor = null);

/// <summary>An entry that passed every check and is ready to be written.</summary>
public sealed record PreparedEntry(JournalEntry Entry);

/// <summary>Builds balanced journal entries. Pure: the caller supplies rates and the period state.</summary>
/// <remarks>
/// Balanced by construction: an entry whose lines do not net to zero per transaction currency is refused
/// (<see cref="LedgerError.Unbalanced"/>); there is no round-off account that absorbs differences. Functional
/// amounts are converted line by line at the posting date's rate (<see cref="Conversion"/>); the rounding
/// difference this can leave (at most half a minor unit per line) is placed on the largest converted line of the
/// entry, so the entry nets to zero in the functional currency too.
/// </remarks>
public static class Posting
{
    public static (PreparedEntry? Entry, LedgerError? Error, string Detail) Prepare(
        Guid id, string legalEntityId, Currency functional, DateOnly postingDate, string kind, string memo,
        IReadOnlyList<PostingLine> lines, Func<Currency, decimal?> rateToFunctional, string actor,
        DateTimeOffset at, string? source = null, Guid? reverses = null)
    {
        if (lines.Count == 0) return (null, LedgerError.NoLines, "an entry needs at least one line");
        foreach (var group in lines.GroupBy(l => l.Amount.Currency))
        {
            var sum = group.Aggregate(0L, (s, l) => checked(s + l.Amount.Minor));
            if (sum != 0)
                return (null, LedgerError.Unbalanced,
                    $"lines in {group.Key.Code} net to {Amounts.Format(sum, group.Key)}, not zero");
        }
        var functionalAmounts = new long[lines.Count];
        var converted = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.FunctionalMinor is { } given) { functionalAmounts[i] = given; continue; }
            var rate = rateToFunctional(line.Amount.Currency);
            if (rate is null)
                return (null, LedgerError.NoExchangeRate,
                    $"no {line.Amount.Currency.Code}/{functional.Code} rate on or before {postingDate:yyyy-MM-dd}");
            functionalAmounts[i] = Conversion.Convert(line.Amount, functional, rate.Value).Minor;
            converted.Add(i);
        }
        var difference = functionalAmounts.Aggregate(0L, (s, a) => checked(s + a));
        if (difference != 0)
        {
            if (converted.Count == 0)
                return (null, LedgerError.FunctionalUnbalanced, "functional amounts do not net to zero");
            // The documented rounding point: the largest converted line absorbs the conversion remainder.
            var largest = converted.OrderByDescending(i => Math.Abs(functionalAmounts[i])).ThenBy(i => i).First();
            functionalAmounts[largest] -= difference;
        }
        var entry = new JournalEntry
        {
            Id = id, LegalEntityId = legalEntityId, PostingDate = postingDate, Kind = kind, Memo = memo,
            Source = source, ReversesEntryId = reverses, CreatedAt = at, CreatedBy = actor,
            Lines = lines.Select((l, i) => new JournalLine
            {
                EntryId = id, LineNo = i + 1, AccountId = l.AccountId, Currency = l.Amount.Currency.Code,
                AmountMinor = l.Amount.Minor, FunctionalMinor = functionalAmounts[i], CustomerId = l.CustomerId,
                OpenItemId = l.OpenItemId,
            }).ToList(),
        };
        return (new PreparedEntry(entry), null, "");
    }

    /// <summary>The mirror of an entry: every line with its sign turned, dated
    /// <paramref name="postingDate"/>.</summary>
    public static JournalEntry Mirror(JournalEntry original, Guid id, DateOnly postingDate, string memo,
        string actor, DateTimeOffset at) => new()
    {
        Id = id, LegalEntityId = original.LegalEntityId, PostingDate = postingDate, Kind = original.Kind + ".reversal",
        Memo = memo, Source = original.Source, ReversesEntryId = original.Id, CreatedAt = at, CreatedBy = actor,
        Lines = original.Lines.OrderBy(l => l.LineNo).Select(l => new JournalLine
        {
            EntryId = id, LineNo = l.LineNo, AccountId = l.AccountId, Currency = l.Currency,
            AmountMinor = checked(-l.AmountMinor), FunctionalMinor = checked(-l.FunctionalMinor),
            CustomerId = l.CustomerId, OpenItemId = l.OpenItemId,
        }).ToList(),
    };
}
