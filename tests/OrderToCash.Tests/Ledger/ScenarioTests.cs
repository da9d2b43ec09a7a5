using Xunit;

namespace OrderToCash.Tests.Ledger;

/// <summary>The posting rules of PRODUCT.md, one scenario file each, on SQLite and on PostgreSQL.</summary>
public class ScenarioTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        var dir = Path.Combine(AppContext.BaseDirectory, "Ledger", "Scenarios");
        foreach (var file in Directory.GetFiles(dir, "*.txt").Order())
            foreach (var provider in new[] { "sqlite", "postgres" })
                data.Add(provider, Path.GetFileName(file));
        return data;
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Scenario_holds(string provider, string file)
    {
        await using var t = await TestDb.CreateAsync(provider);
        await new ScenarioRunner(t).RunAsync(Path.Combine(AppContext.BaseDirectory, "Ledger", "Scenarios", file));
    }
}
