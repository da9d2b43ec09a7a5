using System.Text;
using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>
/// The same text statement in other transport clothes (line ends, byte order marks, UTF-16, a DOS end-of-file
/// mark) reads the same: every text fixture of BankStatements/Variants that parses is read again in each of them.
/// </summary>
public sealed class TransportVariantTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "BankStatements", "Variants");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".zip", StringComparison.Ordinal)
                || name.Contains("-bad-", StringComparison.Ordinal))
                continue;
            foreach (var clothes in new[] { "LF", "CRLF", "CR", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "DOS EOF" })
                data.Add(name, clothes);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_text_statement_reads_the_same_whatever_its_line_ends_and_encoding(string name, string clothes)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        var expected = Summary(StatementParser.Parse(new MemoryStream(bytes), name));
        var text = TextLines.Decode(bytes).TrimStart('\uFEFF');
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var dressed = clothes switch
        {
            "LF" => Encoding.UTF8.GetBytes(lines),
            "CRLF" => Encoding.UTF8.GetBytes(lines.Replace("\n", "\r\n", StringComparison.Ordinal)),
            "CR" => Encoding.UTF8.GetBytes(lines.Replace('\n', '\r')),
            "DOS EOF" => Encoding.UTF8.GetBytes(lines.Replace("\n", "\r\n", StringComparison.Ordinal) + "\u001A"),
            "UTF-8 BOM" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            "UTF-16LE" => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            _ => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
        };
        Assert.Equal(expected, Summary(StatementParser.Parse(new MemoryStream(dressed), name)));
    }

    private static string Summary(ParsedFile file) => file.Format + "\n" + string.Join("\n", file.Statements.Select(s =>
        $"{s.Account} {s.Currency} {s.StatementId} {s.OpeningBalance} {s.ClosingBalance} | " + string.Join(" | ",
            s.Entries.Select(e => $"{e.AmountMinor} {e.ValueDate} {e.BankReference} {e.CounterpartyName} " +
                $"{e.Remittance?.ReplaceLineEndings("\n")} {string.Join(',', e.StructuredReferences)} " +
                $"{e.Transactions.Count}"))));
}
