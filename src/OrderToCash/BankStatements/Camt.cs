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
        var header = new Header();
        if (reader.IsEmptyElement) { reader.Read(); throw context.Fail($"line {line}, {path}", "empty statement"); }
        reader.Read();
        var index = 0;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            if (reader.LocalName == "Ntry")
            {
                if (++index > context.Options.MaxLines)
                    throw context.Fail($"line {line}, {path}", $"more than {context.Options.MaxLines} entries");
                var entry = CamtEntry.Read(tree, tree.Load(reader), context, $"{path}/Ntry[{index}]",
                    header.Currency);
                header.Currency ??= entry.Currency;
                entries.Add(entry);
            }
            else if (!header.Read(reader, tree)) reader.Skip();
        }
        reader.Read();
        var code = header.Currency ?? header.Balances.Select(b => b.Ccy).FirstOrDefault(c => c is not null)
            ?? throw context.Fail($"line {line}, {path}", "no currency (Acct/Ccy, Bal/Amt/@Ccy or Ntry)");
        return new ParsedStatement
        {
            Account = header.Account,
            Currency = code,
            StatementId = header.Id,
            SequenceNumber = header.Electronic ?? header.Legal,
            OpeningBalance = Balance(header.Balances, context, path, "OPBD", "PRCD"),
            ClosingBalance = Balance(header.Balances, context, path, "CLBD"),
            FromDate = Date(header.From) ?? Date(header.Created),
            ToDate = Date(header.To) ?? Date(header.Created),
            Entries = entries,
            LineNumber = line,
        };
    }

    /// <summary>What a statement says about itself: identification, account, period and balances.</summary>
    private sealed class Header
    {
        public string? Currency, Id, Electronic, Legal, Created, From, To, Account;
        public List<Bal> Balances { get; } = [];

        /// <summary>Reads the element under the reader if it is one of the statement's own; false if not.</summary>
        public bool Read(XmlReader reader, CamtTree tree)
        {
            switch (reader.LocalName)
            {
                case "Bal":
                    var bal = tree.Load(reader);
                    var amt = tree.El(bal, "Amt");
                    // Tp/CdOrPrtry from version 02 on, Tp/Cd or Tp/Prtry in version 01.
                    var type = tree.Val(bal, "Tp", "CdOrPrtry", "Cd") ?? tree.Val(bal, "Tp", "CdOrPrtry", "Prtry")
                        ?? tree.Val(bal, "Tp", "Cd") ?? tree.Val(bal, "Tp", "Prtry");
                    Balances.Add(new Bal(type, amt == CamtTree.None ? null : tree.Value(amt), tree.Ccy(amt),
                        tree.Val(bal, "CdtDbtInd"), tree.DateChoice(tree.El(bal, "Dt")), tree.Line(bal),
                        tree.Line(amt)));
                    return true;
                // Load before the ??=: a repeated element must still be read past, or the reader never moves on.
                case "Id" or "ElctrncSeqNb" or "LglSeqNb" or "CreDtTm":
                    var name = reader.LocalName;
                    var value = tree.Val(tree.Load(reader));
                    switch (name)
                    {
                        case "Id": Id ??= value; break;
                        case "ElctrncSeqNb": Electronic ??= value; break;
                        case "LglSeqNb": Legal ??= value; break;
                        default: Created ??= value; break;
                    }
                    return true;
                case "FrToDt":
                    var range = tree.Load(reader);
                    From ??= tree.Val(range, "FrDtTm");
                    To ??= tree.Val(range, "ToDtTm");
                    return true;
                case "Acct":
                    var acct = tree.Load(reader);
                    // IBAN or Othr (v02 on); BBAN, UPIC or PrtryAcct in version 01.
                    Account ??= tree.Val(acct, "Id", "IBAN") ?? tree.Val(acct, "Id", "Othr", "Id")
                        ?? tree.Val(acct, "Id", "BBAN") ?? tree.Val(acct, "Id", "UPIC")
                        ?? tree.Val(acct, "Id", "PrtryAcct", "Id");
                    Currency ??= tree.Val(acct, "Ccy");
                    return true;
                default:
                    return false;
            }
        }
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
