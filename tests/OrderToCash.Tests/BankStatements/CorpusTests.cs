using System.Globalization;
using System.Text.Json;
using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>Every input file of the shared corpus folders goes through the parser: it parses and agrees with
/// the upstream expected output where there is one, or it is refused with an error that names the line.</summary>
public sealed class CorpusTests
{
    private static readonly string[] Folders = ["camt", "mt940", "bai2", "coda", "lockbox", "nacha"];

    // Files refused on purpose, with the reason the refusal must give. Everything else must parse.
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["camt/genkgo-camt/camt053.v2.wrong.xml"] = "no Stmt",
        ["mt940/svenstaro-mt940-rs/mt942/full/cmxl/mt942_1.sta"] = "empty",
        ["mt940/wolph-mt940/self-provided/invalid_statement.sta"] = "not a known statement format",
        ["bai2/dnsbty-bai2/test3.bai"] = "no 49 trailer",
        ["bai2/kenwilcox-bankfileparsers/BAI-sample.txt"] = "type code",
        ["coda/triptyk-typescript-coda-parser/sample2.cod"] = "more decimals than EUR",
        ["coda/triptyk-typescript-coda-parser/sample6.cod"] = "more decimals than EUR",
        ["nacha/moov-io-ach/issues/testdata/issue1600/1k8RecordFollowing9Record.txt"] = "before the batch control",
        ["nacha/moov-io-ach/issues/testdata/issue1378/neither_file_record.txt"] = "not a known statement format",
        ["nacha/moov-io-ach/issues/testdata/issue1378/no_header.txt"] = "not a known statement format",
        ["nacha/moov-io-ach/issues/testdata/issue1378/no_control.txt"] = "no file control",
        ["nacha/moov-io-ach/testdata/file_parsing_missing_file_control.txt"] = "before the batch control",
        ["nacha/moov-io-ach/testdata/adv-invalidBatchEntries.ach"] = "before any entry detail",
        ["nacha/moov-io-ach/testdata/invalid-two-micro-deposits.ach"] = "is not an amount",
        ["nacha/moov-io-ach/testdata/adv-noFileControl.ach"] = "no file control",
        ["nacha/moov-io-ach/testdata/iat-batchHeaderErr.ach"] = "before the batch control",
        ["nacha/moov-io-ach/testdata/ppd-debit-invalid-entryDetail-checkDigit.ach"] = "check digit",
        ["nacha/moov-io-ach/testdata/return-no-batch-controls.ach"] = "not a known statement format",
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        var root = ExternalData.Root;
        if (root is null) { data.Add("(corpus absent)"); return data; }
        foreach (var folder in Folders)
        foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories)
                     .Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".json") || name.EndsWith(".yml") || name.Contains(".ref-") || name.EndsWith(".xsd")
                || name.StartsWith("UPSTREAM-LICENSE") || name.EndsWith(".expected")) continue;
            data.Add(Path.GetRelativePath(root, path).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_parses_as_expected_or_is_refused_naming_the_line(string file)
    {
        var path = ExternalData.Path(file);
        using var stream = File.OpenRead(path);
        if (Refused.TryGetValue(file, out var reason))
        {
            var error = Assert.Throws<StatementParseException>(() => StatementParser.Parse(stream, file));
            Assert.Contains(reason, error.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("line ", error.Location);
            return;
        }
        var parsed = StatementParser.Parse(stream, file);
        var expected = Expectations(path).ToList();
        if (expected.Count == 0) return;
        // genkgo dumps the entries of one record (statement): compare with that statement only.
        var ids = expected.Select(e => e.Split('|')[0]).ToHashSet();
        var actual = parsed.Statements
            .Where(s => ids.Contains(ids.Count == 1 && ids.Contains("") ? "" : s.StatementId ?? ""))
            .SelectMany(s => s.Entries.Select(e => (s, e)))
            .Select(x => $"{(ids.Contains("") ? "" : x.s.StatementId)}|{x.e.AmountMinor} " +
                         $"{(parsed.Format.StartsWith("camt") ? x.e.BookingDate : x.e.ValueDate):yyyy-MM-dd}")
            .ToList();
        Assert.Equal(expected, actual);
    }

    /// <summary>"amountMinor date" per entry from the upstream expected file next to the input, if any.</summary>
    private static IEnumerable<string> Expectations(string input)
    {
        var dir = Path.GetDirectoryName(input)!;
        var stem = Path.GetFileNameWithoutExtension(input);
        var candidates = new[] { Path.Combine(dir, stem + ".json"), Path.Combine(dir, stem + ".expected.json") };
        var json = candidates.FirstOrDefault(File.Exists);
        if (json is null) return [];
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var list = new List<string>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("getEntries", out var genkgo))
        {
            foreach (var e in genkgo.EnumerateArray())
            {
                var minor = Math.Abs(long.Parse(e.GetProperty("getAmount").GetProperty("getAmount").GetString()!));
                var sign = e.GetProperty("getCreditDebitIndicator").GetString() == "DBIT" ? -1 : 1;
                var date = e.GetProperty("getBookingDate") is { ValueKind: JsonValueKind.Object } d
                    ? d.GetProperty("0").GetString()![..10] : "";
                var record = e.GetProperty("getRecord").TryGetProperty("getId", out var id) ? id.GetString() : "";
                list.Add($"{record}|{sign * minor} {date}");
            }
        }
        else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("transactions", out var wolph))
        {
            foreach (var t in wolph.EnumerateArray())
            {
                var amount = Minor(t.GetProperty("amount").GetProperty("amount").GetString()!);
                list.Add($"|{amount} {t.GetProperty("date").GetString()}");
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in root.EnumerateArray())
            {
                if (s.TryGetProperty("statement_lines", out var lines))
                    foreach (var l in lines.EnumerateArray())
                    {
                        var debit = l.GetProperty("ext_debit_credit_indicator").GetString()!.Contains("Debit")
                            && !l.GetProperty("ext_debit_credit_indicator").GetString()!.Contains("Reverse");
                        var minor = Minor(l.GetProperty("amount").GetString()!);
                        list.Add($"|{(debit ? -minor : minor)} {l.GetProperty("value_date").GetString()}");
                    }
                else if (s.TryGetProperty("transactions", out var txs))
                    foreach (var t in txs.EnumerateArray())
                    {
                        var minor = decimal.ToInt64(t.GetProperty("amount").GetDecimal() * 100);
                        var signed = t.GetProperty("isCredit").GetBoolean() ? minor : -minor;
                        list.Add($"|{signed} {t.GetProperty("valueDate").GetString()}");
                    }
            }
        }
        return list;
    }

    private static long Minor(string major) =>
        decimal.ToInt64(decimal.Parse(major, NumberStyles.Number, CultureInfo.InvariantCulture) * 100);
}
