using FsCheck;
using FsCheck.Fluent;
using OrderToCash.Ledger;
using OrderToCash.Money;
using Xunit;
using M = OrderToCash.Money.Money;

namespace OrderToCash.Tests.Ledger;

public class PostingTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (PreparedEntry?, LedgerError?, string) Prepare(Currency functional, Func<Currency, decimal?> rate,
        params PostingLine[] lines) =>
        Posting.Prepare(Guid.NewGuid(), "DEFAULT", functional, new DateOnly(2026, 1, 31), "test", "test", lines, rate,
            "tester", At);

    [Fact]
    public void An_unbalanced_entry_is_refused_by_name()
    {
        var (entry, error, detail) = Prepare(Currency.EUR, _ => 1m,
            new PostingLine(1, new M(100, Currency.EUR)), new PostingLine(2, new M(-99, Currency.EUR)));
        Assert.Null(entry);
        Assert.Equal(LedgerError.Unbalanced, error);
        Assert.Contains("0.01", detail);
    }

    [Fact]
    public void An_entry_needs_a_rate_for_every_foreign_currency()
    {
        var (_, error, _) = Prepare(Currency.EUR, c => c == Currency.EUR ? 1m : null,
            new PostingLine(1, new M(100, Currency.USD)), new PostingLine(2, new M(-100, Currency.USD)));
        Assert.Equal(LedgerError.NoExchangeRate, error);
    }

    [Fact]
    public void Conversion_rounding_is_placed_on_the_largest_line_so_functional_nets_to_zero()
    {
        // Three 0.01 USD debits at 0.5 each round up to 0.01 EUR (half away from zero); the 0.03 USD credit rounds
        // to 0.02 EUR: without the rounding point the entry would be off by a cent in EUR.
        var (entry, error, _) = Prepare(Currency.EUR, _ => 0.5m,
            new PostingLine(1, new M(-3, Currency.USD)), new PostingLine(2, new M(1, Currency.USD)),
            new PostingLine(3, new M(1, Currency.USD)), new PostingLine(4, new M(1, Currency.USD)));
        Assert.Null(error);
        Assert.Equal(0, entry!.Entry.Lines.Sum(l => l.FunctionalMinor));
        Assert.Equal(0, entry.Entry.Lines.Sum(l => l.AmountMinor));
        Assert.Equal(-3, entry.Entry.Lines[0].FunctionalMinor); // -1.5 rounds to -2, then absorbs the +1 difference
    }

    [Fact]
    public void Every_prepared_entry_nets_to_zero_in_both_currencies()
    {
        Prop.ForAll<int[], int>((amounts, r) =>
        {
            var rate = 0.01m + Math.Abs(r % 100000) / 997m;
            var lines = amounts.Take(20).Select((a, i) => new PostingLine(i + 1, new M(a, Currency.USD))).ToList();
            var sum = lines.Sum(l => (long)l.Amount.Minor);
            lines.Add(new PostingLine(99, new M(-sum, Currency.USD)));
            var (entry, error, _) = Posting.Prepare(Guid.NewGuid(), "DEFAULT", Currency.EUR, new DateOnly(2026, 1, 1),
                "t", "t", lines, _ => rate, "x", At);
            return error is null && entry!.Entry.Lines.Sum(l => l.FunctionalMinor) == 0
                   && entry.Entry.Lines.Sum(l => l.AmountMinor) == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_hash_changes_when_any_amount_changes()
    {
        var (entry, _, _) = Prepare(Currency.EUR, _ => 1m,
            new PostingLine(1, new M(100, Currency.EUR)), new PostingLine(2, new M(-100, Currency.EUR)));
        var a = ChainHash.Compute(entry!.Entry, 1, ChainHash.Genesis);
        var tampered = entry.Entry.Lines[0];
        entry.Entry.Lines[0] = new JournalLine
        {
            EntryId = tampered.EntryId, LineNo = 1, AccountId = 1, Currency = "EUR", AmountMinor = 101,
            FunctionalMinor = 101,
        };
        Assert.NotEqual(a, ChainHash.Compute(entry.Entry, 1, ChainHash.Genesis));
        Assert.Equal(64, a.Length);
    }
}
