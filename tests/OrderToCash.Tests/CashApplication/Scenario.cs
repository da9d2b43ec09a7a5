using System.Globalization;
using OrderToCash.CashApplication;
using OrderToCash.Money;
using Xunit;

namespace OrderToCash.Tests.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>
/// A matching scenario written as lines of text and run through the real <see cref="Matcher"/>:
/// <code>
/// customer acme "ACME Trading GmbH" account DE89370400440532013000 alias "Acme Handel"
/// invoice  INV-1 acme 2026-01-10 100.00 EUR po PO-77 discount 2 until 2026-01-20
/// bank     2026-02-20 120.00 EUR "ACME PAYMENT INV-1 INV-2" payer "ACME GMBH" account DE89...
/// expect   applied INV-1 100.00, INV-2 20.00
/// </code>
/// A bank line may end with <c>instructed 1000.00 USD</c> (what the payer instructed before the bank converted it).
/// Other lines: <c>learned account|name KEY customer</c>, <c>rate EUR USD 1.10</c>, <c>threshold 0.9</c>;
/// expectations: <c>status suggested|unapplied|unidentified|wrong_pocket|on_account|ignored|auto</c>,
/// <c>customer ID</c>, <c>discount INV 2.00</c>, <c>writeoff|deduction INV 5.00</c>, <c>remainder 20.00</c>,
/// <c>reason TEXT</c>, <c>fx</c>, <c>bound</c>. Everything is in legal entity DE01 unless <c>entity X</c> is given.
/// </summary>
internal sealed class Scenario
{
    private readonly List<CustomerView> _customers = [];
    private readonly List<OpenItemView> _items = [];
    private readonly List<(string Key, string Customer)> _learnedAccounts = [];
    private readonly List<(string Key, string Customer)> _learnedNames = [];
    private readonly List<ExchangeRate> _rates = [];
    private readonly List<string[]> _expectations = [];
    private Receipt? _receipt;
    private decimal _threshold = 0.95m;

