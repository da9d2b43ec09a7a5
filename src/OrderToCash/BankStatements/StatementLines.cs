using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OrderToCash.BankStatements;

/// <summary>What an imported line is for the ledger, decided from the parsed entry alone.</summary>
public enum LineKind { Receipt, BankCharge, OutgoingPayment, Pending, Zero }

/// <summary>A statement line before it is stored: the entry (or batch transaction) and its natural key.</summary>
public sealed record LineDraft(
    int Position, int? BatchTransactionIndex, string? BatchReference, StatementEntry Entry, DateOnly BookingDate,
    string KeyReference, int Occurrence, LineKind Kind)
{
    public (DateOnly, string, long, int) Key => (BookingDate, KeyReference, Entry.AmountMinor, Occurrence);
}

/// <summary>
/// Turns a parsed statement into the lines to store: batch entries split into their transactions, each line
/// with its natural key, occurrence counter and ledger kind. Pure.
/// </summary>
public static partial class StatementLines
{
    /// <summary>
    /// The lines of one statement; <paramref name="firstPosition"/> is the file position of its first entry.
    /// </summary>
    public static List<LineDraft> Draft(ParsedStatement statement, int firstPosition, DateOnly fallbackDate)
    {
        var drafts = new List<LineDraft>(statement.Entries.Count);
        var seen = new Dictionary<(DateOnly, string, long), int>();
        var position = firstPosition;
        var date = statement.ToDate ?? statement.FromDate ?? fallbackDate;
        foreach (var entry in statement.Entries)
        {
            var booking = entry.BookingDate ?? entry.ValueDate ?? date;
            if (SplitsIntoTransactions(entry))
            {
                for (var i = 0; i < entry.Transactions.Count; i++)
                {
                    var tx = entry.Transactions[i] with { BookingDate = booking, IsBooked = entry.IsBooked };
                    drafts.Add(Line(position, i + 1, entry.BankReference, tx, booking, seen));
                }
            }
            else drafts.Add(Line(position, null, null, entry, booking, seen));
            position++;
        }
        return drafts;
    }

    /// <summary>
    /// A batch entry becomes its transactions only when their amounts add up to the booked amount; otherwise (an
    /// amount missing) the booking stays one line, so the cash recognised always equals the cash booked.
    /// </summary>
    public static bool SplitsIntoTransactions(StatementEntry entry)
    {
        if (entry.Transactions.Count < 2) return false;
        long sum = 0;
        foreach (var tx in entry.Transactions) sum = checked(sum + tx.AmountMinor);
        return sum == entry.AmountMinor && entry.Transactions.All(t => t.AmountMinor != 0);
    }

    private static LineDraft Line(int position, int? index, string? batchReference, StatementEntry entry,
        DateOnly booking, Dictionary<(DateOnly, string, long), int> seen)
    {
        var reference = KeyReference(entry);
        var key = (booking, reference, entry.AmountMinor);
        var occurrence = seen.GetValueOrDefault(key) + 1;
        seen[key] = occurrence;
        return new LineDraft(position, index, batchReference, entry, booking, reference, occurrence, Kind(entry));
    }

    /// <summary>The bank reference, or "#" and a hash of what the line says when the bank gives no reference.</summary>
    public static string KeyReference(StatementEntry entry)
    {
        var reference = entry.BankReference?.Trim();
        if (!string.IsNullOrEmpty(reference) && !reference.Equals("NONREF", StringComparison.OrdinalIgnoreCase))
            return reference.Length <= 120 ? reference : reference[..120];
        var content = string.Join('\u001f', entry.ValueDate?.ToString("yyyy-MM-dd") ?? "", entry.CustomerReference,
            entry.EndToEndId, entry.CounterpartyName, entry.CounterpartyAccount, entry.Remittance,
            string.Join(';', entry.StructuredReferences), entry.BankTransactionCode, entry.Information);
        return "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..32];
    }

    public static LineKind Kind(StatementEntry entry)
    {
        if (!entry.IsBooked) return LineKind.Pending;
        if (entry.AmountMinor == 0) return LineKind.Zero;
        if (entry.AmountMinor > 0) return LineKind.Receipt;
        return IsBankCharge(entry) ? LineKind.BankCharge : LineKind.OutgoingPayment;
    }

    /// <summary>
    /// A debit the bank takes for itself: camt bank transaction code with CHRG (or FEES) as family or sub-family,
    /// MT940 transaction type NCHG/NCOM, BAI2 fee type codes, or a text that says charges/fee and nothing else.
    /// </summary>
    public static bool IsBankCharge(StatementEntry entry)
    {
        if (entry.AmountMinor >= 0) return false;
        var code = entry.BankTransactionCode?.Trim().ToUpperInvariant() ?? "";
        if (code.Split('/').Any(part => part is "CHRG" or "FEES" or "COMM" or "NCHG" or "NCOM" or "FCHG")) return true;
        if (BaiFeeCodes.Contains(code)) return true;
        var text = $"{entry.Information} {entry.Remittance}";
        return ChargeText().IsMatch(text) && entry.CounterpartyAccount is null;
    }

    // BAI2 type codes 661 (account analysis fee) and 698 (miscellaneous fees).
    private static readonly HashSet<string> BaiFeeCodes = ["661", "698"];

    // German compounds ("Kontoführungsgebühren", "Kontofuehrungsentgelt") carry the fee inside a longer word.
    [GeneratedRegex(@"\b(bank ?charges?|charges?|fees?|service charge)\b|kontof(ü|ue|u)hrung|geb(ü|ue|u)hr|entgelt",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChargeText();
}
