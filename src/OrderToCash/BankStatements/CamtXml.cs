using System.Xml;
using System.Xml.Linq;

namespace OrderToCash.BankStatements;

/// <summary>Navigation of ISO 20022 fragments by local name, so every namespace version reads the same.</summary>
internal static class CamtXml
{
    public static XElement? El(this XElement? e, params ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (e is null) return null;
            XElement? next = null;
            foreach (var child in e.Elements())
                if (child.Name.LocalName == name) { next = child; break; }
            e = next;
        }
        return e;
    }

    public static IEnumerable<XElement> Els(this XElement? e, string name) =>
        e is null ? [] : e.Elements().Where(c => c.Name.LocalName == name);

    public static string? Val(this XElement? e, params ReadOnlySpan<string> path)
    {
        var v = e.El(path)?.Value.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    /// <summary>The line where the element's loaded fragment starts in the file.</summary>
    public static int Line(this XElement e)
    {
        for (var x = e; x is not null; x = x.Parent)
        {
            if (x is IXmlLineInfo info && info.HasLineInfo()) return info.LineNumber;
            if (x.Annotation<SourceLine>() is { } source) return source.Line;
        }
        return 0;
    }

    public sealed record SourceLine(int Line);

    /// <summary>"Ntry/NtryDtls/TxDtls/Amt": the path of an element inside its loaded fragment.</summary>
    public static string Path(this XElement e) =>
        string.Join('/', e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName));

    /// <summary>Dt or DtTm inside a date choice (BookgDt, ValDt, Bal/Dt), as a date.</summary>
    public static DateOnly? DateChoice(this XElement? e)
    {
        var text = e.Val("Dt") ?? e.Val("DtTm");
        if (text is null || text.Length < 10) return null;
        return ParseContext.Date(text[..10], "yyyy-MM-dd");
    }
}
