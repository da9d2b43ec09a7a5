using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>
/// Format variants the shared corpus lacks, one fixture file each (BankStatements/Variants): other envelopes,
/// versions, dialects and layouts of the same formats, written from the specifications.
/// </summary>
public sealed class StatementVariantTests
{
    internal static ParsedFile Parse(string name, ParseOptions? options = null)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "BankStatements", "Variants", name));
        return StatementParser.Parse(stream, name, options);
    }

    /// <summary>A fixture's text, to be changed in a test (Latin-1 keeps every byte as one character).</summary>
    internal static string Fixture(string name) => File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "BankStatements", "Variants", name), System.Text.Encoding.Latin1);

    internal static ParsedFile ParseText(string text, ParseOptions? options = null) =>
        StatementParser.Parse(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text)), "changed", options);

    internal static StatementParseException Refused(string name)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "BankStatements", "Variants", name));
        return Assert.Throws<StatementParseException>(() => StatementParser.Parse(stream, name));
    }

    [Fact]
    public void Mt940_without_envelope_with_lowercase_tags_and_marks_CRLF_and_NS_field()
    {
        var file = Parse("mt940-bare-lowercase-crlf.sta");
        Assert.Equal("mt940", file.Format);
        Assert.Equal(2, file.Statements.Count);
        var first = file.Statements[0];
        Assert.Equal(("17", "1", 100000L, 123950L), (first.StatementId, first.SequenceNumber,
            first.OpeningBalance!.AmountMinor, first.ClosingBalance!.AmountMinor));
        Assert.Equal([25000L, -1050L], first.Entries.Select(e => e.AmountMinor));
        var credit = first.Entries[0];
        Assert.Equal(("B1", "REF1", "INV-1001"), (credit.BankReference, credit.CustomerReference, credit.EndToEndId));
        Assert.Equal(("Acme B.V.", "NL02RABO0123456789", "Invoice 1001"),
            (credit.CounterpartyName, credit.CounterpartyAccount, credit.Remittance));
        var fee = first.Entries[1];
        Assert.Equal(("NCHG", new DateOnly(2024, 3, 1)), (fee.BankTransactionCode, fee.BookingDate));
        Assert.Equal("22BANK FEE", fee.Information);
        var second = file.Statements[1];
        Assert.Equal((new DateOnly(2024, 3, 2), 50L), (second.Entries[0].BookingDate, second.Entries[0].AmountMinor));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_in_SWIFT_blocks_with_trailer_Triodos_markers_and_wrapped_slash_codes()
    {
        var file = Parse("mt940-fin-blocks.sta");
        Assert.Equal(["1", "2"], file.Statements.Select(s => s.StatementId));
        var (triodos, dutch) = (file.Statements[0].Entries[0], file.Statements[0].Entries[1]);
        Assert.Equal((10000L, "Jansen Installatie", "NL02RABO0123456789"),
            (triodos.AmountMinor, triodos.CounterpartyName, triodos.CounterpartyAccount));
        Assert.Equal("Factuur 2024-17 betalingvia website", triodos.Remittance);
        Assert.Equal((-2000L, "Leverancier Kantoor BV", "NL39RABO0300065264", "Order 55 en 56", "E2E-55"),
            (dutch.AmountMinor, dutch.CounterpartyName, dutch.CounterpartyAccount, dutch.Remittance,
                dutch.EndToEndId));
        var rf = Assert.Single(file.Statements[1].Entries);
        Assert.Null(rf.EndToEndId);
        Assert.Equal("RF18539007547034", Assert.Single(rf.StructuredReferences));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_Polish_tilde_subfields_give_name_IBAN_and_title()
    {
        var file = Parse("mt940-polish-tilde.sta");
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((123456L, "PLN", "S051"), (entry.AmountMinor, entry.Currency, entry.BankTransactionCode));
        Assert.Equal(("JAN KOWALSKI SP Z O O", "PL27105000310000000123456789", "FV/2024/03/117zaplata"),
            (entry.CounterpartyName, entry.CounterpartyAccount, entry.Remittance));
        Assert.Equal(("8811", "20240305001"), (entry.BankReference, entry.CustomerReference));
    }

    [Fact]
    public void Mt942_interim_report_takes_its_currency_from_the_floor_limit()
    {
        var file = Parse("mt942-interim.sta");
        Assert.Equal("mt942", file.Format);
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((15000L, "EUR", "E2E-INTRA-1", "RE 4711", "MUSTER GMBH"),
            (entry.AmountMinor, entry.Currency, entry.EndToEndId, entry.Remittance, entry.CounterpartyName));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_free_text_preamble_multi_line_86_and_two_86_for_one_61()
    {
        var file = Parse("mt940-multiline-free-text.sta");
        var statement = Assert.Single(file.Statements);
        Assert.Equal("DABADKKK/3001234567", statement.Account);
        var entry = Assert.Single(statement.Entries);
        Assert.Equal((7500L, "NMSC", "DKK"), (entry.AmountMinor, entry.BankTransactionCode, entry.Currency));
        Assert.Equal("Payment from Hansen ApS invoice 8812 and 8813 thank you second information tag for the same line",
            entry.Remittance);
        Assert.Equal(4, entry.Information!.Split('\n').Length);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_with_indented_lines_and_zero_padded_dot_amounts()
    {
        var file = Parse("mt940-indented-dot-amounts.sta");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("10020030/1234567", "7", 30000L, 27550L), (statement.Account, statement.StatementId,
            statement.OpeningBalance!.AmountMinor, statement.ClosingBalance!.AmountMinor));
        Assert.Equal([-5000L, 2550L], statement.Entries.Select(e => e.AmountMinor));
        Assert.Equal("Lastschrift Versicherung Police 4711", statement.Entries[0].Remittance);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Mt940_with_an_unreadable_61_is_refused_naming_the_line()
    {
        var error = Refused("mt940-bad-61.sta");
        Assert.Equal("line 4", error.Location);
        Assert.Contains("D/C mark", error.Reason);
    }

    [Fact]
    public void Camt054_v08_with_prefixes_batch_amounts_in_AmtDtls_and_a_debit_inside_a_credit_batch()
    {
        var file = Parse("camt054-v08-batch-prefixed.xml");
        Assert.Equal("camt.054", file.Format);
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("0123456789", "CHF", "NTF-1"), (statement.Account, statement.Currency, statement.StatementId));
        var entry = Assert.Single(statement.Entries);
        Assert.Equal((7000L, null, null, "SAMMEL"), (entry.AmountMinor, entry.BankReference, entry.CustomerReference,
            entry.BankTransactionCode));
        Assert.Equal(new DateOnly(2024, 3, 6), entry.BookingDate);
        Assert.Equal([5000L, 3000L, -1000L], entry.Transactions.Select(t => t.AmountMinor));
        Assert.Equal(["Alpha AG", "Beta GmbH", "Gamma SA"], entry.Transactions.Select(t => t.CounterpartyName));
        Assert.Equal(["E2E-A", null, "E2E-RETURN"], entry.Transactions.Select(t => t.EndToEndId));
        Assert.Equal("RF18539007547034", Assert.Single(entry.Transactions[0].StructuredReferences));
        Assert.Equal("Rechnung 4711 und 4712", entry.Transactions[1].Remittance);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_v13_in_an_envelope_with_two_statements_reversal_pending_and_batch_without_details()
    {
        var file = Parse("camt053-v13-envelope.xml");
        Assert.Equal("camt.053", file.Format);
        Assert.Equal(["ST-A", "ST-B"], file.Statements.Select(s => s.StatementId));
        var a = file.Statements[0];
        Assert.Equal(("41", -10000L, 500L), (a.SequenceNumber, a.OpeningBalance!.AmountMinor,
            a.ClosingBalance!.AmountMinor));
        Assert.Equal((new DateOnly(2024, 3, 6), new DateOnly(2024, 3, 7)), (a.OpeningBalance.Date, a.ToDate));
        Assert.Equal([15000L, -4500L, 99900L], a.Entries.Select(e => e.AmountMinor));
        Assert.Empty(a.Entries[0].Transactions);
        Assert.Equal("SEPA collection batch 12 items", a.Entries[0].Information);
        Assert.True(a.Entries[1].IsReversal);
        Assert.Equal(("Delta Ltd", "E2E-9", "REV-1"), (a.Entries[1].CounterpartyName, a.Entries[1].EndToEndId,
            a.Entries[1].BankReference));
        Assert.False(a.Entries[2].IsBooked);
        var b = file.Statements[1];
        Assert.Equal(("USD", 1234L, "INV 77"), (b.Currency, b.Entries[0].AmountMinor, b.Entries[0].Remittance));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_with_the_message_as_root_and_a_currency_without_decimals()
    {
        var file = Parse("camt053-v02-no-document-root.xml");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("ACC-77", "JPY", 1000L, 1500L), (statement.Account, statement.Currency,
            statement.OpeningBalance!.AmountMinor, statement.ClosingBalance!.AmountMinor));
        Assert.Equal((500L, "INV-JP-1"), (statement.Entries[0].AmountMinor, statement.Entries[0].Remittance));
        Assert.Equal(new DateOnly(2024, 3, 12), statement.FromDate);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_in_UTF16_with_a_byte_order_mark()
    {
        var file = Parse("camt053-utf16.xml");
        Assert.Equal("camt.053", file.Format);
        Assert.Equal(500L, Assert.Single(Assert.Single(file.Statements).Entries).AmountMinor);
    }

    [Fact]
    public void Camt_statement_with_repeated_header_elements_keeps_the_first_and_reads_on()
    {
        // Regression: a repeated Id was not read past and the parser looped (found by mutating files).
        var statement = Assert.Single(Parse("camt053-repeated-header-elements.xml").Statements);
        Assert.Equal(("FIRST", "1", new DateOnly(2024, 3, 13)), (statement.StatementId, statement.SequenceNumber,
            statement.FromDate));
        Assert.Equal(100L, Assert.Single(statement.Entries).AmountMinor);
    }

    [Fact]
    public void Camt_batch_transaction_in_a_foreign_currency_takes_its_counter_value()
    {
        var file = Parse("camt053-v04-fx-batch.xml");
        var statement = Assert.Single(file.Statements);
        Assert.Equal("9", statement.SequenceNumber);
        var entry = Assert.Single(statement.Entries);
        Assert.Equal([10000L, 5000L], entry.Transactions.Select(t => t.AmountMinor));
        var fx = entry.Transactions[0];
        Assert.Equal(("110.00", "USD", 1.1m, "FX1"), (fx.OriginalAmount, fx.OriginalCurrency, fx.ExchangeRate,
            fx.BankReference));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt052_v02_in_Latin1_with_only_an_interim_balance()
    {
        var file = Parse("camt052-v02-intraday.xml");
        Assert.Equal("camt.052", file.Format);
        var statement = Assert.Single(file.Statements);
        Assert.Null(statement.OpeningBalance);
        Assert.Null(statement.ClosingBalance);
        var entry = Assert.Single(statement.Entries);
        Assert.Equal(("Société Générale Clients Zoé", "1", "Facture F-2024-003"),
            (entry.CounterpartyName, entry.CustomerReference, entry.Remittance));
    }

    [Fact]
    public void Camt_with_an_unknown_credit_debit_indicator_is_refused_naming_line_and_element()
    {
        var error = Refused("camt053-bad-indicator.xml");
        Assert.Equal("line 7, BkToCstmrStmt/Stmt[1]/Ntry[2]/CdtDbtInd", error.Location);
        Assert.Contains("'CREDIT' is not CRDT or DBIT", error.Reason);
    }

    [Fact]
    public void Bai2_continued_summaries_funds_types_text_with_commas_and_two_groups()
    {
        var file = Parse("bai2-continuations.bai");
        Assert.Equal(2, file.Statements.Count);
        var usd = file.Statements[0];
        Assert.Equal(("9876543210", "USD", 500000L, 560000L), (usd.Account, usd.Currency,
            usd.OpeningBalance!.AmountMinor, usd.ClosingBalance!.AmountMinor));
        Assert.Equal([40000L, -10000L, 30000L], usd.Entries.Select(e => e.AmountMinor));
        var wire = usd.Entries[0];
        Assert.Equal(("WIRE123", "CUST9", new DateOnly(2024, 3, 11)), (wire.BankReference, wire.CustomerReference,
            wire.ValueDate));
        Assert.Equal("WIRE FROM ACME, INC. / ORDER 77, INV 1001\nAND INV 1002", wire.Remittance);
        Assert.Equal(("CHK5001", null), (usd.Entries[1].BankReference, usd.Entries[1].CustomerReference));
        Assert.Equal(("DEP1", "DEPREF"), (usd.Entries[2].BankReference, usd.Entries[2].CustomerReference));
        var cad = file.Statements[1];
        Assert.Equal(("CAD", "CR1"), (cad.Currency, cad.Entries[0].CustomerReference));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Bai2_with_a_bad_type_code_is_refused_naming_the_line()
    {
        var error = Refused("bai2-bad-record.bai");
        Assert.Equal("line 4", error.Location);
        Assert.Contains("type code '19X'", error.Reason);
    }

    [Fact]
    public void Csv_with_BOM_account_preamble_semicolons_quoted_fields_and_decimal_commas()
    {
        var file = Parse("csv-bom-preamble-semicolon.csv");
        Assert.Equal("csv", file.Format);
        var entries = Assert.Single(file.Statements).Entries;
        Assert.Equal([123456L, -1250L], entries.Select(e => e.AmountMinor));
        Assert.Equal(("Müller; Sohn GmbH", "RE 2024-17\nund RE 2024-18", "DE02120300000000202051"),
            (entries[0].CounterpartyName, entries[0].Remittance, entries[0].CounterpartyAccount));
        Assert.Equal(new DateOnly(2024, 3, 11), entries[1].ValueDate);
        Assert.Equal(5, entries[0].LineNumber);
    }

    [Fact]
    public void Csv_balance_row_without_a_date_is_skipped_with_a_warning()
    {
        var file = Parse("csv-comma-footer-row.csv");
        var entries = Assert.Single(file.Statements).Entries;
        Assert.Equal([10050L, -200L], entries.Select(e => e.AmountMinor));
        Assert.Equal(("USD", "Payment, INV-1"), (entries[0].Currency, entries[0].Remittance));
        Assert.Equal("line 4: row without a 'Date' is not a booking; skipped", Assert.Single(file.Warnings));
    }

    [Fact]
    public void Csv_amounts_with_currency_symbols_codes_DR_CR_and_parentheses()
    {
        var file = Parse("csv-us-decorated-amounts.csv");
        var entries = Assert.Single(file.Statements).Entries;
        Assert.Equal([123456L, -15000L, -250L, 1000L], entries.Select(e => e.AmountMinor));
        Assert.Equal(new DateOnly(2024, 3, 4), entries[0].BookingDate);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Nacha_file_without_line_breaks_is_read_record_by_record()
    {
        var file = Parse("nacha-ctx-unblocked.ach");
        Assert.Equal("nacha", file.Format);
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((12345L, "ACME CORP"), (entry.AmountMinor, entry.CounterpartyName));
        Assert.Equal(["INV-1001", "INV-1002"], entry.StructuredReferences);
        Assert.Empty(file.Warnings);
    }

    [Theory]
    [InlineData("1.234,56", false, true)]
    [InlineData("1,234.56", true, false)]
    [InlineData("12,50", false, true)]
    [InlineData("12.5", true, false)]
    [InlineData("1.234.567", false, true)]
    [InlineData("1,234", false, false)]
    [InlineData("1,234", true, true)]
    [InlineData("1.234", true, true)]
    public void Csv_amounts_say_their_own_decimal_sign_unless_it_is_a_tie(string amount, bool commaByDefault,
        bool comma) =>
        Assert.Equal(comma, BankCsv.IsDecimalComma(amount, commaByDefault));
}
