namespace OrderToCash.CashApplication;

/// <summary>An open item a reference points at, how it was recognised, and the text that did it.</summary>
internal readonly record struct ReferenceHit(int Item, ReferenceKind Kind, string Text);

/// <summary>Finds the open items that the remittance information of a receipt refers to.</summary>
internal static class ReferenceMatching
{
    private const int MaxCandidates = 200;

    public static List<ReferenceHit> Find(Receipt receipt, OpenItemIndex index, MatchSettings settings,
        List<string> bounds)
    {
        var text = Remittance.Text(receipt);
        var hits = new Dictionary<int, ReferenceHit>();
        if (text.Length == 0) return [];
        var candidates = Remittance.Candidates(text, MaxCandidates, out var truncated);
        if (truncated) bounds.Add($"remittance has more than {MaxCandidates} reference candidates; the rest not read");
        foreach (var candidate in candidates)
        {
            if (candidate.Type == 'A')
            {
                Look(candidate, 'A', ReferenceKind.Exact);
                Look(candidate, 'P', ReferenceKind.PurchaseOrder);
            }
            else
            {
                Look(candidate, 'G', candidate.IsPart ? ReferenceKind.Tail : ReferenceKind.Digits);
                Look(candidate, 'T', ReferenceKind.Tail);
                if (!candidate.IsPart) Look(candidate, 'Q', ReferenceKind.PurchaseOrder);
            }
        }
        return hits.Values.OrderBy(h => h.Item).ToList();

        void Look(ReferenceCandidate candidate, char type, ReferenceKind kind)
        {
            var found = index.FindReference(type, candidate.Key);
            if (found.Length == 0) return;
            if (found.Length > settings.MaxHitsPerReference)
            {
                if (kind != ReferenceKind.Tail)
                    bounds.Add($"reference '{candidate.Text}' fits {found.Length} documents, " +
                               $"more than {settings.MaxHitsPerReference}; not used");
                return;
            }
            foreach (var item in found)
            {
                if (!Confirms(index.Items[item], type, candidate.Key)) continue;
                if (hits.TryGetValue(item, out var known) && known.Kind <= kind) continue;
                hits[item] = new ReferenceHit(item, kind, candidate.Text);
            }
        }
    }

    // The index stores hashes: re-derive the item's keys to rule out a collision.
    private static bool Confirms(OpenItemView item, char type, string key)
    {
        var isPo = type is 'P' or 'Q';
        var number = isPo ? item.PoNumber : item.InvoiceNumber;
        var wanted = new WantedKey(type switch { 'P' => 'A', 'Q' => 'G', _ => type }, key);
        ReferenceKeys.ForEach(number, ref wanted, static (ref WantedKey wanted, char t, ReadOnlySpan<char> k) =>
            wanted.Found |= t == wanted.Type && k.SequenceEqual(wanted.Key));
        return wanted.Found;
    }

    private struct WantedKey(char type, string key)
    {
        public readonly char Type = type;
        public readonly string Key = key;
        public bool Found;
    }

    /// <summary>Digit strings of the remittance worth comparing for one typo: four digits or more.</summary>
    public static List<(string Digits, string Text)> TypoCandidates(Receipt receipt)
    {
        var text = Remittance.Text(receipt);
        var result = new List<(string, string)>();
        if (text.Length == 0) return result;
        foreach (var c in Remittance.Candidates(text, MaxCandidates, out _))
        {
            if (c.Type != 'G') continue;
            var digits = c.Key.Replace(".", "");
            if (digits.Length >= 4 && !result.Exists(r => r.Item1 == digits)) result.Add((digits, c.Text));
        }
        return result;
    }

    /// <summary>True when a typed digit string is one edit from the item's number (all digits, or the last
    /// group).</summary>
    public static bool IsOneEditOf(string digits, OpenItemView item)
    {
        var all = ReferenceKeys.AllDigits(item.InvoiceNumber);
        if (all.Length >= 4 && all != digits && ReferenceKeys.WithinOneEdit(digits, all)) return true;
        var groups = ReferenceKeys.DigitGroups(item.InvoiceNumber);
        if (groups.Count < 2) return false;
        var last = groups[^1];
        return last.Length >= 4 && last != digits && ReferenceKeys.WithinOneEdit(digits, last);
    }

    public static string Describe(ReferenceKind kind, string text, string invoiceNumber, string poNumber) => kind switch
    {
        ReferenceKind.Exact => $"invoice number {invoiceNumber} in remittance",
        ReferenceKind.Digits => $"reference '{text}' matches {invoiceNumber}",
        ReferenceKind.PurchaseOrder => $"PO number {poNumber} in remittance ({invoiceNumber})",
        ReferenceKind.Tail => $"reference '{text}' matches the end of {invoiceNumber}",
        _ => $"reference '{text}' is one digit off {invoiceNumber}",
    };
}
