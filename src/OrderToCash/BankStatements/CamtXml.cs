using System.Text;
using System.Xml;

namespace OrderToCash.BankStatements;

/// <summary>
/// One element of an ISO 20022 document (a <c>Ntry</c>, a <c>Bal</c>, a header element) read from the
/// <see cref="XmlReader"/> into flat, reused arrays: the node for node of a tiny tree, navigated by local name.
/// </summary>
/// <remarks>
/// An <c>XElement</c> per entry cost an object per node, attribute and text plus a namespace lookup per name, and
/// most of the parse time went to the garbage collector. Here the arrays grow to the largest element once and are
/// reused for every element of the file, so reading an entry allocates only the text values it keeps. Names are
/// matched by local name (every message version reads the same) and atomised: the reader's name table is seeded
/// with <see cref="Names"/>, so most comparisons are a reference check.
/// </remarks>
internal sealed class CamtTree
{
    public const int None = -1;

    /// <summary>The local names the camt parser asks for, added to the reader's name table before reading.</summary>
    public static readonly string[] Names =
    [
        "Document", "Stmt", "Rpt", "Ntfctn", "Ntry", "Bal", "Id", "ElctrncSeqNb", "LglSeqNb", "CreDtTm", "FrToDt",
        "FrDtTm", "ToDtTm", "Acct", "Ccy", "IBAN", "Othr", "Amt", "CdtDbtInd", "Tp", "CdOrPrtry", "Cd", "Prtry", "Dt",
        "DtTm", "Sts", "NtryDtls", "TxDtls", "Btch", "NbOfTxs", "TtlAmt", "AcctSvcrRef", "NtryRef", "BookgDt", "ValDt",
        "RvslInd", "BkTxCd", "Domn", "Fmly", "SubFmlyCd", "Chrgs", "TtlChrgsAndTaxAmt", "Rcrd", "AddtlNtryInf",
        "AmtDtls", "TxAmt", "InstdAmt", "CntrValAmt", "CcyXchg", "XchgRate", "RltdPties", "Dbtr", "Cdtr", "DbtrAcct",
        "CdtrAcct",
        "Pty", "Nm", "RmtInf", "Ustrd", "Strd", "CdtrRefInf", "Ref", "RfrdDocInf", "Nb", "AddtlRmtInf", "Refs",
        "EndToEndId", "InstrId", "TxId", "MsgId", "PmtInfId", "AddtlTxInf", "UltmtDbtr", "UltmtCdtr", "GrpHdr",
        "BkToCstmrStmt", "BkToCstmrAcctRpt", "BkToCstmrDbtCdtNtfctn",
    ];

    private string[] _name = new string[64];
    private string?[] _ccy = new string?[64];
    private int[] _first = new int[64], _last = new int[64], _next = new int[64], _line = new int[64];
    private int[] _start = new int[64], _length = new int[64];
    private int[] _stack = new int[16];
    private int _count;

    // The text of every node of the element, back to back: amounts, dates and codes are read from here without a
    // string; only the values an entry keeps become strings.
    private char[] _chars = new char[4096];
    private int _used;

    // Short values repeat on every entry ("EUR", "CRDT", "BOOK", "PMNT", "NOTPROVIDED"): each is one string.
    private const int MaxShared = 4096, MaxSharedLength = 24;
    private readonly Dictionary<string, string> _shared = [];
    private readonly Dictionary<(string, string?, string?), string> _codes = [];

