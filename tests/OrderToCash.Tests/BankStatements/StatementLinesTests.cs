using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>The pure rules behind the import: natural keys, occurrences, batch splitting, fees.</summary>
public sealed class StatementLinesTests
{
    private static StatementEntry Debit(string? code, string? text = null, string? counterparty = null) => new()
    {
        AmountMinor = -250, Currency = "EUR", BankTransactionCode = code, Information = text,
        CounterpartyAccount = counterparty,
    };

    [Theory]
    [InlineData("ACMT/MDOP/CHRG", null)]
    [InlineData("PMNT/CCRD/FEES", null)]
    [InlineData("NCHG", null)]
    [InlineData("698", null)]
    [InlineData(null, "Kontofuehrungsgebuehren 01/2024")]
    [InlineData(null, "MONTHLY SERVICE CHARGE")]
    public void Bank_charges_are_recognised_by_code_or_by_text(string? code, string? text)
    {
        Assert.Equal(LineKind.BankCharge, StatementLines.Kind(Debit(code, text)));
    }

    [Theory]
    [InlineData("PMNT/ICDT/ESCT", "Supplier invoice 4711", null)]
    [InlineData("NTRF", "fees for consulting", "DE02120300000000202051")]
    [InlineData("195", null, null)]
    public void Other_debits_are_outgoing_payments(string? code, string? text, string? counterparty)
    {
        Assert.Equal(LineKind.OutgoingPayment, StatementLines.Kind(Debit(code, text, counterparty)));
    }

    [Fact]
    public void A_credit_is_a_receipt_and_a_pending_entry_is_pending()
    {
        Assert.Equal(LineKind.Receipt, StatementLines.Kind(new StatementEntry { AmountMinor = 1, Currency = "EUR" }));
        Assert.Equal(LineKind.Pending,
            StatementLines.Kind(new StatementEntry { AmountMinor = 1, Currency = "EUR", IsBooked = false }));
    }

    [Fact]
    public void Batch_transactions_become_lines_only_when_they_add_up_to_the_booking()
    {
        var txs = new[] { 1000L, 2000L }.Select(a => new StatementEntry
        {
            AmountMinor = a, Currency = "CHF", BankReference = "T" + a,
        }).ToList();
        var batch = new StatementEntry
        {
            AmountMinor = 3000, Currency = "CHF", BankReference = "E1", Transactions = txs,
        };
        var statement = new ParsedStatement { Currency = "CHF", Entries = [batch], ToDate = new DateOnly(2024, 1, 2) };
        var lines = StatementLines.Draft(statement, 7, new DateOnly(2026, 1, 1));
        Assert.Equal([(7, 1, "T1000", "E1"), (7, 2, "T2000", "E1")],
            lines.Select(l => (l.Position, l.BatchTransactionIndex!.Value, l.KeyReference, l.BatchReference!)));
        var missing = batch with { Transactions = [txs[0], txs[1] with { AmountMinor = 0 }] };
        var single = Assert.Single(StatementLines.Draft(statement with { Entries = [missing] }, 1, default));
        Assert.Equal(("E1", 3000L), (single.KeyReference, single.Entry.AmountMinor));
    }

    [Fact]
    public void Identical_lines_without_a_reference_share_a_content_key_and_count_occurrences()
    {
        var entry = new StatementEntry
        {
            AmountMinor = 2500, Currency = "EUR", Remittance = "SAME", BankReference = "NONREF",
        };
        var statement = new ParsedStatement
        {
            Currency = "EUR", Entries = [entry, entry, entry with { Remittance = "OTHER" }],
            ToDate = new DateOnly(2024, 1, 3),
        };
        var lines = StatementLines.Draft(statement, 1, default);
        Assert.StartsWith("#", lines[0].KeyReference);
        Assert.Equal(lines[0].KeyReference, lines[1].KeyReference);
        Assert.NotEqual(lines[0].KeyReference, lines[2].KeyReference);
        Assert.Equal([1, 2, 1], lines.Select(l => l.Occurrence));
        Assert.All(lines, l => Assert.Equal(new DateOnly(2024, 1, 3), l.BookingDate));
    }
}
