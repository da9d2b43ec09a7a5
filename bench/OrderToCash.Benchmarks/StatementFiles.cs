using System.Globalization;
using System.Text;

namespace OrderToCash.Benchmarks;

/// <summary>Large synthetic statements, generated in memory: realistic entries, every one different.</summary>
public static class StatementFiles
{
    public const string Iban = "DE89370400440532013000";

    /// <summary>
    /// A camt.053 of about <paramref name="targetBytes"/> bytes; returns the bytes and the entry count.
    /// </summary>
    public static (byte[] Bytes, int Entries) Camt053(long targetBytes, int? maxEntries = null)
    {
        var sb = new StringBuilder((int)Math.Min(targetBytes + 4096, int.MaxValue / 2));
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .Append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>\n")
          .Append("<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-01-31T18:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>S1</Id>\n")
          .Append("<Acct><Id><IBAN>").Append(Iban).Append("</IBAN></Id><Ccy>EUR</Ccy></Acct>\n");
        var entries = 0;
        long total = 0;
        var body = new StringBuilder();
        while (sb.Length + body.Length < targetBytes - 600 && (maxEntries is null || entries < maxEntries))
        {
            entries++;
            var minor = 1000 + entries % 997 * 13;
            total += minor;
            var day = 1 + entries % 28;
            body.Append("<Ntry><Amt Ccy=\"EUR\">").Append(Major(minor)).Append("</Amt><CdtDbtInd>CRDT</CdtDbtInd>")
                .Append("<Sts>BOOK</Sts><BookgDt><Dt>2026-01-").Append(day.ToString("00", CultureInfo.InvariantCulture))
                .Append("</Dt></BookgDt><ValDt><Dt>2026-01-").Append(day.ToString("00", CultureInfo.InvariantCulture))
                .Append("</Dt></ValDt><AcctSvcrRef>REF").Append(entries).Append("</AcctSvcrRef>")
                .Append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>")
                .Append("</BkTxCd>")
                .Append("<NtryDtls><TxDtls><Refs><EndToEndId>E2E-").Append(entries).Append("</EndToEndId></Refs>")
                .Append("<RltdPties><Dbtr><Nm>Customer ").Append(entries % 5000).Append(" GmbH</Nm></Dbtr>")
                .Append("<DbtrAcct><Id><IBAN>DE02120300000000").Append((202051 + entries % 5000).ToString("000000",
                    CultureInfo.InvariantCulture)).Append("</IBAN></Id></DbtrAcct></RltdPties>")
                .Append("<RmtInf><Ustrd>Invoice INV-2026-")
                .Append(entries.ToString("000000", CultureInfo.InvariantCulture))
                .Append(" thank you</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n");
        }
        sb.Append("<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">0.00</Amt>")
          .Append("<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-01</Dt></Dt></Bal>\n")
          .Append("<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">").Append(Major(total))
          .Append("</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-31</Dt></Dt></Bal>\n")
          .Append(body).Append("</Stmt></BkToCstmrStmt></Document>\n");
        return (Encoding.UTF8.GetBytes(sb.ToString()), entries);
    }

    /// <summary>
    /// An MT940 of about <paramref name="targetBytes"/> bytes (daily statements of 500 entries each).
    /// </summary>
    public static (byte[] Bytes, int Entries) Mt940(long targetBytes)
    {
        var sb = new StringBuilder((int)Math.Min(targetBytes + 4096, int.MaxValue / 2));
        var entries = 0;
        long balance = 0;
        var statement = 0;
        while (sb.Length < targetBytes - 200)
        {
            statement++;
            sb.Append(":20:STMT").Append(statement).Append('\n').Append(":25:").Append(Iban).Append('\n')
              .Append(":28C:").Append(statement).Append("/1\n:60F:C260101EUR").Append(Mt(balance)).Append('\n');
            for (var i = 0; i < 500 && sb.Length < targetBytes - 200; i++)
            {
                entries++;
                var minor = 1000 + entries % 997 * 13;
                balance += minor;
                sb.Append(":61:2601150115C").Append(Mt(minor)).Append("NTRFNONREF//REF").Append(entries).Append('\n')
                  .Append(":86:166?00GUTSCHRIFT?20EREF+E2E-").Append(entries).Append("?21SVWZ+INV-2026-")
                  .Append(entries.ToString("000000", CultureInfo.InvariantCulture)).Append("?32CUSTOMER ")
                  .Append(entries % 5000).Append(" GMBH?31DE02120300000000202051\n");
            }
            sb.Append(":62F:C260115EUR").Append(Mt(balance)).Append("\n-\n");
        }
        return (Encoding.ASCII.GetBytes(sb.ToString()), entries);
    }

    /// <summary>
    /// A BAI2 file of about <paramref name="targetBytes"/> bytes: one group, accounts of 500 details each (credits
    /// and debits, every third with an 88 continuation), with correct control totals and record counts.
    /// </summary>
    public static (byte[] Bytes, int Entries) Bai2(long targetBytes)
    {
        var sb = new StringBuilder((int)Math.Min(targetBytes + 4096, int.MaxValue / 2));
        sb.Append("01,BANKID,CUSTID,260115,0800,BENCH,,,2/\n02,CUSTID,BANKID,1,260114,2400,USD,2/\n");
        var entries = 0;
        int accounts = 0, groupRecords = 2;
        long groupTotal = 0;
        var account = new StringBuilder();
        while (sb.Length < targetBytes - 400)
        {
            accounts++;
            account.Clear();
            long opening = 1_000_000, balance = opening, total = 0;
            var records = 2;
            for (var i = 0; i < 500 && sb.Length + account.Length < targetBytes - 400; i++)
            {
                entries++;
                var minor = 1000 + entries % 997 * 13;
                var debit = entries % 4 == 0;
                balance += debit ? -minor : minor;
                total += minor;
                records++;
                account.Append("16,").Append(debit ? "475" : "195").Append(',').Append(minor).Append(",0,BR")
                    .Append(entries).Append(",CR").Append(entries)
                    .Append(debit ? ",CHECK PAID " : ",WIRE FROM CUSTOMER ").Append(entries % 5000).Append(" INV-2026-")
                    .Append(entries.ToString("000000", CultureInfo.InvariantCulture)).Append("/\n");
                if (entries % 3 != 0) continue;
                records++;
                account.Append("88,REMITTANCE ADVICE ").Append(entries).Append(" FOR INVOICES PAID IN FULL/\n");
            }
            total += opening + balance;
            sb.Append("03,").Append(100000 + accounts).Append(",USD,010,").Append(opening).Append(",,,015,")
              .Append(balance).Append(",,/\n").Append(account).Append("49,").Append(total).Append(',')
              .Append(records).Append("/\n");
            groupTotal += total;
            groupRecords += records;
        }
        sb.Append("98,").Append(groupTotal).Append(',').Append(accounts).Append(',').Append(groupRecords)
          .Append("/\n99,").Append(groupTotal).Append(",1,").Append(groupRecords + 2).Append("/\n");
        return (Encoding.ASCII.GetBytes(sb.ToString()), entries);
    }

    private static string Major(long minor) =>
        (minor / 100).ToString(CultureInfo.InvariantCulture) + "."
        + (minor % 100).ToString("00", CultureInfo.InvariantCulture);

    private static string Mt(long minor) => Major(minor).Replace('.', ',');
}
