using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrderToCash.Ledger;

/// <summary>The hash of an entry in its legal entity's chain: SHA-256 over its content and the previous hash.</summary>
/// <remarks>
/// The content is a canonical text (invariant culture, lines in line-number order) so that both databases and
/// every machine compute the same hash. Changing any amount, account, date or line breaks the chain from that
/// entry on, which <see cref="LedgerCheck"/> reports.
/// </remarks>
public static class ChainHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(JournalEntry entry, long sequence, string previousHash)
    {
        var sb = new StringBuilder();
        sb.Append(previousHash).Append('|').Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('|')
          .Append(entry.Id.ToString("N")).Append('|').Append(entry.LegalEntityId).Append('|')
          .Append(entry.PostingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
          .Append(entry.Kind).Append('|').Append(entry.Memo).Append('|').Append(entry.Source).Append('|')
          .Append(entry.ReversesEntryId?.ToString("N")).Append('|').Append(entry.CreatedBy);
        foreach (var l in entry.Lines.OrderBy(l => l.LineNo))
        {
            sb.Append('\n').Append(l.LineNo.ToString(CultureInfo.InvariantCulture)).Append('|')
              .Append(l.AccountId.ToString(CultureInfo.InvariantCulture)).Append('|').Append(l.Currency).Append('|')
              .Append(l.AmountMinor.ToString(CultureInfo.InvariantCulture)).Append('|')
              .Append(l.FunctionalMinor.ToString(CultureInfo.InvariantCulture)).Append('|')
              .Append(l.CustomerId).Append('|').Append(l.OpenItemId?.ToString("N"));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
