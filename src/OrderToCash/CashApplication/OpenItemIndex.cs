namespace OrderToCash.CashApplication;

/// <summary>
/// The open items and customers of all legal entities, indexed once for matching many receipts.
/// Immutable after <see cref="Build"/>; safe to share between threads.
/// </summary>
/// <remarks>
/// Lookups: document and PO numbers under their reference keys (<see cref="ReferenceKeys"/>), open items by
/// customer (oldest due first), by exact open amount, customers by bank account and by the words of their names
/// and aliases.
/// </remarks>
public sealed class OpenItemIndex
{
    internal OpenItemView[] Items { get; }
    internal CustomerView[] Customers { get; }
    internal int[] ItemCustomer { get; }
    private readonly Dictionary<string, int> _customerById;
    private readonly int[] _customerStart;
    private readonly int[] _customerItems;
    private readonly KeyIndex _references;
    private readonly KeyIndex _amounts;
    private readonly Dictionary<string, int> _accounts;
    private readonly Dictionary<string, int[]> _nameWords;
    internal string[][][] CustomerNames { get; }

    /// <summary>Marks an account that belongs to two different customers: it identifies nobody.</summary>
    internal const int SharedAccount = -2;

    private OpenItemIndex(OpenItemView[] items, CustomerView[] customers, Dictionary<string, int> customerById,
        int[] itemCustomer, int[] customerStart, int[] customerItems, KeyIndex references, KeyIndex amounts,
        Dictionary<string, int> accounts, Dictionary<string, int[]> nameWords, string[][][] customerNames)
    {
        Items = items;
        Customers = customers;
        _customerById = customerById;
        ItemCustomer = itemCustomer;
        _customerStart = customerStart;
        _customerItems = customerItems;
        _references = references;
        _amounts = amounts;
        _accounts = accounts;
        _nameWords = nameWords;
        CustomerNames = customerNames;
    }

    public int ItemCount => Items.Length;
    public int CustomerCount => Customers.Length;

    public static OpenItemIndex Build(IReadOnlyList<OpenItemView> openItems, IReadOnlyList<CustomerView> customers)
    {
        var items = openItems.ToArray();
        var custs = customers.ToArray();
        var byId = new Dictionary<string, int>(custs.Length);
        for (var c = 0; c < custs.Length; c++) byId.TryAdd(custs[c].Id, c);

        var itemCustomer = new int[items.Length];
        var counts = new int[custs.Length + 1];
        for (var i = 0; i < items.Length; i++)
        {
            itemCustomer[i] = byId.TryGetValue(items[i].CustomerId, out var c) ? c : -1;
            if (itemCustomer[i] >= 0) counts[itemCustomer[i] + 1]++;
        }
        var start = new int[custs.Length + 1];
        for (var c = 0; c < custs.Length; c++) start[c + 1] = start[c] + counts[c + 1];
        var fill = (int[])start.Clone();
        var grouped = new int[start[custs.Length]];
        for (var i = 0; i < items.Length; i++)
            if (itemCustomer[i] >= 0) grouped[fill[itemCustomer[i]]++] = i;
        for (var c = 0; c < custs.Length; c++)
        {
            var span = grouped.AsSpan(start[c], start[c + 1] - start[c]);
            if (span.Length > 1) span.Sort((a, b) => Oldest(items[a], items[b]));
        }

        return new OpenItemIndex(items, custs, byId, itemCustomer, start, grouped, BuildReferences(items),
            BuildAmounts(items), BuildAccounts(custs), BuildNameWords(custs, out var names), names);
    }

    private static int Oldest(OpenItemView a, OpenItemView b)
    {
        var byDue = a.DueDate.CompareTo(b.DueDate);
        return byDue != 0 ? byDue : string.CompareOrdinal(a.InvoiceNumber, b.InvoiceNumber);
    }

    // Keys are computed in chunks on all cores and concatenated in chunk order, so the index is the same every time.
    private static KeyIndex BuildReferences(OpenItemView[] items)
    {
        const int chunk = 65_536;
        var parts = new (List<ulong> Keys, List<int> Values)[(items.Length + chunk - 1) / chunk];
        Parallel.For(0, parts.Length, p =>
        {
            var part = new KeyPart(new List<ulong>(chunk * 5), new List<int>(chunk * 5));
            for (part.Item = p * chunk; part.Item < Math.Min(items.Length, (p + 1) * chunk); part.Item++)
            {
                ReferenceKeys.ForEach(items[part.Item].InvoiceNumber, ref part,
                    static (ref KeyPart part, char type, ReadOnlySpan<char> key) =>
                        part.Add(ReferenceKeys.Hash(type, key)));
                ReferenceKeys.ForEach(items[part.Item].PoNumber, ref part,
                    static (ref KeyPart part, char type, ReadOnlySpan<char> key) =>
                    {
                        if (type != 'T') part.Add(ReferenceKeys.Hash(PoType(type), key));
                    });
            }
            parts[p] = (part.Keys, part.Values);
        });
        var allKeys = new List<ulong>(parts.Sum(x => x.Keys.Count));
        var allValues = new List<int>(allKeys.Capacity);
        foreach (var (keys, values) in parts)
        {
            allKeys.AddRange(keys);
            allValues.AddRange(values);
        }
        return KeyIndex.Build(allKeys, allValues);
    }

