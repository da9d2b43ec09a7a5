using System.Xml.Linq;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Benchmark;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

/// <summary>Generated worlds through the matcher and the scorer: the goals of the issue, on two noise
/// profiles.</summary>
public class WorldRoundTripTests
{
    private static (Score Ours, Score Baseline) Run(World world)
    {
        var index = OpenItemIndex.Build(world.OpenItems, world.Customers);
        var settings = world.Settings();
        var ours = new List<ApplicationRow>();
        var baseline = new List<ApplicationRow>();
        for (var i = 0; i < world.Receipts.Count; i++)
        {
            var r = world.Receipts[i];
            ours.AddRange(ApplicationsCsv.Rows(Matcher.Propose(r, index, settings, world.Today), r, i + 1));
            baseline.AddRange(ApplicationsCsv.Rows(BaselineMatcher.Propose(r, index), r, i + 1));
        }
        // Through the file contract and back, as an outside tool would read it.
        var read = ApplicationsCsv.Parse(ApplicationsCsv.Format(ours));
        Assert.Equal(ours, read);
        return (Scorer.Score(world.Truth, read), Scorer.Score(world.Truth, baseline));
    }

    [Fact]
    public void A_standard_world_meets_the_goals()
    {
        var (ours, baseline) = Run(WorldGenerator.Generate(13, 0, 20_000, 3_000));
        Assert.True(ours.Total.PerPaymentRate >= 0.97m, Scorer.Summary("ours", ours));
        Assert.True(ours.Total.Precision >= 0.999m, Scorer.Summary("ours", ours));
        Assert.Equal(0, ours.Total.FalsePositives);
        Assert.True(ours.Total.PerPaymentRate >= 1.5m * baseline.Total.PerPaymentRate, Scorer.Summary("base",
            baseline));
        Assert.Equal(ours.Ignored, ours.IgnoredCorrectly);
    }

    [Fact]
    public void A_harsher_world_with_other_number_formats_meets_the_goals()
    {
        var world = WorldGenerator.Generate(4243, 0, 20_000, 3_000, new WorldOptions { Profile = NoiseProfile.Harsh });
        var (ours, baseline) = Run(world);
        Assert.True(ours.Total.PerPaymentRate >= 0.97m, Scorer.Summary("ours", ours));
        Assert.True(ours.Total.Precision >= 0.999m, Scorer.Summary("ours", ours));
        Assert.Equal(0, ours.Total.FalsePositives);
        Assert.True(ours.Total.PerPaymentRate >= 1.5m * baseline.Total.PerPaymentRate, Scorer.Summary("base",
            baseline));
    }

    [Fact]
    public void Every_category_of_the_issue_is_generated()
    {
        var world = WorldGenerator.Generate(5, 0, 20_000, 3_000);
        var generated = world.Truth.Select(t => t.Category).ToHashSet();
        Assert.All(Categories.Mix, m => Assert.Contains(m.Name, generated));
    }

    [Fact]
    public void The_camt053_statement_has_one_entry_per_receipt_with_its_bank_reference()
    {
        var world = WorldGenerator.Generate(3, 0, 500, 60);
        var xml = XDocument.Parse(WorldFiles.Of(world, "camt053")["statement.xml"]);
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
        var refs = xml.Descendants(ns + "Ntry").Select(n => n.Element(ns + "AcctSvcrRef")!.Value).ToList();
        Assert.Equal(world.Receipts.Select(r => r.Id).Order(), refs.Order());
        Assert.All(xml.Descendants(ns + "Stmt"), s => Assert.Equal(
            s.Descendants(ns + "Ntry").Count().ToString(), s.Descendants(ns + "NbOfNtries").Single().Value));
    }

    [Fact]
    public void The_mt940_statement_carries_every_bank_reference_in_a_61_line()
    {
        var world = WorldGenerator.Generate(3, 0, 500, 60);
        var text = WorldFiles.Of(world, "mt940")["statement.sta"];
        var lines = text.Split("\r\n");
        var refs = lines.Where(l => l.StartsWith(":61:")).Select(l => l[(l.IndexOf("//") + 2)..]).ToList();
        Assert.Equal(world.Receipts.Select(r => r.Id).Order(), refs.Order());
        Assert.All(new[] { ":20:", ":25:", ":28C:", ":60F:", ":86:", ":62F:" }, tag => Assert.Contains(lines, l =>
            l.StartsWith(tag)));
        Assert.All(lines, l => Assert.True(l.Length <= 65 + 4, l));
    }

    [Fact]
    public void The_bai2_file_control_totals_and_record_counts_add_up()
    {
        var world = WorldGenerator.Generate(3, 0, 500, 60);
        var records = WorldFiles.Of(world, "bai2")["statement.bai"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        long Field(string record, int k) => long.Parse(record.TrimEnd('/').Split(',')[k]);
        var details = records.Where(r => r.StartsWith("16,")).ToList();
        Assert.Equal(world.Receipts.Count, details.Count);
        var file = records.Single(r => r.StartsWith("99,"));
        Assert.Equal(records.Length, Field(file, 3));
        var accountTotals = records.Where(r => r.StartsWith("49,")).Sum(r => Field(r, 1));
        Assert.Equal(records.Where(r => r.StartsWith("98,")).Sum(r => Field(r, 1)), Field(file, 1));
        Assert.Equal(accountTotals, Field(file, 1));
        var expected = details.Sum(r => Field(r, 2)) + records.Where(r => r.StartsWith("03,")).Sum(r => Field(r, 8));
        Assert.Equal(expected, accountTotals);
    }

    [Fact]
    public void Customers_and_open_items_follow_the_file_contracts()
    {
        var files = WorldFiles.Of(WorldGenerator.Generate(3, 0, 500, 60), "camt053");
        Assert.StartsWith("customer_id,name,aliases,bank_accounts", files["customers.csv"]);
        Assert.StartsWith("customer_id,invoice_number,po_number,invoice_date,due_date,currency,original_amount," +
                          "open_amount,discount_percent,discount_due_date", files["open_items.csv"]);
        Assert.StartsWith("bank_reference,", files["truth.csv"]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_world()
    {
        var a = WorldGenerator.Generate(9, 0, 2_000, 200);
        var b = WorldGenerator.Generate(9, 0, 2_000, 200);
        Assert.Equal(WorldFiles.Of(a, "bai2"), WorldFiles.Of(b, "bai2"));
    }
}
