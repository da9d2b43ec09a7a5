using System.Text;
using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>Small hand-written files, one concern each, for every format.</summary>
public sealed class StatementParserTests
{
    internal const string Mt940 = """
        {1:F01BANKDEFFXXXX0000000000}{2:O9400000000000BANKDEFFXXXX00000000000000000000N}{4:
        :20:STMT1
        :25:DE89370400440532013000
        :28C:00042/001
        :60F:C240102EUR1000,00
        :61:2401020102CR250,5NTRFNONREF//BANKREF1
        :86:166?00GUTSCHRIFT?20EREF+E2E-1 SVWZ+RE 2024-1?21
        7 RF18 5390 0754 7034?32ACME GMBH?31DE02120300000000202051
        :61:240103RD10,NTRFCUST//BR2
        :86:/EREF/X1//NAME/Jan Jansen/IBAN/NL91ABNA0417164300/REMI/USTD//INV 9/
        :62F:C240103EUR1260,50
        -}
        """;

    internal const string Camt = """
        <?xml version="1.0"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>S1</Id>
        <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
        <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2024-01-01</Dt></Dt></Bal>
        <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CHF">130.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2024-01-02</Dt></Dt></Bal>
        <Ntry><Amt Ccy="CHF">30.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2024-01-02</Dt></BookgDt>
        <ValDt><Dt>2024-01-02</Dt></ValDt><AcctSvcrRef>E1</AcctSvcrRef><NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
        <TxDtls><Refs><AcctSvcrRef>T1</AcctSvcrRef></Refs><Amt Ccy="CHF">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp>
        <Ref>210000000003139471430009017</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
        <TxDtls><Refs><AcctSvcrRef>T2</AcctSvcrRef></Refs><Amt Ccy="CHF">20.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <RltdPties><Dbtr><Nm>Muster AG</Nm></Dbtr></RltdPties><RmtInf><Ustrd>Invoice 7</Ustrd></RmtInf></TxDtls>
        </NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>
        """;

    internal const string Bai2 = """
        01,SENDER,RECEIVER,240102,0800,FILE1,,,2/
        02,RECEIVER,BANK,1,240101,2400,USD,2/
        03,12345,USD,010,100000,,,015,150000/
        16,195,50000,0,BREF1,CREF1,WIRE FROM ACME/
        88,INV 1001 AND
        88, INV 1002
        49,300000,5/
        98,300000,1,7/
        99,300000,1,9/
        """;

