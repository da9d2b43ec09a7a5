namespace OrderToCash.CashApplication;

/// <summary>How a reference in the remittance was recognised; stronger kinds first.</summary>
public enum ReferenceKind
{
    /// <summary>The document number, letters and digits, exactly (case and separators aside).</summary>
    Exact,
    /// <summary>All digit groups of the number, leading zeros and prefix letters dropped.</summary>
    Digits,
    /// <summary>The customer's purchase-order number.</summary>
    PurchaseOrder,
    /// <summary>Only the trailing digit groups (a prefix such as the year was dropped).</summary>
    Tail,
    /// <summary>One mistyped or transposed digit; only with the amount and the payer agreeing.</summary>
    OneEdit,
}

/// <summary>Keys under which a document number is indexed, and the same keys computed from free text.</summary>
/// <remarks>
/// "INV-2026-004512" is indexed under A:INV2026004512 (letters and digits), G:2026.4512 (digit groups without
/// leading zeros), G:2026004512 (the digits run together) and T:4512 (trailing group, a weak key). Text is cut
/// into the same shapes, so "inv/2026/4512", "RE:INV2026004512X" and "Rechnung 4512" find the invoice.
/// </remarks>
public static class ReferenceKeys
{
    public const int MinAlnumLength = 4;
    public const int MinDigits = 3;

    public static string Alnum(ReadOnlySpan<char> text)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 128)];
        var n = 0;
        foreach (var c in text)
        {
            if (n == buffer.Length) break;
            if (char.IsAsciiLetterOrDigit(c)) buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }

    /// <summary>The digit runs of a text, each without leading zeros ("0" stays "0").</summary>
    public static List<string> DigitGroups(string text)
    {
        var groups = new List<string>(4);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            groups.Add(StripZeros(text.AsSpan(start, i - start)));
        }
        return groups;
    }

    public static string StripZeros(ReadOnlySpan<char> digits)
    {
        var k = 0;
        while (k < digits.Length - 1 && digits[k] == '0') k++;
        return new string(digits[k..]);
    }

    /// <summary>Every key a document number is indexed under, strongest first.</summary>
    public static List<(char Type, string Key)> Of(string number)
    {
        var keys = new List<(char, string)>(5);
        if (string.IsNullOrWhiteSpace(number)) return keys;
        var alnum = Alnum(number);
        if (alnum.Length >= MinAlnumLength) keys.Add(('A', alnum));
        var groups = DigitGroups(number);
        var digitCount = groups.Sum(g => g.Length);
        if (digitCount < MinDigits) return keys;
        keys.Add(('G', string.Join('.', groups)));
        if (groups.Count > 1)
        {
            var runTogether = StripZeros(string.Concat(number.Where(char.IsAsciiDigit)));
            keys.Add(('G', runTogether));
            // Zeros dropped first, then the separators: "RE-2025-005165" typed as "RE20255165".
            var stripped = string.Concat(groups);
            if (stripped != runTogether) keys.Add(('G', stripped));
            for (var k = 1; k < groups.Count; k++)
            {
                var tail = string.Join('.', groups.Skip(k));
                if (tail.Replace(".", "").Length >= MinDigits) keys.Add(('T', tail));
            }
        }
        return keys;
    }

    /// <summary>The digits of a number run together, without leading zeros: the form compared for typos.</summary>
    public static string AllDigits(string number) => StripZeros(string.Concat(number.Where(char.IsAsciiDigit)));

    /// <summary>64-bit FNV-1a of a typed key; collisions are ruled out by re-checking the item.</summary>
    public static ulong Hash(char type, string key)
    {
        unchecked
        {
            var h = 14695981039346656037UL;
            h = (h ^ type) * 1099511628211UL;
            foreach (var c in key) h = (h ^ c) * 1099511628211UL;
            return h;
        }
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> differ by one edit or one swap.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        var la = a.Length;
        var lb = b.Length;
        if (Math.Abs(la - lb) > 1) return false;
        var i = 0;
        while (i < Math.Min(la, lb) && a[i] == b[i]) i++;
        if (la == lb)
        {
            // One substitution, or one swap of neighbours.
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true;
            return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }
        return la > lb ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
