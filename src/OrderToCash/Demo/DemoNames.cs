using OrderToCash.Customers;

namespace OrderToCash.Demo;

/// <summary>Names, aliases and bank accounts that look like a real customer base in Europe and China.</summary>
internal static class DemoNames
{
    private static readonly string[] First =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell",
        "Cyberdyne", "Aperture", "Blue Harbor", "Nordlicht", "Alpen", "Rheinland", "Vista", "Polaris", "Meridian",
        "Atlas", "Zenith", "Orion", "Helix", "Quantum", "Summit", "Evergreen", "Silverline", "Redwood", "Ironbridge",
        "Lakeside",
    ];
    private static readonly string[] Second =
    [
        "Logistics", "Foods", "Industries", "Systems", "Retail", "Pharma", "Energy", "Textiles", "Electronics",
        "Components", "Trading", "Media", "Chemicals", "Machinery", "Packaging",
    ];
    private static readonly string[] Suffix =
        ["GmbH", "B.V.", "S.A.", "Ltd", "AG", "SAS", "S.r.l.", "Oy", "AB", "Inc."];
    private static readonly string[] ChineseFirst =
        ["华东", "长江", "东方", "金桥", "新元", "恒通", "瑞丰", "海川", "中联", "天成", "宏达", "鼎盛"];
    private static readonly string[] ChineseSecond = ["贸易", "物流", "电子", "机械", "食品", "化工", "科技", "纺织"];
    private static readonly string[] Terms = ["NET30", "NET30", "NET45", "NET60", "2/10 NET 30", "NET14"];

    public static List<Customer> Customers(Random random, int count)
    {
        var result = new List<Customer>();
        var used = new HashSet<string>();
        for (var i = 1; i <= count; i++)
        {
            var china = i % 10 < 3;
            string name;
            do
            {
                name = china
                    ? $"上海{ChineseFirst[random.Next(ChineseFirst.Length)]}" +
                        $"{ChineseSecond[random.Next(ChineseSecond.Length)]}有限公司"
                    : $"{First[random.Next(First.Length)]} {Second[random.Next(Second.Length)]} " +
                        $"{Suffix[random.Next(Suffix.Length)]}";
            } while (!used.Add(name));
            var id = china ? $"CN{i:D4}" : $"C{i:D4}";
            var currency = china ? "CNY" : i % 17 == 0 ? "USD" : "EUR";
            var customer = new Customer
            {
                Id = id, Name = name, LegalEntityId = china ? BuildDemoCompany.ChinaId : BuildDemoCompany.EuropeId,
                Currency = currency, PaymentTerms = Terms[random.Next(Terms.Length)],
                CreditLimitMinor = random.Next(5, 200) * 10_000_00L, Language = china ? "zh" : "en",
                Email = $"ap@{id.ToLowerInvariant()}.example.com",
                TaxId = china ? $"9131{random.Next(10000000, 99999999)}" : null,
                BillToAddress = china
                    ? "上海市静安区南京西路1000号"
                    : $"{random.Next(1, 200)} Market Street, {Cities[random.Next(Cities.Length)]}",
                IsPoRequired = random.NextDouble() < 0.2, IsEInvoiceRequired = !china && random.NextDouble() < 0.3,
                ParentId = i > 20 && i % 25 == 0 ? (china ? $"CN{i - 10:D4}" : $"C{i - 1:D4}") : null,
            };
            var aliasBase = name.Split(' ')[0];
            customer.Aliases.Add(new CustomerAlias
                { CustomerId = id, Alias = china ? name[..Math.Min(4, name.Length)] : aliasBase.ToUpperInvariant() });
            customer.BankAccounts.Add(new CustomerBankAccount
            {
                CustomerId = id,
                AccountNumber = china ? $"62220{random.Next(10000000, 99999999)}{random.Next(100000, 999999)}"
                    : $"DE{random.Next(10, 99)}{random.Next(10000000, 99999999)}{random.Next(10000000, 99999999)}00",
            });
            customer.Contacts.Add(new Contact
            {
                CustomerId = id, Name = china ? "王丽" : "Accounts Payable", Email = customer.Email,
                Language = customer.Language,
                Role = "AP",
            });
            result.Add(customer);
        }
        // Parents must exist before their children point at them; the ids above point backwards only.
        return result;
    }

    private static readonly string[] Cities =
        ["Rotterdam", "Hamburg", "Lyon", "Milano", "Wien", "Zürich", "Gent", "Leeds"];
}
