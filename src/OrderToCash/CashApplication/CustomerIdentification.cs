namespace OrderToCash.CashApplication;

/// <summary>The payer as recognised from account and name; <see cref="Customer"/> is -1 when unknown.</summary>
/// <param name="Candidates">When the name fits several customers equally: all of them (else empty).</param>
internal readonly record struct PayerMatch(int Customer, CustomerEvidence How, string Detail, int[] Candidates)
{
    public static readonly PayerMatch Unknown = new(-1, CustomerEvidence.None, "", []);
    public bool IsKnown => Customer >= 0;

    /// <summary>Account and confirmed facts are proof; a name alone is a strong hint.</summary>
    public bool IsProof => How is CustomerEvidence.Account or CustomerEvidence.LearnedAccount
        or CustomerEvidence.LearnedName;
}

/// <summary>Recognises the paying customer from the bank account, learned facts and the payer name.</summary>
/// <remarks>
/// Order: the account on the customer master, an account or name a person confirmed before, then the name.
/// A name fits a customer when every significant word of the payer name is a word of the customer's name or
/// of an alias, in any order; the last word may be cut short (banks truncate names). A customer name that is
/// wholly contained in a longer payer name fits too. Only customers of the receipt's legal entity count.
/// When several customers fit equally well, none is chosen.
/// </remarks>
internal static class CustomerIdentification
{
    public static PayerMatch Identify(Receipt receipt, OpenItemIndex index, MatchSettings settings, List<string> bounds)
    {
        var entity = receipt.LegalEntityId;
        if (receipt.PayerAccount.Length > 0)
        {
            var c = index.CustomerOfAccount(receipt.PayerAccount);
            if (c >= 0 && index.Customers[c].LegalEntityId == entity)
                return new PayerMatch(c, CustomerEvidence.Account, $"payer account {receipt.PayerAccount}", []);
            var learned = Learned(index, settings.Learned.CustomerForAccount(receipt.PayerAccount), entity);
            if (learned >= 0)
                return new PayerMatch(learned, CustomerEvidence.LearnedAccount,
                    $"payer account {receipt.PayerAccount} confirmed before", []);
        }
        var byName = Learned(index, settings.Learned.CustomerForName(receipt.PayerName), entity);
        if (byName >= 0)
            return new PayerMatch(byName, CustomerEvidence.LearnedName,
                $"payer name '{receipt.PayerName}' confirmed before", []);
        return ByName(receipt, index, settings, bounds);
    }

    private static int Learned(OpenItemIndex index, string? customerId, string entity)
    {
        if (customerId is null) return -1;
        var c = index.CustomerIndex(customerId);
        return c >= 0 && index.Customers[c].LegalEntityId == entity ? c : -1;
    }

    private static PayerMatch ByName(Receipt receipt, OpenItemIndex index, MatchSettings settings, List<string> bounds)
    {
        var payer = Unglue(Names.Tokens(receipt.PayerName), index);
        if (payer.Length == 0) return PayerMatch.Unknown;
        var pool = Pool(payer, index);
        if (pool is null) return PayerMatch.Unknown;
        if (pool.Length > settings.MaxNameCandidates)
        {
            bounds.Add($"payer name '{receipt.PayerName}': {pool.Length} customers share its rarest word, " +
                       $"more than {settings.MaxNameCandidates}; name not used");
            return PayerMatch.Unknown;
        }

        var best = 0;
        var bestHow = CustomerEvidence.None;
        var winners = new List<int>(2);
        foreach (var c in pool)
        {
            if (index.Customers[c].LegalEntityId != receipt.LegalEntityId) continue;
            var names = index.CustomerNames[c];
            for (var n = 0; n < names.Length; n++)
            {
                var score = Score(payer, names[n]);
                if (score == 0) continue;
                var how = n > 0 ? CustomerEvidence.Alias : score == 2 ? CustomerEvidence.Name
                    : CustomerEvidence.NamePartial;
                if (score > best) { best = score; bestHow = how; winners.Clear(); winners.Add(c); }
                else if (score == best && !winners.Contains(c)) winners.Add(c);
            }
        }
        if (winners.Count == 0) return PayerMatch.Unknown;
        if (winners.Count > 1) return new PayerMatch(-1, CustomerEvidence.None, "", winners.ToArray());
        return new PayerMatch(winners[0], bestHow, $"payer name '{receipt.PayerName}'", []);
    }