    [Fact]
    public void Mt940_reads_decimal_comma_wrapped_86_and_reversal()
    {
        var file = Parse(Mt940);
        Assert.Equal("mt940", file.Format);
        var s = Assert.Single(file.Statements);
        Assert.Equal(("00042", "001"), (s.StatementId, s.SequenceNumber));
        var credit = s.Entries[0];
        Assert.Equal((25050L, "BANKREF1", "E2E-1"), (credit.AmountMinor, credit.BankReference, credit.EndToEndId));
        Assert.Equal(("ACME GMBH", "DE02120300000000202051"), (credit.CounterpartyName, credit.CounterpartyAccount));
        Assert.Contains("RF18539007547034", credit.StructuredReferences);
        var reversal = s.Entries[1];
        Assert.True(reversal.IsReversal);
        Assert.Equal(1000L, reversal.AmountMinor); // RD: reversal of a debit brings money back
        Assert.Equal(("Jan Jansen", "INV 9"), (reversal.CounterpartyName, reversal.Remittance));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Camt_batch_entry_keeps_the_total_and_lists_transactions_with_QR_references()
    {
        var file = Parse(Camt);
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((3000L, "E1"), (entry.AmountMinor, entry.BankReference));
        Assert.Equal([1000L, 2000L], entry.Transactions.Select(t => t.AmountMinor));
        Assert.Equal("210000000003139471430009017", Assert.Single(entry.Transactions[0].StructuredReferences));
        Assert.Equal(("T2", "Muster AG", "Invoice 7"),
            (entry.Transactions[1].BankReference, entry.Transactions[1].CounterpartyName,
                entry.Transactions[1].Remittance));
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Bai2_joins_88_continuations_and_checks_control_totals()
    {
        var file = Parse(Bai2);
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((50000L, "BREF1"), (entry.AmountMinor, entry.BankReference));
        Assert.Equal("WIRE FROM ACME\nINV 1001 AND\n INV 1002", entry.Remittance);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Bai2_bad_control_total_warns_and_is_refused_in_strict_mode()
    {
        var bad = Bai2.Replace("49,300000,5/", "49,300001,5/");
        Assert.Contains(Parse(bad).Warnings, w => w.Contains("account control total"));
        var error = Assert.Throws<StatementParseException>(() => Parse(bad, new ParseOptions(Strict: true)));
        Assert.Equal("line 7", error.Location);
    }

    [Fact]
    public void Balance_mismatch_is_a_warning_and_strict_refuses()
    {
        var off = Mt940.Replace(":62F:C240103EUR1260,50", ":62F:C240103EUR1260,51");
        Assert.Contains(Parse(off).Warnings, w => w.Contains("closing balance"));
        Assert.Throws<StatementParseException>(() => Parse(off, new ParseOptions(Strict: true)));
    }

    [Theory]
    [InlineData("01,S,R,240102,0800,1,,,2/\n02,R,B,1,240101,2400,USD,2/\n03,1,USD,010,1/\n", "no 49 trailer")]
    [InlineData(":20:X\n:25:A\n:60F:C240102EUR1,00\n:61:2401XXC1,00NTRF\n", "is not date")]
    [InlineData("<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1.005</Amt></Ntry></Stmt></BkToCstmrStmt>" +
        "</Document>", "more decimals")]
    [InlineData("", "empty")]
    public void Broken_or_truncated_files_are_refused_naming_the_line(string text, string reason)
    {
        var error = Assert.Throws<StatementParseException>(() => Parse(text));
        Assert.Contains(reason, error.Message);
        Assert.StartsWith("line ", error.Location);
    }

    [Fact]
    public void Coda_reads_structured_communication_and_balances()
    {
        var r0 = "0000002012412345        0000000000COMPANY                   GEBABEBB   00000000000 00000" +
                 "                                       2";
        var r1 = "12001BE68539007547034                  EUR0000000001000000010124COMPANY                   " +
                 "ACCOUNT                            001";
        var r21 = "21" + "0001" + "0000" + "REF1".PadRight(21) + "0" + "000000000025000" + "020124" + "00101000" + "1"
                  + "101123456789002".PadRight(53) + "020124" + "001" + "0" + "0" + " " + "0";
        var r8 = "8001BE68539007547034                  EUR0000000001025000020124" +
                 "                                                                0";
        var r9 = "9               000004000000000000000000000000250000" +
                 "                                                                           2";
        var file = Parse(string.Join("\r\n", r0, r1, r21, r8, r9));
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((2500L, "+++123/4567/89002+++"), (entry.AmountMinor, entry.StructuredReferences[0]));
        Assert.DoesNotContain(file.Warnings, w => w.Contains("balance"));
    }

    [Fact]
    public void Nacha_ctx_addenda_give_X12_RMR_invoice_references()
    {
        string Pad(string s) => s.PadRight(94);
        var lines = new[]
        {
            Pad("101 231380104 1210428821906240000A094101DEST                   ORIGIN"),
            Pad("5220ACME CORP                           1234567890CTXPAYMENT   240102240102   1121042880000001"),
            Pad("62223138010412345678         0000012345INV-BATCH-1    0002BUYER INC         1121042880000001"),
            Pad("705RMR*IV*INV-1001*PI*100.00\\RMR*IV*INV-1002*PI*23.45\\" + new string(' ', 26) + "00010000001"),
            Pad("822000000200231380100000000000000000000123451234567890                         121042880000001"),
            Pad("9000001000001000000020023138010000000000000000000012345"),
        };
        var file = Parse(string.Join("\n", lines));
        var entry = Assert.Single(Assert.Single(file.Statements).Entries);
        Assert.Equal((12345L, "ACME CORP"), (entry.AmountMinor, entry.CounterpartyName));
        Assert.Equal(["INV-1001", "INV-1002"], entry.StructuredReferences);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Lockbox_and_csv_read_with_default_layouts()
    {
        var lockbox = "100ABCDEFGHIJ00999999911605231800\n2ABCDEFGHIJ0099999991000000000040008000801\n" +
                      "50000000022222160523ABCDEFGHIJ0099999991\n" +
                      "6001001000070000005500270700123455550000000180051616BOB E SMITH\n40010016019CE554\n" +
                      "700100000222221605230010000700000\n9000008";
        var check = Assert.Single(Assert.Single(Parse(lockbox).Statements).Entries);
        Assert.Equal((700000L, "BOB E SMITH", "CE554"), (check.AmountMinor, check.CounterpartyName, check.Remittance));
        var csv = Parse("Buchungstag;Verwendungszweck;Betrag;Währung\n02.01.2024;\"RE 7; danke\";\"-1.234,50\";EUR\n",
            new ParseOptions(Csv: new CsvMapping("Buchungstag", "Betrag", DecimalComma: true,
                DateFormats: ["dd.MM.yyyy"],
                Remittance: "Verwendungszweck", Delimiter: ';')));
        var row = Assert.Single(Assert.Single(csv.Statements).Entries);
        Assert.Equal((-123450L, "RE 7; danke"), (row.AmountMinor, row.Remittance));
    }

    internal static ParsedFile Parse(string text, ParseOptions? options = null) =>
        StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "fixture", options);
}