    public static MatchResult Run(string text)
    {
        var scenario = new Scenario();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            scenario.Read(Words(line));
        }
        return scenario.Check();
    }

    private void Read(List<string> w)
    {
        switch (w[0])
        {
            case "customer":
                _customers.Add(new CustomerView(w[1], Option(w, "entity") ?? "DE01", w[2], Options(w, "alias"),
                    Options(w, "account")));
                break;
            case "invoice":
                var currency = Currency.Of(w[5]);
                var amount = Money.Parse(w[4], currency);
                var date = DateOnly.Parse(w[3], CultureInfo.InvariantCulture);
                var open = Option(w, "open") is { } o ? Money.Parse(o, currency) : amount;
                decimal? discount =
                    Option(w, "discount") is { } d ? decimal.Parse(d, CultureInfo.InvariantCulture) : null;
                DateOnly? until = Option(w, "until") is { } u ? DateOnly.Parse(u, CultureInfo.InvariantCulture) : null;
                var customer = _customers.FirstOrDefault(c => c.Id == w[2]);
                _items.Add(new OpenItemView(Guid.NewGuid(), Option(w, "entity") ?? customer?.LegalEntityId ?? "DE01",
                    w[2],
                    w[1], Option(w, "po") ?? "", date, date.AddDays(30), open, amount, discount, until));
                break;
            case "bank":
                var ccy = Currency.Of(w[3]);
                _receipt = new Receipt("BANK-1", Option(w, "entity") ?? "DE01", DateOnly.Parse(w[1],
                    CultureInfo.InvariantCulture),
                    Money.Parse(w[2], ccy), Option(w, "payer") ?? "", Option(w, "account") ?? "", w.Count > 4 ? w[4]
                        : "",
                    Options(w, "ref"), "NOTPROVIDED");
                if (w.IndexOf("instructed") is var at and > 0)
                    _receipt = _receipt with
                    {
                        Instructed = Money.Parse(w[at + 1], Currency.Of(w[at + 2])),
                    };
                break;
            case "learned":
                (w[1] == "account" ? _learnedAccounts : _learnedNames).Add((w[2], w[3]));
                break;
            case "rate":
                _rates.Add(new ExchangeRate(Currency.Of(w[1]), Currency.Of(w[2]), new DateOnly(2000, 1, 1),
                    decimal.Parse(w[3], CultureInfo.InvariantCulture)));
                break;
            case "threshold":
                _threshold = decimal.Parse(w[1], CultureInfo.InvariantCulture);
                break;
            case "expect":
                _expectations.Add(w.Skip(1).ToArray());
                break;
            default:
                throw new FormatException($"scenario: unknown line '{string.Join(' ', w)}'");
        }
    }

    private MatchResult Check()
    {
        var index = OpenItemIndex.Build(_items, _customers);
        var settings = new MatchSettings
        {
            AutoApplyThreshold = _threshold,
            Rates = _rates,
            Learned = LearnedFacts.Create(_learnedAccounts.Select(x => KeyValuePair.Create(x.Key, x.Customer)),
                _learnedNames.Select(x => KeyValuePair.Create(x.Key, x.Customer))),
        };
        var receipt = _receipt ?? throw new FormatException("scenario: no bank line");
        var result = Matcher.Propose(receipt, index, settings, receipt.BookingDate);
        var said = $"{result.Status} {result.Confidence} '{result.Reason}' [{string.Join(", ",
            result.Best?.Allocations.Select(a => $"{a.InvoiceNumber} {a.Applied.Major}") ?? [])}]";
        foreach (var e in _expectations) Expect(e, result, said);
        return result;
    }

    private static void Expect(string[] e, MatchResult result, string said)
    {
        var best = result.Best;
        Allocation Of(string invoice) =>
            best?.Allocations.FirstOrDefault(a => a.InvoiceNumber == invoice)
            ?? throw new Xunit.Sdk.XunitException($"expected an allocation to {invoice}; got {said}");
        switch (e[0])
        {
            case "applied":
                Assert.True(result.Status == MatchStatus.AutoApply, $"expected auto-apply; got {said}");
                var pairs = string.Join(' ', e.Skip(1)).Split(',', StringSplitOptions.TrimEntries);
                Assert.True(pairs.Length == best!.Allocations.Count,
                    $"expected {pairs.Length} allocations; got {said}");
                foreach (var pair in pairs)
                {
                    var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    Assert.True(Of(parts[0]).Applied.Major == decimal.Parse(parts[1], CultureInfo.InvariantCulture),
                        $"expected {pair}; got {said}");
                }
                break;
            case "status":
                var status = e[1] switch
                {
                    "auto" => MatchStatus.AutoApply, "suggested" => MatchStatus.Suggested,
                    "unapplied" => MatchStatus.Unapplied, "unidentified" => MatchStatus.Unidentified,
                    "wrong_pocket" => MatchStatus.WrongPocket, "on_account" => MatchStatus.OnAccount,
                    _ => MatchStatus.Ignored,
                };
                Assert.True(result.Status == status, $"expected {status}; got {said}");
                break;
            case "not":
                Assert.True(result.Status != MatchStatus.AutoApply, $"expected no auto-apply; got {said}");
                break;
            case "customer":
                Assert.True(result.Customer?.CustomerId == e[1],
                    $"expected customer {e[1]}; got {result.Customer}: {said}");
                break;
            case "discount":
                Assert.Equal(decimal.Parse(e[2], CultureInfo.InvariantCulture), Of(e[1]).Discount.Major);
                break;
            case "writeoff" or "deduction":
                var a = Of(e[1]);
                Assert.Equal(e[0] == "writeoff" ? AdjustmentKind.WriteOff : AdjustmentKind.Deduction, a.Kind);
                Assert.Equal(decimal.Parse(e[2], CultureInfo.InvariantCulture), a.Adjustment.Major);
                break;
            case "remainder":
                Assert.Equal(decimal.Parse(e[1], CultureInfo.InvariantCulture), best!.Remainder.Major);
                break;
            case "reason":
                Assert.Contains(string.Join(' ', e.Skip(1)), result.Reason, StringComparison.OrdinalIgnoreCase);
                break;
            case "fx":
                Assert.True(best?.Fx is not null, $"expected an FX conversion; got {said}");
                break;
            case "bound":
                Assert.True(result.Bounds.Count > 0, $"expected a reported bound; got {said}");
                break;
            default:
                throw new FormatException($"scenario: unknown expectation '{string.Join(' ', e)}'");
        }
    }

    private static string? Option(List<string> w, string name)
    {
        var at = w.IndexOf(name);
        return at >= 0 && at + 1 < w.Count ? w[at + 1] : null;
    }

    private static List<string> Options(List<string> w, string name) =>
        w.Select((x, i) => (x, i)).Where(p => p.x == name && p.i + 1 < w.Count).Select(p => w[p.i + 1]).ToList();

    // Words separated by blanks; "quoted text" is one word.
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ') { i++; continue; }
            if (line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                words.Add(line[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var stop = line.IndexOf(' ', i);
            if (stop < 0) stop = line.Length;
            words.Add(line[i..stop]);
            i = stop;
        }
        return words;
    }
}
