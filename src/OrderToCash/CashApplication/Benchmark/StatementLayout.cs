using System.Globalization;
using System.Text;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>The receipts of one house bank account, in the order they appear in the file.</summary>
public sealed record AccountStatement(EntityAccount Account, IReadOnlyList<Receipt> Entries);

/// <summary>How a world's receipts are laid out in a statement file: one statement per house account.</summary>
/// <remarks>The 1-based position of an entry across the whole file is its <c>statement_entry</c>.</remarks>
public static class StatementLayout
{
    public static IReadOnlyList<AccountStatement> Of(World world)
    {
        var accounts = world.BankAccounts.ToList();
        var statements = new List<AccountStatement>();
        foreach (var group in world.Receipts.GroupBy(r => (r.LegalEntityId, r.Amount.Currency)).OrderBy(g =>
            g.Key.LegalEntityId)
                     .ThenBy(g => g.Key.Currency.Code))
        {
            var account = accounts.FirstOrDefault(a => a.LegalEntityId == group.Key.LegalEntityId
                && a.Currency == group.Key.Currency)
                ?? new EntityAccount(group.Key.LegalEntityId, group.Key.Currency,
                    $"XX00{group.Key.LegalEntityId}{group.Key.Currency.Code}0001", "XXXXXXXXXXX");
            statements.Add(new AccountStatement(account, group.ToList()));
        }
        return statements;
    }

    /// <summary>Each receipt with its 1-based position in the file.</summary>
    public static IEnumerable<(Receipt Receipt, int Entry)> Entries(IReadOnlyList<AccountStatement> statements) =>
        statements.SelectMany(s => s.Entries).Select((r, i) => (r, i + 1));

    internal static string Major(long minor, Currency currency) => Amounts.Format(Math.Abs(minor), currency);

    /// <summary>Text in the SWIFT X character set: accents folded, anything else becomes a blank.</summary>
    internal static string Swift(string text)
    {
        var folded = text.Replace("ß", "ss").Replace("Ä", "Ae").Replace("Ö", "Oe").Replace("Ü", "Ue")
            .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsAsciiLetterOrDigit(c) || "/-:().,'+ ".Contains(c) ? c : ' ');
        }
        return sb.ToString();
    }

    internal static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size) yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}
