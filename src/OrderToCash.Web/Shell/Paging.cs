using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Shell;

/// <summary>
/// A page of a list endpoint; pass <see cref="NextCursor"/> as ?cursor= for the next one (null: the end).
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Opaque cursors over an ordered query. The cursor holds the position; the order must be total (end with the id) so
/// pages neither repeat nor skip rows.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50, MaxLimit = 500;

    public static async Task<Page<T>> ReadAsync<T>(IQueryable<T> ordered, string? cursor, int? limit,
        CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var skip = Decode(cursor);
        var rows = await ordered.Skip(skip).Take(take + 1).ToListAsync(ct);
        var next = rows.Count > take ? Encode(skip + take) : null;
        return new Page<T>(rows.Take(take).ToList(), next);
    }

    public static bool IsValid(string? cursor) => cursor is null || TryDecode(cursor, out _);

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int Decode(string? cursor) => cursor is not null && TryDecode(cursor, out var n) ? n : 0;

    private static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            return text.StartsWith("o:") && int.TryParse(text[2..], out offset) && offset >= 0;
        }
        catch (FormatException) { return false; }
    }
}
