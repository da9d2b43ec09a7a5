namespace OrderToCash.BankStatements;

public static class Nacha
{
    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        foreach (var _ in lines) throw context.Fail(1, "not implemented");
        yield break;
    }
}