    /// <summary>The reader settings of every camt file, with the name table seeded by <see cref="Names"/>.</summary>
    public static XmlReaderSettings Settings()
    {
        var names = new NameTable();
        foreach (var name in Names) names.Add(name);
        return new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true, XmlResolver = null, NameTable = names,
        };
    }

    /// <summary>
    /// Reads the element under the reader (positioned on its start tag) and moves the reader past its end tag,
    /// as <c>XNode.ReadFrom</c> does. The element is node 0; the previous element's nodes are overwritten.
    /// </summary>
    public int Load(XmlReader reader)
    {
        _count = 0;
        _used = 0;
        var info = (IXmlLineInfo)reader;
        var root = Add(reader, None, info.LineNumber);
        if (reader.IsEmptyElement) { reader.Read(); return root; }
        var top = 0;
        _stack[0] = root;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var node = Add(reader, _stack[top], info.LineNumber);
                    if (reader.IsEmptyElement) break;
                    if (++top == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
                    _stack[top] = node;
                    break;
                case XmlNodeType.EndElement:
                    if (top-- == 0) { reader.Read(); return root; }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    AppendText(_stack[top], reader);
                    break;
            }
        }
        throw new XmlException("unexpected end of file", null, info.LineNumber, info.LinePosition);
    }

    private int Add(XmlReader reader, int parent, int line)
    {
        if (_count == _name.Length) Grow();
        var n = _count++;
        _name[n] = reader.LocalName;
        _start[n] = _length[n] = 0;
        _ccy[n] = reader.HasAttributes && reader.GetAttribute("Ccy") is { } ccy ? Shared(ccy) : null;
        _first[n] = _last[n] = _next[n] = None;
        _line[n] = line;
        if (parent != None)
        {
            if (_last[parent] == None) _first[parent] = n; else _next[_last[parent]] = n;
            _last[parent] = n;
        }
        return n;
    }

    private void Grow()
    {
        var size = _name.Length * 2;
        Array.Resize(ref _name, size);
        Array.Resize(ref _start, size);
        Array.Resize(ref _length, size);
        Array.Resize(ref _ccy, size);
        Array.Resize(ref _first, size);
        Array.Resize(ref _last, size);
        Array.Resize(ref _next, size);
        Array.Resize(ref _line, size);
    }

    private void AppendText(int node, XmlReader reader)
    {
        if (_length[node] == 0) _start[node] = _used;
        else if (_start[node] + _length[node] != _used)
        {
            // Text after a child element (mixed content): the node's earlier text moves to the end first.
            Reserve(_length[node]);
            Array.Copy(_chars, _start[node], _chars, _used, _length[node]);
            _start[node] = _used;
            _used += _length[node];
        }
        if (!reader.CanReadValueChunk)
        {
            var value = reader.Value;
            Reserve(value.Length);
            value.CopyTo(_chars.AsSpan(_used));
            _used += value.Length;
            _length[node] += value.Length;
            return;
        }
        int read;
        do
        {
            Reserve(1024);
            read = reader.ReadValueChunk(_chars, _used, _chars.Length - _used);
            _used += read;
            _length[node] += read;
        } while (read > 0);
    }

    private void Reserve(int chars)
    {
        if (_chars.Length - _used >= chars) return;
        Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + chars));
    }

    /// <summary>The node's own text, as written (not trimmed).</summary>
    public ReadOnlySpan<char> Text(int node) => node == None ? [] : _chars.AsSpan(_start[node], _length[node]);

    /// <summary>The trimmed text of a leaf at the path, empty when absent: for values read, not kept.</summary>
    public ReadOnlySpan<char> Span(int node, params ReadOnlySpan<string> path) => Text(El(node, path)).Trim();

    /// <summary>A string of the text, the same instance for short values seen before in this file.</summary>
    public string String(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxSharedLength) return text.ToString();
        var lookup = _shared.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var known)) return known;
        var value = text.ToString();
        if (_shared.Count < MaxShared) _shared[value] = value;
        return value;
    }

    private string Shared(string value)
    {
        if (value.Length > MaxSharedLength) return value;
        if (_shared.TryGetValue(value, out var known)) return known;
        if (_shared.Count < MaxShared) _shared[value] = value;
        return value;
    }

    /// <summary>"PMNT/RCDT/ESCT": one string per distinct bank transaction code in the file.</summary>
    public string Code(string domain, string? family, string? subFamily)
    {
        if (_codes.TryGetValue((domain, family, subFamily), out var code)) return code;
        code = $"{domain}/{family}/{subFamily}";
        if (_codes.Count < MaxShared) _codes[(domain, family, subFamily)] = code;
        return code;
    }

    public string Name(int node) => _name[node];

    /// <summary>The 1-based line of the element's start tag.</summary>
    public int Line(int node) => node == None ? 0 : _line[node];

    /// <summary>The <c>Ccy</c> attribute (amounts), or null.</summary>
    public string? Ccy(int node) => node == None ? null : _ccy[node];

    public int FirstChild(int node) => node == None ? None : _first[node];

    public int NextSibling(int node) => _next[node];

    /// <summary>The first child with the given local name, along the path; <see cref="None"/> if absent.</summary>
    public int El(int node, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (node == None) return None;
            var child = _first[node];
            while (child != None && !string.Equals(_name[child], name)) child = _next[child];
            node = child;
        }
        return node;
    }

    /// <summary>The next sibling after <paramref name="node"/> with the same local name (repeated elements).</summary>
    public int NextNamed(int node)
    {
        var name = _name[node];
        var next = _next[node];
        while (next != None && !string.Equals(_name[next], name)) next = _next[next];
        return next;
    }

    /// <summary>The trimmed text of the element at the path, null when absent or blank.</summary>
    public string? Val(int node, params ReadOnlySpan<string> path)
    {
        var at = El(node, path);
        if (at == None) return null;
        if (_first[at] != None)
        {
            var all = Value(at).Trim();
            return all.Length == 0 ? null : all;
        }
        var text = Text(at).Trim();
        return text.Length == 0 ? null : String(text);
    }

    /// <summary>All text inside the element, as <c>XElement.Value</c> gives it.</summary>
    public string Value(int node)
    {
        if (_first[node] == None) return String(Text(node));
        var sb = new StringBuilder();
        Append(node, sb);
        return sb.ToString();
    }

    private void Append(int node, StringBuilder sb)
    {
        sb.Append(Text(node));
        for (var c = _first[node]; c != None; c = _next[c]) Append(c, sb);
    }

    /// <summary>"Ntry/NtryDtls/TxDtls/Amt": the path of a node inside the loaded element.</summary>
    public string Path(int node)
    {
        var names = new List<string>();
        for (var n = node; n != None; n = Parent(n)) names.Add(_name[n]);
        names.Reverse();
        return string.Join('/', names);
    }

    private int Parent(int node)
    {
        for (var p = node - 1; p >= 0; p--)
            for (var c = _first[p]; c != None; c = _next[c])
                if (c == node) return p;
        return None;
    }

    /// <summary>Dt or DtTm inside a date choice (BookgDt, ValDt, Bal/Dt), as a date.</summary>
    public DateOnly? DateChoice(int node)
    {
        if (node == None) return null;
        var text = Span(node, "Dt");
        return IsoDate(text.Length > 0 ? text : Span(node, "DtTm"));
    }

    /// <summary>The yyyy-MM-dd date at the start of an ISO date or date-time; null when it is not one.</summary>
    public static DateOnly? IsoDate(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.Length < 10 || t[4] != '-' || t[7] != '-') return null;
        return ParseContext.Ymd(Digits(t[..4]), Digits(t[5..7]), Digits(t[8..10]));
    }

    private static int Digits(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
