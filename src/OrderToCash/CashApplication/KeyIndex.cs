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

    // A directory over the top bits of the (uniform) hashes: _start[p] is the first entry whose top bits are p,
    // so a lookup reads one directory slot and scans a few neighbours instead of a 23-step binary search.
    private readonly int[] _start;
    private readonly int _shift;

    private KeyIndex(ulong[] keys, int[] values, int[] start, int shift)
    {
        _keys = keys;
        _values = values;
        _start = start;
        _shift = shift;
    }

    public int Count => _keys.Length;

    public static KeyIndex Build(List<ulong> keys, List<int> values)
    {
        var k = keys.ToArray();
        var v = values.ToArray();
        Array.Sort(k, v);
        // About two entries per directory slot.
        var log2 = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(k.Length, 1));
        var bits = Math.Clamp(log2, 1, 24);
        var shift = 64 - bits;
        var start = new int[(1 << bits) + 1];
        var at = 0;
        for (var p = 0; p < (1 << bits); p++)
        {
            while (at < k.Length && (int)(k[at] >> shift) < p) at++;
            start[p] = at;
        }
        start[1 << bits] = k.Length;
        return new KeyIndex(k, v, start, shift);
    }

    /// <summary>The positions stored under <paramref name="key"/> (an empty span when none).</summary>
    public ReadOnlySpan<int> Find(ulong key)
    {
        var p = (int)(key >> _shift);
        var lo = _start[p];
        var end = _start[p + 1];
        while (lo < end && _keys[lo] < key) lo++;
        var hi = lo;
        while (hi < end && _keys[hi] == key) hi++;
        return _values.AsSpan(lo, hi - lo);
    }
}
