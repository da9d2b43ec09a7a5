using System.Globalization;
using System.Text;
using OrderToCash.BankStatements;

namespace OrderToCash.CashApplication.Payments;

/// <summary>One ACH credit: the receiver's bank (routing) and account, the amount, and our id for it.</summary>
public sealed record AchCredit(string IndividualId, long AmountMinor, string ReceiverName, string Routing,
    string AccountNumber, bool IsSavings = false, string? Addenda = null);

/// <summary>Who sends the file: the ODFI routing, the company identification and names.</summary>
public sealed record AchOrigin(string ImmediateDestination, string ImmediateOrigin, string DestinationName,
    string OriginName, string CompanyName, string CompanyId, string OdfiRouting);

/// <param name="SecCode">PPD (consumers) or CCD (companies).</param>
public sealed record AchBatch(AchOrigin Origin, string SecCode, string EntryDescription, DateOnly EffectiveDate,
    DateTimeOffset CreatedAt, IReadOnlyList<AchCredit> Credits, char FileIdModifier = 'A');

/// <summary>
/// Writes a NACHA ACH file of credits (service class 220): file header, one batch header, entry details with
/// optional 05 addenda, batch control, file control, and 9-filler to a multiple of 10 records. Pure.
/// </summary>
/// <remarks>
/// Entry hash = Σ of the receivers' 8-digit routing numbers, last 10 digits; counts include addenda; the block
/// count is the number of 10-record blocks. Trace numbers are the ODFI's 8 digits and a 7-digit sequence.
/// </remarks>
public static class NachaCredits
{
    public const int RecordLength = 94;

    public static string Write(AchBatch batch)
    {
        if (batch.SecCode is not ("PPD" or "CCD")) throw new ArgumentException("SEC code must be PPD or CCD");
        if (batch.Credits.Count == 0) throw new ArgumentException("an ACH file needs at least one entry");
        var o = batch.Origin;
        var odfi = Digits(o.OdfiRouting, 9)[..8];
        var records = new List<string>
        {
            Record('1', "01", " " + Digits(o.ImmediateDestination, 9), Field(o.ImmediateOrigin, 10, right: true),
                batch.CreatedAt.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture),
                batch.FileIdModifier.ToString(), "094", "10", "1", Field(o.DestinationName, 23),
                Field(o.OriginName, 23), Field("", 8)),
            Record('5', "220", Field(o.CompanyName, 16), Field("", 20), Field(o.CompanyId, 10), batch.SecCode,
                Field(batch.EntryDescription, 10), Field("", 6),
                batch.EffectiveDate.ToString("yyMMdd", CultureInfo.InvariantCulture), "   ", "1", odfi, Number(1, 7)),
        };
        long hash = 0, credit = 0;
        var count = 0;
        for (var i = 0; i < batch.Credits.Count; i++)
        {
            var c = batch.Credits[i];
            if (c.AmountMinor <= 0) throw new ArgumentException($"entry {c.IndividualId}: amount must be positive");
            var routing = Digits(c.Routing, 9);
            if (!Nacha.IsValidRouting(routing)) throw new ArgumentException($"routing {routing} fails its check digit");
            var trace = odfi + Number(i + 1, 7);
            hash += long.Parse(routing[..8], CultureInfo.InvariantCulture);
            credit = checked(credit + c.AmountMinor);
            records.Add(Record('6', c.IsSavings ? "32" : "22", routing, Field(c.AccountNumber, 17),
                Number(c.AmountMinor, 10), Field(c.IndividualId, 15), Field(c.ReceiverName, 22), "  ",
                c.Addenda is null ? "0" : "1", trace));
            count++;
            if (c.Addenda is null) continue;
            records.Add(Record('7', "05", Field(c.Addenda, 80), Number(1, 4), Number(i + 1, 7)));
            count++;
        }
        var entryHash = Number(hash % 10_000_000_000, 10);
        records.Add(Record('8', "220", Number(count, 6), entryHash, Number(0, 12), Number(credit, 12),
            Field(o.CompanyId, 10), Field("", 19), Field("", 6), odfi, Number(1, 7)));
        var blocks = (records.Count + 1 + 9) / 10;
        records.Add(Record('9', Number(1, 6), Number(blocks, 6), Number(count, 8), entryHash, Number(0, 12),
            Number(credit, 12), Field("", 39)));
        while (records.Count % 10 != 0) records.Add(new string('9', RecordLength));
        var sb = new StringBuilder(records.Count * (RecordLength + 1));
        foreach (var r in records) sb.Append(r).Append('\n');
        return sb.ToString();
    }

    private static string Record(char type, params string[] fields)
    {
        var r = type + string.Concat(fields);
        if (r.Length != RecordLength) throw new InvalidOperationException($"record {type} is {r.Length} characters");
        return r;
    }

    /// <summary>
    /// Alphanumeric field: upper case, ASCII, left-justified (or right), space-filled, cut to length.
    /// </summary>
    private static string Field(string text, int length, bool right = false)
    {
        var clean = new string(text.ToUpperInvariant().Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray());
        if (clean.Length > length) clean = clean[..length];
        return right ? clean.PadLeft(length) : clean.PadRight(length);
    }

    private static string Number(long value, int length) =>
        value.ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');

    private static string Digits(string text, int length)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != length) throw new ArgumentException($"'{text}' is not {length} digits");
        return digits;
    }
}
