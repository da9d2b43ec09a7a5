using System.Text;
using FsCheck;
using FsCheck.Fluent;
using OrderToCash.BankStatements;
using Xunit;

namespace OrderToCash.Tests.BankStatements;

/// <summary>Random byte damage never escapes as anything but a <see cref="StatementParseException"/>.</summary>
public sealed class MutationTests
{
    [Theory]
    [InlineData(StatementParserTests.Mt940)]
    [InlineData(StatementParserTests.Camt)]
    [InlineData(StatementParserTests.Bai2)]
    public void Mutated_files_parse_or_are_refused_by_name(string valid) =>
        MutationsParseOrAreRefused(Encoding.UTF8.GetBytes(valid));

    [Theory]
    [InlineData("coda-v1-latin1-crlf.cod")]
    [InlineData("coda-v2-foreign-iban-lf.cod")]
    [InlineData("coda-v2-globalisation.cod")]
    [InlineData("mt942-no-floor-limit.sta")]
    [InlineData("mt940-belgian-structured-latin1.sta")]
    [InlineData("bai2-two-files-distribution.bai")]
    [InlineData("bai2-detail-fields-on-88.bai")]
    [InlineData("camt053-v01-bom-crlf-proprietary-account.xml")]
    [InlineData("camt053-two-files.zip")]
    public void Mutated_variant_fixtures_parse_or_are_refused_by_name(string name) =>
        MutationsParseOrAreRefused(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "BankStatements",
            "Variants", name)));

    // Up to 8 bytes overwritten with random values: the file parses or throws StatementParseException.
    private static void MutationsParseOrAreRefused(byte[] bytes)
    {
        var mutations = Gen.Choose(0, bytes.Length - 1).Zip(Gen.Choose(0, 255)).ListOf()
            .Select(l => l.Take(8).ToArray());
        Prop.ForAll(mutations.ToArbitrary(), changes =>
        {
            var copy = (byte[])bytes.Clone();
            foreach (var (at, value) in changes) copy[at] = (byte)value;
            try { StatementParser.Parse(new MemoryStream(copy), "mutated"); }
            catch (StatementParseException) { }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Truncated_files_parse_or_are_refused_by_name()
    {
        string[] valid = [StatementParserTests.Mt940, StatementParserTests.Camt, StatementParserTests.Bai2];
        foreach (var text in valid)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var n = 0; n < bytes.Length; n += 7)
            {
                try { StatementParser.Parse(new MemoryStream(bytes, 0, n), "truncated"); }
                catch (StatementParseException) { }
            }
        }
    }
}
