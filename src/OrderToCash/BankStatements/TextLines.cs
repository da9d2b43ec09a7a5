using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OrderToCash.BankStatements;

/// <summary>A physical line of a text file, 1-based, without its line break.</summary>
public readonly record struct TextLine(int Number, string Text);

/// <summary>Streams the lines of a text statement file, decoding each line on its own.</summary>
/// <remarks>
/// Bank files are mostly UTF-8/ASCII, but CODA, NACHA and MT940 exports also come in CP1252/Latin-1 and CP852.
/// A line that is valid UTF-8 is read as UTF-8; any other line as CP1252, so a bad byte never stops the parse
/// and accented names survive. LF, CRLF and lone CR all end a line; a UTF-8 BOM, SUB (DOS end of file) and
/// trailing NUL padding are dropped; memory stays
/// bounded by the longest line, whatever the file size.
/// </remarks>
public static class TextLines
{
    private const int MaxLineBytes = 1 << 20;
    private static readonly Encoding Fallback = CreateFallback();

    public static IEnumerable<TextLine> Read(Stream stream, ParseContext context)
    {
        var reader = new LineReader(stream);
        try
        {
            var number = 0;
            while (true)
            {
                if (!reader.Next(out var text, out var tooLong))
                {
                    if (tooLong) throw context.Fail(number + 1, $"line longer than {MaxLineBytes} bytes");
                    yield break;
                }
                number++;
                if (number > context.Options.MaxLines)
                    throw context.Fail(number, $"more than {context.Options.MaxLines} lines");
                // DOS end-of-file marks (SUB) and the NUL padding of fixed-block transfers are no content.
                if (text.AsSpan().ContainsAny('\u001A', '\0')) text = text.Replace("\u001A", "").TrimEnd('\0');
                yield return new TextLine(number, text);
            }
        }
        finally
        {
            reader.Dispose();
        }
    }

    /// <summary>Strict UTF-8 when the bytes are valid UTF-8, otherwise CP1252 (never throws).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) =>
        Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Fallback.GetString(bytes);

    private static Encoding CreateFallback()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    private sealed class LineReader(Stream stream) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        private int _start, _end;
        private bool _eof, _skipLf, _first = true;

        public bool Next(out string text, out bool tooLong)
        {
            text = "";
            tooLong = false;
            while (true)
            {
                var span = _buffer.AsSpan(_start, _end - _start);
                if (_skipLf && span.Length > 0)
                {
                    _skipLf = false;
                    if (span[0] == (byte)'\n') { _start++; continue; }
                }
                var cut = span.IndexOfAny((byte)'\n', (byte)'\r');
                if (cut < 0 && !_eof)
                {
                    if (!Fill()) { tooLong = true; return false; }
                    continue;
                }
                if (cut < 0 && span.Length == 0) return false;
                var line = cut < 0 ? span : span[..cut];
                if (_first && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) line = line[3..];
                _first = false;
                text = Decode(line);
                _skipLf = cut >= 0 && span[cut] == (byte)'\r';
                _start += cut < 0 ? span.Length : cut + 1;
                return true;
            }
        }

        // Compacts, grows when one line fills the buffer, then reads more. False when a line exceeds the bound.
        private bool Fill()
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes) return false;
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            _end += read;
            return true;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
