using System.Xml;
using System.Xml.Linq;

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
    private static readonly HashSet<string> StatementElements = ["Stmt", "Rpt", "Ntfctn"];

    public static IEnumerable<ParsedStatement> Read(Stream stream, ParseContext context)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true, XmlResolver = null,
        };
        using var reader = XmlReader.Create(stream, settings);
        var count = 0;
        var message = "";
        while (true)
        {
            ParsedStatement? statement;
            try
            {
                if (!Next(reader)) break;
                if (reader.Depth <= 1 && reader.LocalName != "Document") message = reader.LocalName;
                if (reader.Depth > 2 || !StatementElements.Contains(reader.LocalName))
                {
                    if (reader.Depth >= 2) reader.Skip(); else reader.Read();
                    continue;
                }
                count++;
                statement = ReadStatement(reader, context, $"{message}/{reader.LocalName}[{count}]");
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

    private static ParsedStatement ReadStatement(XmlReader reader, ParseContext context, string path)
    {
        var line = ((IXmlLineInfo)reader).LineNumber;
        var depth = reader.Depth;
        var header = new XElement(reader.LocalName);
        var entries = new List<StatementEntry>();
        var balances = new List<XElement>();
        string? currency = null;
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
                    var ntry = LoadCurrent(reader);
                    var entry = CamtEntry.Read(ntry, context, $"{path}/Ntry[{index}]", currency);
                    currency ??= entry.Currency;
                    entries.Add(entry);
                    break;
                case "Bal":
                    balances.Add(LoadCurrent(reader));
                    break;
                case "Id" or "ElctrncSeqNb" or "LglSeqNb" or "CreDtTm" or "FrToDt" or "Acct":
                    var child = LoadCurrent(reader);
                    header.Add(child);
                    if (child.Name.LocalName == "Acct") currency ??= child.Val("Ccy");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        reader.Read();
        currency ??= balances.Select(b => b.El("Amt")?.Attribute("Ccy")?.Value).FirstOrDefault(c => c is not null);
        var code = currency ?? throw context.Fail($"line {line}, {path}",
            "no currency (Acct/Ccy, Bal/Amt/@Ccy or Ntry)");
        var acct = header.El("Acct");
        return new ParsedStatement
        {
            Account = acct.Val("Id", "IBAN") ?? acct.Val("Id", "Othr", "Id"),
            Currency = code,
            StatementId = header.Val("Id"),
            SequenceNumber = header.Val("ElctrncSeqNb") ?? header.Val("LglSeqNb"),
            OpeningBalance = Balance(balances, context, path, "OPBD", "PRCD"),
            ClosingBalance = Balance(balances, context, path, "CLBD"),
            FromDate = Date(header.Val("FrToDt", "FrDtTm")) ?? Date(header.Val("CreDtTm")),
            ToDate = Date(header.Val("FrToDt", "ToDtTm")) ?? Date(header.Val("CreDtTm")),
            Entries = entries,
            LineNumber = line,
        };
    }

    /// <summary>Loads the element under the reader as a tree and moves the reader past it.</summary>
    private static XElement LoadCurrent(XmlReader reader)
    {
        // Line info on every node costs an annotation object each (a third of the parse time on large files):
        // the fragment keeps the line where it starts, and positions inside it are named by their element path.
        var line = ((IXmlLineInfo)reader).LineNumber;
        // ReadFrom builds the element straight from the reader (no subtree reader) and leaves it after the element.
        var element = (XElement)XNode.ReadFrom(reader);
        element.AddAnnotation(new CamtXml.SourceLine(line));
        return element;
    }

    private static StatementBalance? Balance(List<XElement> balances, ParseContext context, string path,
        params string[] types)
    {
        foreach (var type in types)
        {
            var bal = balances.FirstOrDefault(b =>
                (b.Val("Tp", "CdOrPrtry", "Cd") ?? b.Val("Tp", "CdOrPrtry", "Prtry")) == type);
            if (bal is null) continue;
            var amt = bal.El("Amt") ?? throw context.Fail($"line {bal.Line()}, {path}/Bal", "balance without Amt");
            var minor = CamtEntry.Amount(amt, context, path);
            return new StatementBalance(bal.Val("CdtDbtInd") == "DBIT" ? -minor : minor, bal.El("Dt").DateChoice());
        }
        return null;
    }

    internal static DateOnly? Date(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", out var d) ? d : null;
}
