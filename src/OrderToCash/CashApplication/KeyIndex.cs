namespace OrderToCash.CashApplication;

/// <summary>A compact multimap from 64-bit key hashes to item positions: two sorted arrays.</summary>
/// <remarks>
/// Twelve bytes per entry and no per-entry objects, so a million invoices under five keys each stay well under
/// 100 MB. A hash can collide: callers re-check the item they get back.
/// </remarks>
internal sealed class KeyIndex
{
    private readonly ulong[] _keys;
    private readonly int[] _values;

    private KeyIndex(ulong[] keys, int[] values)
    {
        _keys = keys;
        _values = values;
    }

    public int Count => _keys.Length;

    public static KeyIndex Build(List<ulong> keys, List<int> values)
    {
        var k = keys.ToArray();
        var v = values.ToArray();
        Array.Sort(k, v);
        return new KeyIndex(k, v);
    }

    /// <summary>The positions stored under <paramref name="key"/> (an empty span when none).</summary>
    public ReadOnlySpan<int> Find(ulong key)
    {
        var lo = LowerBound(key);
        var hi = lo;
        while (hi < _keys.Length && _keys[hi] == key) hi++;
        return _values.AsSpan(lo, hi - lo);
    }

    private int LowerBound(ulong key)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
