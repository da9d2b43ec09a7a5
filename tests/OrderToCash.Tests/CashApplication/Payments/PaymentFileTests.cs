using System.Text;
using System.Xml.Linq;
using System.Xml.Schema;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication.Payments;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication.Payments;

/// <summary>Payment files out: pain.001 against the ISO 20022 schema, NACHA through our own NACHA parser.</summary>
public sealed class PaymentFileTests
{
    internal static readonly DateTimeOffset At = new(2026, 3, 15, 9, 30, 0, TimeSpan.Zero);

    internal static void AssertValidPain001(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(Pain001.Namespace, ExternalData.Path("pain/iso20022/pain.001.001.03.xsd"));
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Pain001_credit_transfer_validates_against_the_schema()
    {
        var batch = new CreditTransferBatch("MSG-2026-03-15-1", At, new DateOnly(2026, 3, 16), "Müller & Söhne GmbH",
            "DE89370400440532013000", "COBADEFFXXX", Currency.EUR,
            [
                new("RF0123456789ABC", 12345, "Acme B.V.", "NL91ABNA0417164300", "ABNANL2A",
                    "Refund of INV-1 overpaid"),
                new("RF0123456789ABD", 500, "Zoë <Café> & Co", "FR1420041010050500013M02606", null,
                    new string('x', 300)),
            ]);
        var xml = Pain001.Write(batch);
        AssertValidPain001(xml);
        var doc = XDocument.Parse(xml);
        XNamespace ns = Pain001.Namespace;
        Assert.Equal("2", doc.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("128.45", doc.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value);
        Assert.Equal(["123.45", "5.00"], doc.Descendants(ns + "InstdAmt").Select(a => a.Value));
        Assert.Equal(["RF0123456789ABC", "RF0123456789ABD"], doc.Descendants(ns + "EndToEndId").Select(e => e.Value));
        Assert.Equal("Zoe  Cafe    Co", doc.Descendants(ns + "Cdtr").Last().Element(ns + "Nm")!.Value);
        Assert.Equal(140, doc.Descendants(ns + "Ustrd").Last().Value.Length);
    }

    [Fact]
    public void Nacha_credit_file_round_trips_through_the_nacha_parser()
    {
        var origin = new AchOrigin("021000021", "1234567890", "JPMORGAN CHASE", "ORDERTOCASH INC", "ORDERTOCASH",
            "1234567890", "021000021");
        AchCredit[] credits =
        [
            new("RF0000000000001", 150075, "Jane Doe", "011000015", "123456789", Addenda: "Refund INV-7"),
            new("RF0000000000002", 99, "Acme Corp", "021000021", "99887766", IsSavings: true),
            new("RF0000000000003", 1_000_000_00, "Big Buyer LLC", "011000015", "5555"),
        ];
        var text = NachaCredits.Write(new AchBatch(origin, "CCD", "REFUND", new DateOnly(2026, 3, 16), At, credits));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Equal(94, l.Length));
        Assert.Equal(10, lines.Length);
        Assert.Equal(new string('9', 94), lines[^1]);

        var parsed = StatementParser.Parse(new MemoryStream(Encoding.ASCII.GetBytes(text)), "refunds.ach",
            new ParseOptions(Strict: true));
        Assert.Equal(StatementFormats.Nacha, parsed.Format);
        Assert.Empty(parsed.Warnings);
        var statement = Assert.Single(parsed.Statements);
        Assert.Equal(credits.Select(c => c.AmountMinor), statement.Entries.Select(e => e.AmountMinor));
        Assert.Equal(credits.Select(c => c.IndividualId), statement.Entries.Select(e => e.CustomerReference));
        Assert.Equal(["021000020000001", "021000020000002", "021000020000003"],
            statement.Entries.Select(e => e.BankReference));
        Assert.Equal("REFUND INV-7", statement.Entries[0].Remittance);
        Assert.Equal("CCD/22", statement.Entries[0].BankTransactionCode);
        Assert.Equal("CCD/32", statement.Entries[1].BankTransactionCode);
    }

    [Fact]
    public void Nacha_block_count_pads_to_multiples_of_ten_records()
    {
        var origin = new AchOrigin("021000021", "1234567890", "BANK", "US", "US", "1234567890", "021000021");
        var credits = Enumerable.Range(1, 8)
            .Select(i => new AchCredit($"ID{i}", i * 100, $"Payee {i}", "011000015", $"{i}000")).ToList();
        var text = NachaCredits.Write(new AchBatch(origin, "PPD", "REFUND", new DateOnly(2026, 3, 16), At, credits));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 1 + 1 + 8 + 1 + 1 = 12 records: two blocks of ten.
        Assert.Equal(20, lines.Length);
        var control = lines.Single(l => l[0] == '9' && l != new string('9', 94));
        Assert.Equal(("000001", "000002", "00000008", "0008800008"),
            (control[1..7], control[7..13], control[13..21], control[21..31]));
        var parsed = StatementParser.Parse(new MemoryStream(Encoding.ASCII.GetBytes(text)), "x.ach",
            new ParseOptions(Strict: true));
        Assert.Equal(3600L, parsed.Statements[0].Entries.Sum(e => e.AmountMinor));
    }
}
