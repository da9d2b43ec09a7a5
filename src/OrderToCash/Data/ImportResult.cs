using System.Security.Cryptography;
using System.Text;

namespace OrderToCash.Data;

/// <summary>What an import did: refused (with every problem), imported, or already imported.</summary>
public sealed record ImportResult(
    bool IsRefused, int Imported, int Unchanged, int Updated, IReadOnlyList<ImportProblem> Problems,
    bool WasAlreadyImported = false, string? RejectFile = null)
{
    /// <summary>Legal entities the file named and the import opened.</summary>
    public IReadOnlyList<string> OpenedEntities { get; init; } = [];

    /// <summary>What the import assumed and a person should know (e.g. an indicative exchange rate it used).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static ImportResult Refused(IReadOnlyList<ImportProblem> problems) => new(true, 0, 0, 0, problems);
    public static ImportResult AlreadyImported() => new(false, 0, 0, 0, [], true);
}

public static class FileHash
{
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>Writes the rows an import skipped (with --skip-invalid) with the reason in a last column.</summary>
public static class RejectFile
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<CsvRow> rows,
        IReadOnlyList<ImportProblem> problems)
    {
        var byLine = problems.GroupBy(p => p.Line).ToDictionary(g => g.Key, g => string.Join("; ",
            g.Select(p => $"{p.Column}: {p.Reason}")));
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.WriteLine(string.Join(",", header.Append("line").Append("reject_reason")));
        foreach (var row in rows.Where(r => byLine.ContainsKey(r.Line)))
            w.WriteLine(row.Raw + "," + row.Line + "," + CsvTable.Escape(byLine[row.Line]));
    }
}
