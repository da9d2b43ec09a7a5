using OrderToCash.CashApplication;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

public class ReferenceKeysTests
{
    [Fact]
    public void A_number_is_indexed_under_its_letters_and_digits_its_digit_groups_and_its_tails()
    {
        Assert.Equal(
            [('A', "INV2026004512"), ('G', "2026.4512"), ('G', "2026004512"), ('G', "20264512"), ('T', "4512")],
            ReferenceKeys.Of("INV-2026-004512"));
        Assert.Equal([('A', "RE20255165"), ('G', "20255165")], ReferenceKeys.Of("re20255165"));
        Assert.Equal([('A', "0000")], ReferenceKeys.Of("0000"));
        Assert.Empty(ReferenceKeys.Of("  "));
        Assert.Empty(ReferenceKeys.Of(null));
        // Three groups: every tail of three digits or more.
        Assert.Equal(
            [('A', "A1B22C333"), ('G', "1.22.333"), ('G', "122333"), ('T', "22.333"), ('T', "333")],
            ReferenceKeys.Of("a1-b22-c333"));
    }

    /// <summary>The keys as the string-building implementation computed them before keys were handed out as
    /// spans: the index and the matcher must agree with every key the text side derives.</summary>
    private static List<(char, string)> Expected(string number)
    {
        var keys = new List<(char, string)>();
        if (string.IsNullOrWhiteSpace(number)) return keys;
        var alnum = new string(number.Where(char.IsAsciiLetterOrDigit).Take(Math.Min(number.Length, 128))
            .Select(char.ToUpperInvariant).ToArray());
        if (alnum.Length >= ReferenceKeys.MinAlnumLength) keys.Add(('A', alnum));
        var groups = System.Text.RegularExpressions.Regex.Matches(number, "[0-9]+")
            .Select(m => m.Value.TrimStart('0') is { Length: > 0 } g ? g : "0").ToList();
        if (groups.Sum(g => g.Length) < ReferenceKeys.MinDigits) return keys;
        keys.Add(('G', string.Join('.', groups)));
        if (groups.Count < 2) return keys;
        var digits = string.Concat(number.Where(char.IsAsciiDigit)).TrimStart('0');
        var runTogether = digits.Length > 0 ? digits : "0";
        keys.Add(('G', runTogether));
        if (string.Concat(groups) != runTogether) keys.Add(('G', string.Concat(groups)));
        for (var k = 1; k < groups.Count; k++)
            if (groups.Skip(k).Sum(g => g.Length) >= ReferenceKeys.MinDigits)
                keys.Add(('T', string.Join('.', groups.Skip(k))));
        return keys;
    }

    [Fact]
    public void Keys_handed_out_as_spans_are_the_keys_of_the_string_definition()
    {
        var rng = new Random(20261123);
        const string alphabet = "0000123456789ABCXYZabc-/. _#";
        for (var n = 0; n < 20_000; n++)
        {
            var length = rng.Next(0, n % 100 == 0 ? 300 : 24);
            var number = new string(Enumerable.Range(0, length).Select(_ => alphabet[rng.Next(alphabet.Length)])
                .ToArray());
            var expected = Expected(number);
            Assert.Equal(expected, ReferenceKeys.Of(number));
            var hashes = new List<ulong>();
            ReferenceKeys.ForEach(number, ref hashes, static (ref List<ulong> h, char t, ReadOnlySpan<char> k) =>
                h.Add(ReferenceKeys.Hash(t, k)));
            Assert.Equal(expected.Select(e => ReferenceKeys.Hash(e.Item1, e.Item2)), hashes);
        }
    }
}
