using OrderToCash.BankStatements;
using Xunit;
using static OrderToCash.Tests.BankStatements.StatementVariantTests;

namespace OrderToCash.Tests.BankStatements;

/// <summary>BAI2 layouts other banks send (fixtures in BankStatements/Variants).</summary>
public sealed class Bai2VariantTests
{
    [Fact]
    public void Bai2_two_files_in_one_with_blank_totals_a_distributed_funds_detail_and_a_negative_closing()
    {
        var file = Parse("bai2-two-files-distribution.bai");
        Assert.Equal("bai2", file.Format);
        Assert.Equal(2, file.Statements.Count);
        var usd = file.Statements[0];
        Assert.Equal(("111222333", "USD", "001", 100000L, -50000L), (usd.Account, usd.Currency, usd.StatementId,
            usd.OpeningBalance!.AmountMinor, usd.ClosingBalance!.AmountMinor));
        Assert.Equal([150000L, -300000L], usd.Entries.Select(e => e.AmountMinor));
        var credit = usd.Entries[0];
        Assert.Equal(("142", "BR-1", "CR-1"), (credit.BankTransactionCode, credit.BankReference,
            credit.CustomerReference));
        Assert.Equal("ACH CREDIT ACME CORP\nINV 1001/INV\n1002", credit.Information);
        Assert.Equal(("BR-2", null, "WIRE OUT/FEE"), (usd.Entries[1].BankReference, usd.Entries[1].CustomerReference,
            usd.Entries[1].Information));
        var gbp = file.Statements[1];
        Assert.Equal(("GBP", "002", new DateOnly(2024, 3, 15)), (gbp.Currency, gbp.StatementId, gbp.FromDate));
        Assert.Equal(1000L, Assert.Single(gbp.Entries).AmountMinor);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Bai2_detail_whose_references_and_text_are_on_the_88_after_it()
    {
        // As in the specification's example: the 16 ends ('/') after its funds distribution; the 88 continues its
        // fields (bank reference, customer reference, text), the next 88 its text.
        var file = Parse("bai2-detail-fields-on-88.bai");
        var statement = Assert.Single(file.Statements);
        var (lockbox, cheque) = (statement.Entries[0], statement.Entries[1]);
        Assert.Equal((250000L, "LBX-7788", "CUST-55", "ACME LOCKBOX\nDEPOSIT REMITTANCES"), (lockbox.AmountMinor,
            lockbox.BankReference, lockbox.CustomerReference, lockbox.Information));
        Assert.Equal((-30000L, "CHK-9001", null, "CHEQUE PAID"), (cheque.AmountMinor, cheque.BankReference,
            cheque.CustomerReference, cheque.Information));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Bai2_with_a_record_after_the_trailer_that_is_not_a_new_file_is_refused()
    {
        var text = Fixture("bai2-two-files-distribution.bai").Replace("01,BANKSEND,CUSTREC,240316",
            "02,BANKSEND,CUSTREC,240316", StringComparison.Ordinal);
        var error = Assert.Throws<StatementParseException>(() => ParseText(text));
        Assert.Equal(("line 11", "record 02 after the 99 file trailer"), (error.Location, error.Reason));
    }
}
