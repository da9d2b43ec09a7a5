using System.IO.Compression;
using OrderToCash.BankStatements;
using Xunit;
using static OrderToCash.Tests.BankStatements.StatementVariantTests;

namespace OrderToCash.Tests.BankStatements;

/// <summary>camt versions and optional parts other banks send (fixtures in BankStatements/Variants).</summary>
public sealed class CamtVariantTests
{
    [Fact]
    public void Camt053_v08_prefixed_with_charges_a_QR_reference_two_batches_and_only_a_closing_balance()
    {
        var file = Parse("camt053-v08-charges-batches-closing-only.xml");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("0123456789", "CHF", "93"), (statement.Account, statement.Currency, statement.SequenceNumber));
        Assert.Null(statement.OpeningBalance);
        Assert.Equal((500000L, new DateOnly(2024, 4, 1)), (statement.ClosingBalance!.AmountMinor,
            statement.ClosingBalance.Date));
        Assert.Equal((new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 1)), (statement.FromDate, statement.ToDate));
        var (payment, batch, info) = (statement.Entries[0], statement.Entries[1], statement.Entries[2]);
        Assert.Equal((99750L, 250L, "PMNT/RCDT/VCOM"), (payment.AmountMinor, payment.ChargesMinor,
            payment.BankTransactionCode));
        Assert.Equal(("E2E-CH-1", "Huber AG", "CH9300762011623852957", "Rechnung 2024-118"), (payment.EndToEndId,
            payment.CounterpartyName, payment.CounterpartyAccount, payment.Remittance));
        Assert.Equal("210000000003139471430009017", Assert.Single(payment.StructuredReferences));
        Assert.Equal(("1000.00", "CHF"), (payment.OriginalAmount, payment.OriginalCurrency));
        Assert.Equal(new DateOnly(2024, 4, 1), payment.BookingDate);
        Assert.Equal((30000L, "ESR-SAMMEL"), (batch.AmountMinor, batch.BankTransactionCode));
        Assert.Equal([10000L, 15000L, 5000L], batch.Transactions.Select(t => t.AmountMinor));
        Assert.Equal(["CH-T-1", "CH-T-2", "CH-T-3"], batch.Transactions.Select(t => t.BankReference));
        Assert.Equal("RF18539007547034", Assert.Single(batch.Transactions[0].StructuredReferences));
        Assert.Equal("INV-2024- 0200", batch.Transactions[1].Remittance);
        Assert.Equal("Old Style Name GmbH", batch.Transactions[2].CounterpartyName);
        Assert.Equal((false, 0L, "Information only"), (info.IsBooked, info.AmountMinor, info.Information));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_v02_repeated_charges_add_up_and_a_statement_without_balances_is_read()
    {
        var file = Parse("camt053-v02-repeated-charges-no-balances.xml");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("987654321", "GBP", "12"), (statement.Account, statement.Currency, statement.SequenceNumber));
        Assert.Equal((null, null), (statement.OpeningBalance, statement.ClosingBalance));
        Assert.Equal(new DateOnly(2024, 4, 3), statement.FromDate);
        var payment = statement.Entries[1];
        Assert.Equal((-121040L, 1040L), (payment.AmountMinor, payment.ChargesMinor));
        Assert.Equal(("Supplier Ltd", "40-11-22 12345678", "PAY-OUT-7", "PO 4471"), (payment.CounterpartyName,
            payment.CounterpartyAccount, payment.EndToEndId, payment.Remittance));
        Assert.False(statement.Entries[0].IsBooked);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_v01_with_BOM_CRLF_proprietary_account_Tp_Cd_balances_and_TxDtls_under_Ntry()
    {
        var file = Parse("camt053-v01-bom-crlf-proprietary-account.xml");
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("ACC-0001-77", "SEK", 10000L, 16000L), (statement.Account, statement.Currency,
            statement.OpeningBalance!.AmountMinor, statement.ClosingBalance!.AmountMinor));
        var entry = Assert.Single(statement.Entries);
        // A reversal of a debit (a returned payment) is booked as a credit; its counterparty is the creditor.
        Assert.Equal((6000L, true, "OUT-4", "RETURN"), (entry.AmountMinor, entry.IsReversal, entry.EndToEndId,
            entry.BankTransactionCode));
        Assert.Equal(["RF18539007547034", "INV-77"], entry.StructuredReferences);
        Assert.Equal(("Svensson AB", "50001234567"), (entry.CounterpartyName, entry.CounterpartyAccount));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt053_v01_batch_with_a_bad_transaction_amount_is_refused_naming_its_element()
    {
        var text = Fixture("camt053-v01-bom-crlf-proprietary-account.xml").Replace("</TxDtls>",
            "</TxDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy=\"SEK\">1.2.3</Amt></TxAmt></AmtDtls></TxDtls>",
            StringComparison.Ordinal);
        var error = Assert.Throws<StatementParseException>(() => ParseText(text));
        Assert.Equal("line 13, BkToCstmrStmt/Stmt[1]/Ntry[1]/TxDtls[2]/Amt", error.Location);
    }

    [Fact]
    public void Camt054_v04_declared_windows_1252_without_account_currency()
    {
        var file = Parse("camt054-v04-windows1252.xml");
        Assert.Equal("camt.054", file.Format);
        var statement = Assert.Single(file.Statements);
        Assert.Equal(("FR7630006000011234567890189", "EUR"), (statement.Account, statement.Currency));
        var entry = Assert.Single(statement.Entries);
        Assert.Equal((4210L, "Société Générale € Paiements"), (entry.AmountMinor, entry.CounterpartyName));
        Assert.Equal("+++090/9337/55493+++", Assert.Single(entry.StructuredReferences));
    }

    [Fact]
    public void Camt053_files_in_a_ZIP_archive_are_read_in_turn()
    {
        var file = Parse("camt053-two-files.zip");
        Assert.Equal("camt.053", file.Format);
        Assert.Equal(["Z-A", "Z-B"], file.Statements.Select(s => s.StatementId));
        Assert.Equal([2500L, 2000L], file.Statements.Select(s => s.Entries[0].AmountMinor));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void A_ZIP_archive_mixing_formats_is_refused_naming_the_file_inside()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("a.xml").Open()))
                writer.Write(Fixture("camt053-v02-repeated-charges-no-balances.xml"));
            using (var writer = new StreamWriter(archive.CreateEntry("b.sta").Open()))
                writer.Write(":20:X\n:25:DE89370400440532013000\n:60F:C240301EUR0,\n:62F:C240301EUR0,\n-\n");
        }
        zip.Position = 0;
        var error = Assert.Throws<StatementParseException>(() => StatementParser.Parse(zip, "bank.zip"));
        Assert.Equal(("bank.zip", "b.sta", "mt940 in a ZIP archive of camt.053 files"), (error.File, error.Location,
            error.Reason));
    }
}
