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
    private string?[] _text = new string?[64];
    private string?[] _ccy = new string?[64];
    private int[] _first = new int[64], _last = new int[64], _next = new int[64], _line = new int[64];
    private int[] _stack = new int[16];
    private int _count;

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
                    var at = _stack[top];
                    _text[at] = _text[at] is { } before ? before + reader.Value : reader.Value;
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
        _text[n] = null;
        _ccy[n] = reader.HasAttributes ? reader.GetAttribute("Ccy") : null;
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
        Array.Resize(ref _text, size);
        Array.Resize(ref _ccy, size);
        Array.Resize(ref _first, size);
        Array.Resize(ref _last, size);
        Array.Resize(ref _next, size);
        Array.Resize(ref _line, size);
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
        var text = Value(at).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>All text inside the element, as <c>XElement.Value</c> gives it.</summary>
    public string Value(int node)
    {
        if (_first[node] == None) return _text[node] ?? "";
        var sb = new StringBuilder();
        Append(node, sb);
        return sb.ToString();
    }

    private void Append(int node, StringBuilder sb)
    {
        sb.Append(_text[node]);
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
        return IsoDate(Val(node, "Dt") ?? Val(node, "DtTm"));
    }

    /// <summary>The yyyy-MM-dd date at the start of an ISO date or date-time; null when it is not one.</summary>
    public static DateOnly? IsoDate(string? text)
    {
        var t = text.AsSpan().Trim();
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
