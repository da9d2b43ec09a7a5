using System.Xml;

namespace OrderToCash.BankStatements;

/// <summary>Streaming parser for ISO 20022 camt.052 (report), camt.053 (statement), camt.054 (notification).</summary>
/// <remarks>
/// Elements are matched by local name, so every message version (001.01 to 001.10 and on) reads the same way.
/// The reader moves through the document with an <see cref="XmlReader"/>; only one header element or one
/// <c>Ntry</c> at a time is loaded as a tree, so memory is bounded by the largest entry, not the file.
/// Balances: OPBD (or PRCD) opening, CLBD closing; a missing <c>CdtDbtInd</c> on a balance reads as credit.
/// </remarks>
public static class Camt
{
    public static IEnumerable<ParsedStatement> Read(Stream stream, ParseContext context)
    {
        using var reader = XmlReader.Create(stream, CamtTree.Settings());
        var tree = new CamtTree();
        var count = 0;
        var message = "";
        var messageDepth = -1;
        while (true)
        {
            ParsedStatement? statement;
            try
            {
                if (!Next(reader)) break;
                var name = reader.LocalName;
                // The message element (BkToCstmrStmt ...) may sit under Document, under a transport envelope
                // (AppHdr + Document in a BizMsg, DataPDU) or be the root; its Stmt/Rpt/Ntfctn children are read.
                if (messageDepth < 0 || reader.Depth <= messageDepth)
                {
                    if (name.StartsWith("BkToCstmr", StringComparison.Ordinal))
                        (message, messageDepth) = (name, reader.Depth);
                    else if (reader.Depth <= 1 && name != "Document" && messageDepth < 0) message = name;
                    reader.Read();
                    continue;
                }
                if (reader.Depth != messageDepth + 1 || name is not ("Stmt" or "Rpt" or "Ntfctn"))
                {
                    reader.Skip();
                    continue;
                }
                count++;
                statement = ReadStatement(reader, tree, context, $"{message}/{name}[{count}]");
            }
            catch (XmlException e)
            {
                throw context.Fail($"line {e.LineNumber}", $"not well-formed XML: {e.Message}");
            }
            yield return statement;
        }
        if (count == 0)
            throw context.Fail("line 1", "no Stmt, Rpt or Ntfctn element (the schema requires at least one)");
    }

    private static bool Next(XmlReader reader)
    {
        while (reader.NodeType != XmlNodeType.Element)
            if (!reader.Read()) return false;
        return true;
    }

    /// <summary>A balance kept as read until the statement ends (only OPBD/PRCD/CLBD amounts are parsed).</summary>
    private sealed record Bal(string? Type, string? Amount, string? Ccy, string? Indicator, DateOnly? Date, int Line,
        int AmountLine);

    private static ParsedStatement ReadStatement(XmlReader reader, CamtTree tree, ParseContext context, string path)
    {
        var line = ((IXmlLineInfo)reader).LineNumber;
        var depth = reader.Depth;
        var entries = new List<StatementEntry>();
        var balances = new List<Bal>();
        string? currency = null, id = null, electronic = null, legal = null, created = null, from = null, to = null;
        string? account = null;
        if (reader.IsEmptyElement) { reader.Read(); throw context.Fail($"line {line}, {path}", "empty statement"); }
        reader.Read();
        var index = 0;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "Ntry":
                    if (++index > context.Options.MaxLines)
                        throw context.Fail($"line {line}, {path}", $"more than {context.Options.MaxLines} entries");
                    var ntry = tree.Load(reader);
                    var entry = CamtEntry.Read(tree, ntry, context, $"{path}/Ntry[{index}]", currency);
                    currency ??= entry.Currency;
                    entries.Add(entry);
                    break;
                case "Bal":
                    var bal = tree.Load(reader);
                    var amt = tree.El(bal, "Amt");
                    balances.Add(new Bal(tree.Val(bal, "Tp", "CdOrPrtry", "Cd") ?? tree.Val(bal, "Tp", "CdOrPrtry",
                        "Prtry"), amt == CamtTree.None ? null : tree.Value(amt), tree.Ccy(amt),
                        tree.Val(bal, "CdtDbtInd"), tree.DateChoice(tree.El(bal, "Dt")), tree.Line(bal),
                        tree.Line(amt)));
                    break;
                case "Id":
                    id ??= tree.Val(tree.Load(reader));
                    break;
                case "ElctrncSeqNb":
                    electronic ??= tree.Val(tree.Load(reader));
                    break;
                case "LglSeqNb":
                    legal ??= tree.Val(tree.Load(reader));
                    break;
                case "CreDtTm":
                    created ??= tree.Val(tree.Load(reader));
                    break;
                case "FrToDt":
                    var range = tree.Load(reader);
                    from ??= tree.Val(range, "FrDtTm");
                    to ??= tree.Val(range, "ToDtTm");
                    break;
                case "Acct":
                    var acct = tree.Load(reader);
                    account ??= tree.Val(acct, "Id", "IBAN") ?? tree.Val(acct, "Id", "Othr", "Id");
                    currency ??= tree.Val(acct, "Ccy");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        reader.Read();
        currency ??= balances.Select(b => b.Ccy).FirstOrDefault(c => c is not null);
        var code = currency ?? throw context.Fail($"line {line}, {path}",
            "no currency (Acct/Ccy, Bal/Amt/@Ccy or Ntry)");
        return new ParsedStatement
        {
            Account = account,
            Currency = code,
            StatementId = id,
            SequenceNumber = electronic ?? legal,
            OpeningBalance = Balance(balances, context, path, "OPBD", "PRCD"),
            ClosingBalance = Balance(balances, context, path, "CLBD"),
            FromDate = Date(from) ?? Date(created),
            ToDate = Date(to) ?? Date(created),
            Entries = entries,
            LineNumber = line,
        };
    }

    private static StatementBalance? Balance(List<Bal> balances, ParseContext context, string path,
        params string[] types)
    {
        foreach (var type in types)
        {
            var bal = balances.FirstOrDefault(b => b.Type == type);
            if (bal is null) continue;
            if (bal.Amount is null) throw context.Fail($"line {bal.Line}, {path}/Bal", "balance without Amt");
            var minor = CamtEntry.Amount(bal.Amount, bal.Ccy, bal.AmountLine, context, $"{path}/Bal/Amt");
            return new StatementBalance(bal.Indicator == "DBIT" ? -minor : minor, bal.Date);
        }
        return null;
    }

    internal static DateOnly? Date(string? text) => CamtTree.IsoDate(text);
}
