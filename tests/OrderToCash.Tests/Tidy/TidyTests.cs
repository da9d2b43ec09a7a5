using System.Text.RegularExpressions;
using Xunit;

namespace OrderToCash.Tests.Tidy;

/// <summary>Guardrails from STYLE.md, checked on the source tree.</summary>
public partial class TidyTests
{
    private static string? Src()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OrderToCash.slnx"))) return Path.Combine(dir.FullName, "src");
        return null;
    }

    private static IEnumerable<string> Files(string pattern = "*.cs")
    {
        var src = Src();
        ExternalData.SkipUnless(src is not null, "the source tree is not beside the test binaries");
        return Directory.EnumerateFiles(src!, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"));
    }

    [Fact]
    public void The_clock_is_never_read_directly_outside_a_hosts_Program()
    {
        var offenders = Files().Where(f => Path.GetFileName(f) != "Program.cs")
            .Where(f => ClockRead().IsMatch(File.ReadAllText(f))).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_floating_point_in_money_bearing_folders()
    {
        string[] folders = ["Money", "Ledger", "Invoicing", "CashApplication", "Collections", "Credit", "Customers"];
        var offenders = Files().Where(f => folders.Any(d => f.Contains(
                $"{Path.DirectorySeparatorChar}OrderToCash{Path.DirectorySeparatorChar}{d}" +
                $"{Path.DirectorySeparatorChar}")))
            .Where(f => FloatType().IsMatch(StripComments(File.ReadAllText(f)))).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void No_type_is_named_service_manager_helper_processor_or_util()
    {
        var offenders = Files()
            .SelectMany(f => BadName().Matches(File.ReadAllText(f)).Select(m => $"{f}: {m.Value}")).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Static_classes_in_the_core_are_pure()
    {
        var offenders = new List<string>();
        // Data/Database.cs is the one exemption: it opens the database, the environment's edge, not an engine.
        foreach (var f in Files().Where(f => f.Contains(
                         $"{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}OrderToCash" +
                         $"{Path.DirectorySeparatorChar}")
                     && !f.EndsWith($"Data{Path.DirectorySeparatorChar}Database.cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(f);
            foreach (Match m in StaticClass().Matches(text))
            {
                var body = text[m.Index..];
                var next = body.IndexOf("\npublic ", 10, StringComparison.Ordinal);
                if (next > 0) body = body[..next];
                if (body.Contains("O2cDb ") || ReturnsTask().IsMatch(body)) offenders.Add($"{f}: {m.Value}");
            }
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_capability_folder_has_a_readme()
    {
        var src = Src();
        ExternalData.SkipUnless(src is not null, "the source tree is not beside the test binaries");
        var core = Path.Combine(src!, "OrderToCash");
        var missing = Directory.GetDirectories(core).Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
            .Where(d => !File.Exists(Path.Combine(d, "README.md"))).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Lines_fit_in_120_columns()
    {
        var offenders = Files().SelectMany(f => File.ReadLines(f).Select((l, i) => (f, i, l)))
            .Where(x => x.l.Length > 120).Select(x => $"{x.f}:{x.i + 1}").Take(20).ToList();
        Assert.Empty(offenders);
    }

    private static string StripComments(string text) => Comments().Replace(text, "");

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Now|UtcNow)\b")]
    private static partial Regex ClockRead();

    [GeneratedRegex(@"\b(double|float)\b")]
    private static partial Regex FloatType();

    [GeneratedRegex(@"\b(class|record|interface|struct)\s+\w*(Service|Manager|Helper|Processor|Util|Utils)\b")]
    private static partial Regex BadName();

    [GeneratedRegex(@"public static (partial )?class \w+")]
    private static partial Regex StaticClass();

    [GeneratedRegex(@"public static (async )?(Task|ValueTask)\b")]
    private static partial Regex ReturnsTask();

    [GeneratedRegex(@"//.*?$|/\*.*?\*/", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Comments();
}
