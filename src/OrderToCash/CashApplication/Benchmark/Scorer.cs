using System.Globalization;
using System.Text;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>The results of one category (or of all receipts).</summary>
/// <param name="Payments">Receipts that are customer payments (fees and debits excluded).</param>
/// <param name="AutoApplied">Payments applied without a person.</param>
/// <param name="AutoCorrect">Of those, the ones whose every invoice and amount equals the truth.</param>
/// <param name="MustNotApply">Payments a person must decide.</param>
/// <param name="FalsePositives">Must-not-apply payments that were applied anyway.</param>
public sealed record CategoryScore(string Category, int Payments, int AutoApplied, int AutoCorrect, int Suggested,
    int MustNotApply, int FalsePositives, int Invoices, int InvoicesAutoCorrect)
{
    public decimal PerPaymentRate => Payments == 0 ? 0m : (decimal)AutoApplied / Payments;
    public decimal Precision => AutoApplied == 0 ? 1m : (decimal)AutoCorrect / AutoApplied;
    public decimal PerInvoiceRate => Invoices == 0 ? 0m : (decimal)InvoicesAutoCorrect / Invoices;
}

/// <summary>A scored run: totals, per category, and the fees the matcher ignored correctly.</summary>
public sealed record Score(CategoryScore Total, IReadOnlyList<CategoryScore> ByCategory, int Ignored,
    int IgnoredCorrectly);

/// <summary>Scores applications.csv rows against the truth of a world, with the measures of PRODUCT.md.</summary>
/// <remarks>
/// Per-payment auto-match rate: payments applied without a person ÷ payments received. Per-invoice: invoices
/// cleared automatically with the right amount ÷ invoices the payments truly clear. Precision: an automatic
/// application is correct only when its invoices and amounts are exactly the truth (over-payment remainders on
/// account are not invoices and are not compared).
/// </remarks>
public static class Scorer
{
    public static Score Score(IReadOnlyList<TruthEntry> truth, IReadOnlyList<ApplicationRow> rows)
    {
        var byReference = rows.GroupBy(r => r.BankReference).ToDictionary(g => g.Key, g => g.ToList());
        var tallies = new Dictionary<string, int[]>();
        int ignored = 0, ignoredCorrectly = 0;
        foreach (var t in truth)
        {
            var mine = byReference.GetValueOrDefault(t.BankReference) ?? [];
            if (t.Expectation == Expectation.Ignore)
            {
                ignored++;
                if (mine.All(r => r.Status == "ignored")) ignoredCorrectly++;
                continue;
            }
            if (!tallies.TryGetValue(t.Category, out var c)) tallies[t.Category] = c = new int[8];
            var applied = mine.Where(r => r.Status == "applied" && r.InvoiceNumber.Length > 0).ToList();
            var isAuto = applied.Count > 0;
            var expected = t.Invoices.Select(i => (i.InvoiceNumber, i.AppliedMinor)).OrderBy(x =>
                x.InvoiceNumber).ToList();
            var got = applied.Select(r => (r.InvoiceNumber, r.AppliedMinor)).OrderBy(x => x.InvoiceNumber).ToList();
            var isCorrect = isAuto && t.Expectation == Expectation.Apply && expected.SequenceEqual(got);
            c[0]++;
            if (isAuto) c[1]++;
            if (isCorrect) c[2]++;
            if (mine.Any(r => r.Status == "suggested")) c[3]++;
            if (t.Expectation == Expectation.MustNotApply) { c[4]++; if (isAuto) c[5]++; }
            c[6] += expected.Count;
            c[7] += expected.Count(e => got.Contains(e));
        }
        var categories = tallies.OrderBy(kv => Order(kv.Key)).Select(kv => Make(kv.Key, kv.Value)).ToList();
        var total = new int[8];
        foreach (var v in tallies.Values) for (var k = 0; k < 8; k++) total[k] += v[k];
        return new Score(Make("all payments", total), categories, ignored, ignoredCorrectly);
    }

    private static int Order(string category)
    {
        for (var k = 0; k < Categories.Mix.Count; k++) if (Categories.Mix[k].Name == category) return k;
        return int.MaxValue;
    }

    private static CategoryScore Make(string name, int[] c) => new(name, c[0], c[1], c[2], c[3], c[4], c[5], c[6],
        c[7]);

    /// <summary>Ours and the baseline side by side, one line per category, as a Markdown table.</summary>
    public static string SideBySide(Score ours, Score baseline)
    {
        var sb = new StringBuilder();
        sb.AppendLine(
            "| category | payments | auto % (ours) | precision (ours) | auto % (baseline) | precision (baseline) |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        var baseByName = baseline.ByCategory.ToDictionary(c => c.Category);
        foreach (var c in ours.ByCategory.Append(ours.Total))
        {
            var other = c.Category == ours.Total.Category ? baseline.Total : baseByName.GetValueOrDefault(c.Category);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Category} | {c.Payments} | {Pct(c.PerPaymentRate)} | {Pct(c.Precision)} | " +
                $"{(other is null ? "-" : Pct(other.PerPaymentRate))} | " +
                $"{(other is null ? "-" : Pct(other.Precision))} |");
        }
        return sb.ToString();
    }

    /// <summary>One run, one line per category, as a Markdown table.</summary>
    public static string Table(Score score)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| category | payments | auto % | precision | wrong | suggested |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var c in score.ByCategory.Append(score.Total))
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Category} | {c.Payments} | {Pct(c.PerPaymentRate)} | {Pct(c.Precision)} | " +
                $"{c.AutoApplied - c.AutoCorrect} | {c.Suggested} |");
        return sb.ToString();
    }

    /// <summary>The headline measures of one run.</summary>
    public static string Summary(string name, Score s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name}: per-payment auto-match {Pct(s.Total.PerPaymentRate)}, " +
            $"per-invoice {Pct(s.Total.PerInvoiceRate)}, " +
            $"precision {Pct(s.Total.Precision)} ({s.Total.AutoApplied - s.Total.AutoCorrect} wrong of " +
            $"{s.Total.AutoApplied}), must-not-apply applied {s.Total.FalsePositives} of {s.Total.MustNotApply}, " +
            $"fees ignored {s.IgnoredCorrectly}/{s.Ignored}");

    public static string Pct(decimal rate) => (rate * 100m).ToString("0.00", CultureInfo.InvariantCulture) + " %";
}
