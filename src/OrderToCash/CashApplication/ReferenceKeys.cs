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
        return new string(buffer[..Alnum(text, buffer)]);
    }

    /// <summary>The letters and digits of <paramref name="text"/> in upper case, as many as fit; how many.</summary>
    private static int Alnum(ReadOnlySpan<char> text, Span<char> into)
    {
        var n = 0;
        foreach (var c in text)
        {
            if (n == into.Length) break;
            if (char.IsAsciiLetterOrDigit(c)) into[n++] = char.ToUpperInvariant(c);
        }
        return n;
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
    public static List<(char Type, string Key)> Of(string? number)
    {
        var keys = new List<(char, string)>(5);
        ForEach(number, ref keys, static (ref List<(char, string)> keys, char type, ReadOnlySpan<char> key) =>
            keys.Add((type, new string(key))));
        return keys;
    }

    /// <summary>Receives one key of a number; the span is only valid during the call.</summary>
    public delegate void KeyVisitor<TState>(ref TState state, char type, ReadOnlySpan<char> key);

    /// <summary>
    /// The keys of <see cref="Of"/>, in the same order, handed to <paramref name="visit"/> without a string each:
    /// the index computes a million numbers' keys, and the matcher re-derives an item's keys for every hit.
    /// </summary>
    public static void ForEach<TState>(string? number, ref TState state, KeyVisitor<TState> visit)
    {
        if (string.IsNullOrWhiteSpace(number)) return;
        Span<char> alnum = stackalloc char[Math.Min(number.Length, 128)];
        var n = Alnum(number, alnum);
        if (n >= MinAlnumLength) visit(ref state, 'A', alnum[..n]);
        // The digit runs, each without its leading zeros ("0" stays "0"), as (start, length) in the number.
        var small = number.Length <= 128;
        Span<(int Start, int Length)> groups = small
            ? stackalloc (int, int)[number.Length / 2 + 1] : new (int, int)[number.Length / 2 + 1];
        int count = 0, digitCount = 0;
        for (var i = 0; i < number.Length;)
        {
            if (!char.IsAsciiDigit(number[i])) { i++; continue; }
            var start = i;
            while (i < number.Length && char.IsAsciiDigit(number[i])) i++;
            while (start < i - 1 && number[start] == '0') start++;
            groups[count++] = (start, i - start);
            digitCount += i - start;
        }
        if (digitCount < MinDigits) return;
        Span<char> joined = small ? stackalloc char[2 * number.Length] : new char[2 * number.Length];
        visit(ref state, 'G', Join(number, groups[..count], '.', joined));
        if (count < 2) return;
        Span<char> together = small ? stackalloc char[number.Length] : new char[number.Length];
        var t = 0;
        foreach (var c in number)
            if (char.IsAsciiDigit(c)) together[t++] = c;
        var zeros = 0;
        while (zeros < t - 1 && together[zeros] == '0') zeros++;
        var runTogether = together[zeros..t];
        visit(ref state, 'G', runTogether);
        // Zeros dropped first, then the separators: "RE-2025-005165" typed as "RE20255165".
        var stripped = Join(number, groups[..count], null, joined);
        if (!stripped.SequenceEqual(runTogether)) visit(ref state, 'G', stripped);
        for (var k = 1; k < count; k++)
        {
            var digits = 0;
            foreach (var g in groups[k..count]) digits += g.Length;
            if (digits >= MinDigits) visit(ref state, 'T', Join(number, groups[k..count], '.', joined));
        }
    }

    private static ReadOnlySpan<char> Join(string number, ReadOnlySpan<(int Start, int Length)> groups,
        char? separator, Span<char> into)
    {
        var n = 0;
        foreach (var (start, length) in groups)
        {
            if (n > 0 && separator is { } c) into[n++] = c;
            number.AsSpan(start, length).CopyTo(into[n..]);
            n += length;
        }
        return into[..n];
    }

    /// <summary>The digits of a number run together, without leading zeros: the form compared for typos.</summary>
    public static string AllDigits(string number) => StripZeros(string.Concat(number.Where(char.IsAsciiDigit)));

    /// <summary>64-bit FNV-1a of a typed key; collisions are ruled out by re-checking the item.</summary>
    public static ulong Hash(char type, string key) => Hash(type, key.AsSpan());

    /// <inheritdoc cref="Hash(char, string)"/>
    public static ulong Hash(char type, ReadOnlySpan<char> key)
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