    // The keys of one part of the items, and the item being keyed.
    private struct KeyPart(List<ulong> keys, List<int> values)
    {
        public readonly List<ulong> Keys = keys;
        public readonly List<int> Values = values;
        public int Item;

        public readonly void Add(ulong key)
        {
            Keys.Add(key);
            Values.Add(Item);
        }
    }

    internal static char PoType(char type) => type == 'A' ? 'P' : 'Q';

    private static KeyIndex BuildAmounts(OpenItemView[] items)
    {
        var keys = new List<ulong>(items.Length);
        var values = new List<int>(items.Length);
        // A handful of entity and currency pairs: each hashed once, not once per item.
        var books = new Dictionary<(string, string), ulong>();
        for (var i = 0; i < items.Length; i++)
        {
            var (entity, amount) = (items[i].LegalEntityId, items[i].OpenAmount);
            if (!books.TryGetValue((entity, amount.Currency.Code), out var book))
                books[(entity, amount.Currency.Code)] = book = BookKey(entity, amount);
            keys.Add(AmountKey(book, amount));
            values.Add(i);
        }
        return KeyIndex.Build(keys, values);
    }

    internal static ulong AmountKey(string entity, OrderToCash.Money.Money amount) =>
        AmountKey(BookKey(entity, amount), amount);

    private static ulong BookKey(string entity, OrderToCash.Money.Money amount) =>
        ReferenceKeys.Hash('M', entity + "|" + amount.Currency.Code);

    private static ulong AmountKey(ulong book, OrderToCash.Money.Money amount) =>
        unchecked(book ^ ((ulong)amount.Minor * 0x9E3779B97F4A7C15UL));

    private static Dictionary<string, int> BuildAccounts(CustomerView[] customers)
    {
        var accounts = new Dictionary<string, int>();
        for (var c = 0; c < customers.Length; c++)
        {
            foreach (var raw in customers[c].BankAccounts)
            {
                var key = Names.Account(raw);
                if (key.Length < 5) continue;
                if (accounts.TryGetValue(key, out var other) && other != c) accounts[key] = SharedAccount;
                else accounts[key] = c;
            }
        }
        return accounts;
    }

    private static Dictionary<string, int[]> BuildNameWords(CustomerView[] customers, out string[][][] names)
    {
        var words = new Dictionary<string, List<int>>();
        names = new string[customers.Length][][];
        for (var c = 0; c < customers.Length; c++)
        {
            var all = new List<string[]>(1 + customers[c].Aliases.Count) { Names.Tokens(customers[c].Name) };
            all.AddRange(customers[c].Aliases.Select(Names.Tokens));
            names[c] = all.Where(t => t.Length > 0).ToArray();
            foreach (var word in names[c].SelectMany(t => t).Distinct())
            {
                if (!words.TryGetValue(word, out var list)) words[word] = list = [];
                list.Add(c);
            }
        }
        return words.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    internal int CustomerIndex(string customerId) => _customerById.TryGetValue(customerId, out var c) ? c : -1;

    /// <summary>Items of a customer, oldest due first.</summary>
    internal ReadOnlySpan<int> ItemsOf(int customer) =>
        customer < 0 ? [] : _customerItems.AsSpan(_customerStart[customer], _customerStart[customer
            + 1] - _customerStart[customer]);

    internal ReadOnlySpan<int> FindReference(char type, string key) => _references.Find(ReferenceKeys.Hash(type, key));

    internal ReadOnlySpan<int> FindAmount(string entity, OrderToCash.Money.Money amount) =>
        _amounts.Find(AmountKey(entity, amount));

    /// <summary>The customer owning an account, <see cref="SharedAccount"/> when several do, or -1.</summary>
    internal int CustomerOfAccount(string account)
    {
        var key = Names.Account(account);
        return key.Length >= 5 && _accounts.TryGetValue(key, out var c) ? c : -1;
    }

    internal int[] CustomersWithWord(string word) => _nameWords.TryGetValue(word, out var list) ? list : [];

}