    // A bank that wraps a long name can glue two words together ("ORION" + "SYSTEMS" -> "ORIONSYSTEMS"): a word no
    // customer has that splits into two words customers have is read as those two.
    private static string[] Unglue(string[] words, OpenItemIndex index)
    {
        List<string>? result = null;
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var split = word.Length >= 5 && index.CustomersWithWord(word).Length == 0 ? SplitPoint(word, index) : 0;
            if (split == 0) { result?.Add(word); continue; }
            result ??= [.. words[..w]];
            result.Add(word[..split]);
            result.Add(word[split..]);
        }
        return result?.ToArray() ?? words;
    }

    private static int SplitPoint(string word, OpenItemIndex index)
    {
        for (var k = 2; k <= word.Length - 2; k++)
            if (index.CustomersWithWord(word[..k]).Length > 0 && index.CustomersWithWord(word[k..]).Length > 0)
                return k;
        return 0;
    }

    // The customers to compare: those having the two rarest whole words of the payer name (the last word may be cut
    // short, so it only counts alone); when no customer has both, those having the rarest.
    private static int[]? Pool(string[] payer, OpenItemIndex index)
    {
        int[]? rarest = null, second = null;
        for (var w = 0; w < payer.Length; w++)
        {
            var list = index.CustomersWithWord(payer[w]);
            if (list.Length == 0) continue;
            if (rarest is null || list.Length < rarest.Length)
            {
                if (w < payer.Length - 1 || rarest is null) (second, rarest) = (rarest, list);
            }
            else if (w < payer.Length - 1 && (second is null || list.Length < second.Length)) second = list;
        }
        if (rarest is null || second is null || ReferenceEquals(rarest, second)) return rarest;
        var both = Intersect(rarest, second);
        return both.Length > 0 ? both : rarest;
    }

    // Both lists are ascending (customers are added in order).
    private static int[] Intersect(int[] a, int[] b)
    {
        var result = new List<int>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { result.Add(a[i]); i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return result.ToArray();
    }

    /// <summary>2: the same words; 1: one name contains the other (possibly cut short); 0: different.</summary>
    internal static int Score(string[] payer, string[] customer)
    {
        var score = ScoreWords(payer, customer);
        // A bank that cuts the name mid-word can leave a stub ("... CABLES W"): score without it.
        if (score == 0 && payer.Length >= 3 && payer[^1].Length <= 3) return Math.Min(1, ScoreWords(payer[..^1],
            customer));
        return score;
    }

    private static int ScoreWords(string[] payer, string[] customer)
    {
        if (customer.Length == 0) return 0;
        var used = new bool[customer.Length];
        var truncated = false;
        for (var p = 0; p < payer.Length; p++)
        {
            var isLast = p == payer.Length - 1;
            var found = -1;
            for (var c = 0; c < customer.Length && found < 0; c++)
                if (!used[c] && customer[c] == payer[p]) found = c;
            if (found < 0 && isLast && payer[p].Length >= 3)
            {
                for (var c = 0; c < customer.Length && found < 0; c++)
                    if (!used[c] && customer[c].StartsWith(payer[p], StringComparison.Ordinal)) found = c;
                truncated = found >= 0;
            }
            if (found < 0) return ContainsCustomer(payer, customer) ? 1 : 0;
            used[found] = true;
        }
        var matched = used.Count(u => u);
        if (matched == customer.Length && !truncated) return 2;
        var chars = payer.Sum(w => w.Length);
        return matched * 2 >= customer.Length && chars >= 6 ? 1 : 0;
    }

    // "ACME TRADING" inside "PAYMENT ACME TRADING HAMBURG": the customer's words all appear in the payer name.
    // A one-word customer counts when its (distinctive) word comes first: "ACME HAUPTSTR 1 HAMBURG".
    private static bool ContainsCustomer(string[] payer, string[] customer) =>
        customer.Length >= 2 ? customer.All(payer.Contains) : customer[0].Length >= 4 && payer[0] == customer[0];
}
