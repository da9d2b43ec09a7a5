namespace OrderToCash.Ledger;

public static class DocumentNumbers
{
    /// <summary>The matching key of a document number: upper case, letters and digits only
    /// ("inv-0042" → "INV0042").</summary>
    public static string Key(string number)
    {
        // Once per item on every import (a million on a large file): one pass, no intermediate sequences.
        Span<char> key = number.Length <= 256 ? stackalloc char[number.Length] : new char[number.Length];
        var length = 0;
        foreach (var c in number)
            if (char.IsLetterOrDigit(c)) key[length++] = char.ToUpperInvariant(c);
        return new string(key[..length]);
    }
}
