using System.Globalization;
using System.Text;
using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>The files of a world, by file name: the PRODUCT.md contracts, the statement and the truth.</summary>
public static class WorldFiles
{
    public static IReadOnlyDictionary<string, string> Of(World world, string format)
    {
        var statements = StatementLayout.Of(world);
        var (name, statement) = format switch
        {
            "mt940" => ("statement.sta", Mt940Writer.Write(statements, world.Today)),
            "bai2" => ("statement.bai", Bai2Writer.Write(statements, world.Today)),
            "camt053" => ("statement.xml", Camt053Writer.Write(statements, world.Today)),
            _ => throw new ArgumentException($"Unknown format '{format}': camt053, mt940 or bai2.", nameof(format)),
        };
        return new Dictionary<string, string>
        {
            ["customers.csv"] = Customers(world),
            ["open_items.csv"] = OpenItems(world),
            [name] = statement,
            ["truth.csv"] = Truth(world, statements),
            ["learned.csv"] = Learned(world),
            ["rates.csv"] = Rates(world),
        };
    }

    public static string Customers(World world)
    {
        var sb = new StringBuilder("customer_id,name,aliases,bank_accounts,legal_entity\n");
        foreach (var c in world.Customers)
            sb.Append(Csv.Line(c.Id, c.Name, string.Join(';', c.Aliases), string.Join(';', c.BankAccounts),
                c.LegalEntityId))
              .Append('\n');
        return sb.ToString();
    }

    public static string OpenItems(World world)
    {
        var sb = new StringBuilder("customer_id,invoice_number,po_number,invoice_date,due_date,currency," +
                                   "original_amount,open_amount,discount_percent,discount_due_date,legal_entity\n");
        foreach (var i in world.OpenItems)
        {
            sb.Append(Csv.Line(i.CustomerId, i.InvoiceNumber, i.PoNumber, Date(i.DocumentDate), Date(i.DueDate),
                i.OpenAmount.Currency.Code, Amounts.Format(i.OriginalAmount.Minor, i.OriginalAmount.Currency),
                Amounts.Format(i.OpenAmount.Minor, i.OpenAmount.Currency),
                i.DiscountPercent?.ToString(CultureInfo.InvariantCulture) ?? "",
                i.DiscountDueDate is { } d ? Date(d) : "", i.LegalEntityId)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>truth.csv: one row per (receipt, invoice); receipts without invoices get one row.</summary>
    public static string Truth(World world, IReadOnlyList<AccountStatement> statements)
    {
        var entries = StatementLayout.Entries(statements).ToDictionary(e => e.Receipt.Id, e => e.Entry);
        var sb = new StringBuilder("bank_reference,statement_entry,category,expectation,customer_id,invoice_number," +
                                   "applied_amount,currency\n");
        foreach (var t in world.Truth)
        {
            var entry = entries[t.BankReference].ToString(CultureInfo.InvariantCulture);
            var expectation = t.Expectation switch
            {
                Expectation.Apply => "apply", Expectation.MustNotApply => "must_not_apply", _ => "ignore",
            };
            if (t.Invoices.Count == 0)
            {
                sb.Append(Csv.Line(t.BankReference, entry, t.Category, expectation, t.CustomerId, "", "", ""))
                  .Append('\n');
            }
            foreach (var i in t.Invoices)
            {
                sb.Append(Csv.Line(t.BankReference, entry, t.Category, expectation, t.CustomerId, i.InvoiceNumber,
                    Amounts.Format(i.AppliedMinor, Currency.Of(i.Currency)), i.Currency)).Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Reads truth.csv back (as <see cref="Truth"/> writes it), for scoring an applications.csv made by
    /// another process.</summary>
    public static List<TruthEntry> ReadTruth(string text)
    {
        var records = Csv.Records(text);
        var entries = new List<TruthEntry>();
        var byReference = new Dictionary<string, int>();
        foreach (var r in records.Skip(1).Where(r => r.Count >= 8))
        {
            var expectation = r[3] switch
            {
                "apply" => Expectation.Apply, "must_not_apply" => Expectation.MustNotApply, _ => Expectation.Ignore,
            };
            if (!byReference.TryGetValue(r[0], out var at))
            {
                at = entries.Count;
                byReference[r[0]] = at;
                entries.Add(new TruthEntry(r[0], r[2], expectation, r[4], []));
            }
            if (r[5].Length == 0) continue;
            var currency = Currency.Of(r[7]);
            var minor = Amounts.TryParseMinor(r[6], currency, out var m, out _) ? m : 0;
            entries[at] = entries[at] with
            {
                Invoices = [.. entries[at].Invoices, new TruthInvoice(r[5], minor, currency.Code)],
            };
        }
        return entries;
    }

    private static string Learned(World world)
    {
        var sb = new StringBuilder("kind,key,customer_id\n");
        foreach (var (key, customer) in world.LearnedAccounts)
            sb.Append(Csv.Line("account", key, customer)).Append('\n');
        foreach (var (key, customer) in world.LearnedNames) sb.Append(Csv.Line("name", key, customer)).Append('\n');
        return sb.ToString();
    }

    private static string Rates(World world)
    {
        var sb = new StringBuilder("from,to,date,rate\n");
        foreach (var r in world.Rates)
        {
            var rate = r.Rate.ToString(CultureInfo.InvariantCulture);
            sb.Append(Csv.Line(r.From.Code, r.To.Code, Date(r.Date), rate)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
