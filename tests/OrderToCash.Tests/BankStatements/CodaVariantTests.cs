using OrderToCash.BankStatements;
using Xunit;
using static OrderToCash.Tests.BankStatements.StatementVariantTests;

namespace OrderToCash.Tests.BankStatements;

/// <summary>CODA layouts of both versions of the Febelfin standard (fixtures in BankStatements/Variants).</summary>
public sealed class CodaVariantTests
{
    [Fact]
    public void Coda_version_1_reads_the_12_digit_account_and_the_short_counterparty_record()
    {
        var file = Parse("coda-v1-latin1-crlf.cod");
        Assert.Equal("coda", file.Format);
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("734012345678", "EUR", "017"), (statement.Account, statement.Currency, statement.StatementId));
        Assert.Equal((100000L, 220451L),
            (statement.OpeningBalance!.AmountMinor, statement.ClosingBalance!.AmountMinor));
        Assert.Equal([125050L, -4599L], statement.Entries.Select(e => e.AmountMinor));
        var credit = statement.Entries[0];
        Assert.Equal("+++123/4567/89002+++", Assert.Single(credit.StructuredReferences));
        // Version 1 has a 26-character name followed by the address, which is not remittance text.
        Assert.Equal(("310123456789", "JANSSENS BVBA", null), (credit.CounterpartyAccount, credit.CounterpartyName,
            credit.Remittance));
        Assert.Equal("RUE DE LA GARE 12 1000 BRUXELLES é", credit.Information);
        var debit = statement.Entries[1];
        Assert.Equal(("Loyer mars 2024", new DateOnly(2024, 3, 15)), (debit.Remittance, debit.BookingDate));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Coda_version_2_foreign_IBAN_account_and_Belgian_counterparty_number_without_its_currency()
    {
        var file = Parse("coda-v2-foreign-iban-lf.cod");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("NL91ABNA0417164300", "USD"), (statement.Account, statement.Currency));
        Assert.Equal((-20000L, 37000L),
            (statement.OpeningBalance!.AmountMinor, statement.ClosingBalance!.AmountMinor));
        var (first, second) = (statement.Entries[0], statement.Entries[1]);
        Assert.Equal(("001234567890", "DUBOIS SPRL", "INVOICE 2024-77 AND 2024-78", "CUSTREF-9", "CUSTREF-9"),
            (first.CounterpartyAccount, first.CounterpartyName, first.Remittance, first.CustomerReference,
                first.EndToEndId));
        Assert.Equal(("DE89370400440532013000", "MUELLER GMBH"), (second.CounterpartyAccount, second.CounterpartyName));
        Assert.Equal("+++000/0001/23470+++", Assert.Single(second.StructuredReferences));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Coda_globalised_movement_keeps_its_total_and_reads_each_detail_as_a_transaction()
    {
        var file = Parse("coda-v2-globalisation.cod");
        var statement = Assert.Single(file.Statements);
        var entry = Assert.Single(statement.Entries);
        Assert.Equal((15000L, "COLLECTIVE CREDIT 2 ITEMS"), (entry.AmountMinor, entry.Remittance));
        Assert.Equal([10000L, 5000L], entry.Transactions.Select(t => t.AmountMinor));
        var first = entry.Transactions[0];
        Assert.Equal(("+++090/9337/55493+++", "E2E-GLOB-1", "PEETERS BV", "BE71096123456769"),
            (Assert.Single(first.StructuredReferences), first.EndToEndId, first.CounterpartyName,
                first.CounterpartyAccount));
        Assert.Equal("001PEETERS BV", first.Information);
        Assert.Equal("FACTUUR 2024-301", entry.Transactions[1].Remittance);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Coda_with_an_unknown_account_structure_is_read_as_foreign_or_refused_without_a_currency_there()
    {
        var foreign = ParseText(Fixture("coda-v2-foreign-iban-lf.cod")
            .Replace("\n13042NL91", "\n17042NL91", StringComparison.Ordinal));
        Assert.Equal(("NL91ABNA0417164300", "USD"), (foreign.Statements[0].Account, foreign.Statements[0].Currency));
        Assert.StartsWith("line 2: record 1: account structure '7'", Assert.Single(foreign.Warnings));
        // A Belgian layout (currency in 19-21) under an unknown code has no currency in 40-42: refused.
        var belgian = Fixture("coda-v2-foreign-iban-lf.cod").Replace(
            "13042NL91ABNA0417164300                USD", "17042001234567890 EUR                     ",
            StringComparison.Ordinal);
        var error = Assert.Throws<StatementParseException>(() => ParseText(belgian));
        Assert.Equal(("line 2", true), (error.Location, error.Reason.Contains("not a currency code")));
    }
}
