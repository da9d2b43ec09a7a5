using OrderToCash.BankStatements;
using Xunit;
using static OrderToCash.Tests.BankStatements.StatementVariantTests;

namespace OrderToCash.Tests.BankStatements;

/// <summary>
/// What the variant fixtures accept stays narrow: one damaging change to a fixture is refused, naming the line and
/// the reason, never read as something else.
/// </summary>
public sealed class MalformedVariantTests
{
    [Theory]
    [InlineData("coda-v1-latin1-crlf.cod", "0000000001250500150324", "00000000012505O0150324", "line 3",
        "not an amount")]
    [InlineData("coda-v2-globalisation.cod", "2300010001BE71", "2700010001BE71", "line 6", "record 27")]
    [InlineData("mt942-no-floor-limit.sta", ":61:240305D24,99", ":61:240305X24,99", "line 10", ":61:")]
    [InlineData("mt940-optional-fields-cr.sta", ":60M:C240301EUR150,00", ":60M:C2403EUR150,00", "line 28",
        "balance :60M:")]
    [InlineData("bai2-detail-fields-on-88.bai", "16,475,30000,0/", "16,475,30000,Q/", "line 7", "funds type 'Q'")]
    [InlineData("bai2-two-files-distribution.bai", "99,12000,1,7/", "99,12000,1,7/\n16,108,1,0,,,", "line 18",
        "after the 99 file trailer")]
    public void One_damaging_change_is_refused_naming_line_and_reason(string fixture, string from, string to,
        string location, string reason)
    {
        var text = Fixture(fixture);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var error = Assert.Throws<StatementParseException>(() =>
            ParseText(text.Replace(from, to, StringComparison.Ordinal)));
        Assert.Equal(location, error.Location);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }
}
