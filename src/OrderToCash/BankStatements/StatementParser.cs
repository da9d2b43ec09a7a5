namespace OrderToCash.BankStatements;

/// <summary>The one entry point: detects the format from content, parses, and checks the balances.</summary>
public static class StatementParser
{
    /// <summary>Parses a whole file into memory. For very large files use <see cref="Read"/>.</summary>
    public static ParsedFile Parse(Stream stream, string fileName, ParseOptions? options = null)
    {
        var context = new ParseContext(fileName, options ?? ParseOptions.Default);
        var (format, statements) = Read(stream, context);
        var list = statements.ToList();
        return new ParsedFile(format, list, context.Warnings.ToArray());
    }

    /// <summary>
    /// The format and a lazy sequence of statements, each checked as it is read (opening + Σ booked entries
    /// = closing). Warnings collect in <paramref name="context"/> while the sequence is enumerated.
    /// </summary>
    public static (string Format, IEnumerable<ParsedStatement> Statements) Read(Stream stream, ParseContext context)
    {
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, StatementFormats.SniffBytes);
        var head = new byte[StatementFormats.SniffBytes];
        var n = ReadHead(buffered, head);
        if (StatementArchive.IsZip(head.AsSpan(0, n)))
            return StatementArchive.Read(new PrefixedStream(head.AsMemory(0, n), buffered), context);
        var format = StatementFormats.Detect(head.AsSpan(0, n))
            ?? throw context.Fail(1, StatementFormats.Describe(head.AsSpan(0, n)));
        Stream input = new PrefixedStream(head.AsMemory(0, n), buffered);
        // UTF-16 text (a BOM) is read as UTF-8; XmlReader reads UTF-16 camt itself.
        if (!format.StartsWith("camt", StringComparison.Ordinal) && StatementFormats.Wide(head.AsSpan(0, n)) is { } w)
            input = System.Text.Encoding.CreateTranscodingStream(input, w, System.Text.Encoding.UTF8);
        IEnumerable<ParsedStatement> statements = format switch
        {
            StatementFormats.Camt052 or StatementFormats.Camt053 or StatementFormats.Camt054 => Camt.Read(input,
                context),
            StatementFormats.Mt940 or StatementFormats.Mt942 => Mt940.Read(TextLines.Read(input, context), context),
            StatementFormats.Bai2 => Bai2.Read(TextLines.Read(input, context), context),
            StatementFormats.Coda => Coda.Read(TextLines.Read(input, context), context),
            StatementFormats.Lockbox => Lockbox.Read(TextLines.Read(input, context), context),
            StatementFormats.Nacha => Nacha.Read(TextLines.Read(input, context), context),
            _ => BankCsv.Read(TextLines.Read(input, context), context),
        };
        return (format, statements.Select(s => Checked(s, context)));
    }

    private static int ReadHead(Stream stream, byte[] head) =>
        stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);

    private static ParsedStatement Checked(ParsedStatement statement, ParseContext context)
    {
        if (statement.OpeningBalance is { } opening && statement.ClosingBalance is { } closing)
        {
            long sum = 0;
            foreach (var entry in statement.Entries)
                if (entry.IsBooked) sum = checked(sum + entry.AmountMinor);
            var expected = checked(opening.AmountMinor + sum);
            var scale = context.Scale(statement.Currency, statement.LineNumber);
            context.Integrity(expected == closing.AmountMinor, $"line {statement.LineNumber}",
                $"statement {statement.StatementId ?? "(no id)"}: opening {Format(opening.AmountMinor, scale)} + " +
                $"entries {Format(sum, scale)} = {Format(expected, scale)}, but closing balance is " +
                $"{Format(closing.AmountMinor, scale)}");
        }
        return statement;
    }

    private static string Format(long minor, OrderToCash.Money.Currency c) => OrderToCash.Money.Amounts.Format(minor,
        c);

    /// <summary>Replays the sniffed head before the rest of the stream, so detection costs no seek.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set =>
            throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.Length == 0) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }
    }
}
