using System.IO.Compression;

namespace OrderToCash.BankStatements;

/// <summary>Statement files delivered in a ZIP archive (EBICS, bank portals): each file is read in turn.</summary>
/// <remarks>
/// Every file of the archive must be a statement of the same format (a day's camt.053 per account, say); the files
/// are read in archive order, each detected and parsed as if it came alone. Errors name the archive and the file
/// inside it (<c>bank.zip/C53_20240301.xml</c>); warnings are prefixed with the file's name. A stream that cannot
/// seek is copied into memory first (ZipArchive needs the central directory at the end).
/// </remarks>
internal static class StatementArchive
{
    /// <summary>Bound on the files of one archive; more is refused, never cut.</summary>
    private const int MaxFiles = 10_000;

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]);

    public static (string Format, IEnumerable<ParsedStatement> Statements) Read(Stream stream, ParseContext context)
    {
        ZipArchive archive;
        List<ZipArchiveEntry> files;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read);
            files = archive.Entries.Where(e => !e.FullName.EndsWith('/') && e.Length > 0).ToList();
        }
        catch (InvalidDataException e) { throw context.Fail(1, $"not a readable ZIP archive: {e.Message}"); }
        if (files.Count == 0) throw context.Fail(1, "ZIP archive without files");
        if (files.Count > MaxFiles) throw context.Fail(1, $"ZIP archive with more than {MaxFiles} files");
        var format = Format(files[0], context);
        return (format, Statements(archive, files, format, context));
    }

    private static string Format(ZipArchiveEntry file, ParseContext context)
    {
        var head = new byte[StatementFormats.SniffBytes];
        int n;
        try
        {
            using var stream = file.Open();
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e) { throw context.Fail(file.FullName, $"unreadable in the ZIP: {e.Message}"); }
        if (IsZip(head.AsSpan(0, n))) throw context.Fail(file.FullName, "a ZIP archive inside a ZIP archive");
        return StatementFormats.Detect(head.AsSpan(0, n))
            ?? throw context.Fail(file.FullName, StatementFormats.Describe(head.AsSpan(0, n)));
    }

    private static IEnumerable<ParsedStatement> Statements(ZipArchive archive, List<ZipArchiveEntry> files,
        string format, ParseContext context)
    {
        using (archive)
        {
            foreach (var file in files)
            {
                var own = Format(file, context);
                if (own != format)
                    throw context.Fail(file.FullName, $"{own} in a ZIP archive of {format} files");
                var inner = new ParseContext($"{context.File}/{file.FullName}", context.Options);
                using var stream = file.Open();
                using var statements = StatementParser.Read(stream, inner).Statements.GetEnumerator();
                while (true)
                {
                    // Damaged compressed data surfaces while reading: it is a refusal like any other damage.
                    try
                    {
                        if (!statements.MoveNext()) break;
                    }
                    catch (InvalidDataException e)
                    {
                        throw inner.Fail(1, $"unreadable in the ZIP: {e.Message}");
                    }
                    yield return statements.Current;
                }
                foreach (var warning in inner.Warnings) context.Warn(file.FullName, warning);
            }
        }
    }
}
