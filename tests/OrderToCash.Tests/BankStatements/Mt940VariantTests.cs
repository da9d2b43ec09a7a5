using OrderToCash.BankStatements;
using Xunit;
using static OrderToCash.Tests.BankStatements.StatementVariantTests;

namespace OrderToCash.Tests.BankStatements;

/// <summary>MT940/MT942 with optional fields missing or repeated (fixtures in BankStatements/Variants).</summary>
public sealed class Mt940VariantTests
{
    [Fact]
    public void Mt942_without_floor_limit_takes_its_currency_from_90D_or_the_account()
    {
        var file = Parse("mt942-no-floor-limit.sta");
        Assert.Equal("mt942", file.Format);
        Assert.Equal(2, file.Statements.Count);
        var first = file.Statements[0];
        Assert.Equal(("EUR", "12", null), (first.Currency, first.StatementId, first.SequenceNumber));
        Assert.Null(first.OpeningBalance);
        Assert.Equal([150000L, -2499L, 1L], first.Entries.Select(e => e.AmountMinor));
        Assert.All(first.Entries, e => Assert.Equal("EUR", e.Currency));
        var credit = first.Entries[0];
        Assert.Equal(("E2E-77", "MUSTERMANN KG", "DE02120300000000202051", "RE 2024-0311 UND 2024-0312"),
            (credit.EndToEndId, credit.CounterpartyName, credit.CounterpartyAccount, credit.Remittance));
        Assert.Equal(("INT-2", null), (first.Entries[1].BankReference, first.Entries[1].Information));
        var second = Assert.Single(file.Statements[1].Entries);
        Assert.Equal(("USD", 9900L, "Globex Corp"), (file.Statements[1].Currency, second.AmountMinor,
            second.CounterpartyName));
        Assert.Equal("2", file.Statements[1].SequenceNumber);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt942_whose_90D_does_not_add_up_warns_and_is_refused_in_strict_mode()
    {
        var text = Fixture("mt942-no-floor-limit.sta")
            .Replace(":90D:1EUR24,99", ":90D:2EUR24,99", StringComparison.Ordinal);
        Assert.Contains(ParseText(text).Warnings,
            w => w.StartsWith("line 13:", StringComparison.Ordinal) && w.Contains(":90D:"));
        var error = Assert.Throws<StatementParseException>(() => ParseText(text, new ParseOptions(Strict: true)));
        Assert.Equal("line 13", error.Location);
    }

    [Fact]
    public void Mt940_with_CR_line_ends_25P_28_without_sequence_forward_balances_and_pages()
    {
        var file = Parse("mt940-optional-fields-cr.sta");
        Assert.Equal("mt940", file.Format);
        Assert.Equal(3, file.Statements.Count);
        var yen = file.Statements[0];
        Assert.Equal(("JPY", "JP12345678/BOTKJPJT", "101", null), (yen.Currency, yen.Account, yen.StatementId,
            yen.SequenceNumber));
        Assert.Equal([-150000L, 75000L, 150000L], yen.Entries.Select(e => e.AmountMinor));
        // The entry date of a December value date can fall in January.
        Assert.Equal((new DateOnly(2023, 12, 31), new DateOnly(2024, 1, 2)),
            (yen.Entries[1].ValueDate, yen.Entries[1].BookingDate));
        Assert.Equal("PAYMENT INV 7788 Müller", yen.Entries[1].Remittance);
        Assert.True(yen.Entries[2].IsReversal);
        Assert.Equal("Reversal of PAY-1", yen.Entries[2].Information);
        Assert.Null(yen.Entries[0].Information);
        var (page1, page2) = (file.Statements[1], file.Statements[2]);
        Assert.Equal(("00055", "00001", -10000L, 15000L), (page1.StatementId, page1.SequenceNumber,
            page1.OpeningBalance!.AmountMinor, page1.ClosingBalance!.AmountMinor));
        Assert.Equal(("00002", 15000L, 15050L), (page2.SequenceNumber, page2.OpeningBalance!.AmountMinor,
            page2.ClosingBalance!.AmountMinor));
        Assert.Equal(("NCHG", "NONREF"), (page1.Entries[1].BankTransactionCode, page1.Entries[1].BankReference));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_Belgian_structured_communications_are_found_in_free_text_and_REMI_when_they_check_out()
    {
        var file = Parse("mt940-belgian-structured-latin1.sta");
        var statement = Assert.Single(file.Statements);
        Assert.Equal("BE68539007547034 EUR", statement.Account);
        var (text, slash, wrong) = (statement.Entries[0], statement.Entries[1], statement.Entries[2]);
        Assert.Equal("+++090/9337/55493+++", Assert.Single(text.StructuredReferences));
        Assert.EndsWith("Décor SPRL", text.Remittance);
        Assert.Equal(("Van den Broeck", "BE71096123456769", "+++123/4567/89002+++"), (slash.CounterpartyName,
            slash.CounterpartyAccount, Assert.Single(slash.StructuredReferences)));
        Assert.Null(slash.EndToEndId);
        Assert.Empty(wrong.StructuredReferences);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_balances_without_a_currency_take_the_one_the_account_ends_with()
    {
        var file = ParseText(":20:X\n:25:NL77INGB0574908765USD\n:60F:C240301100,00\n:61:240301C5,00NTRFNONREF\n" +
            ":62F:C240301105,00\n-\n");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("USD", 10000L, 500L), (statement.Currency, statement.OpeningBalance!.AmountMinor,
            statement.Entries[0].AmountMinor));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_German_GVC_wrapped_inside_values_and_markers_with_SEPA_keywords_and_a_blank_account()
    {
        var file = Parse("mt940-german-gvc-wrapped.sta");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("37040044/0532013000", "00007", "001"), (statement.Account, statement.StatementId,
            statement.SequenceNumber));
        var (credit, fee) = (statement.Entries[0], statement.Entries[1]);
        Assert.Equal((238000L, "N166", "POS 0815", "RG-2024-0815"), (credit.AmountMinor, credit.BankTransactionCode,
            credit.BankReference, credit.EndToEndId));
        Assert.Equal(("Mueller Handel GmbH & Co. KG", "DE44500105175407324931"), (credit.CounterpartyName,
            credit.CounterpartyAccount));
        Assert.Equal("Rechnung Nr. RG-2024-0815 und RG-2024-0816 vom 15.03.2024", credit.Remittance);
        Assert.Equal((-1250L, "Kontofuehrung Maerz 2024", null, null), (fee.AmountMinor, fee.Remittance,
            fee.CounterpartyAccount, fee.CounterpartyName));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt942_with_lowercase_tag_letters_is_detected_as_an_interim_report()
    {
        var file = ParseText(":20:I1\r:25:DE89370400440532013000\r:28c:3\r:34f:EURD0,\r:13d:2403051400+0100\r" +
            ":61:240305C9,99NTRFNONREF\r:90c:1EUR9,99\r-\r");
        Assert.Equal("mt942", file.Format);
        Assert.Equal(("EUR", 999L), (file.Statements[0].Currency, file.Statements[0].Entries[0].AmountMinor));
        Assert.Empty(file.Warnings);
    }
}
