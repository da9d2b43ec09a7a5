namespace OrderToCash.Ledger;

public static class DocumentNumbers
{
    /// <summary>The matching key of a document number: upper case, letters and digits only
    /// ("inv-0042" → "INV0042").</summary>
    public static string Key(string number) =>
        new(number.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
