using System.Text;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>Name pools and the ways real payers mangle names and document numbers.</summary>
internal static class Noise
{
    internal static readonly string[] Surnames =
    [
        "Acme", "Nordic", "Atlas", "Bergmann", "Schneider", "Meyer", "Global", "Pacific", "Summit", "Apex", "Orion",
        "Vertex", "Delta", "Sterling", "Harbor", "Golden", "Silver", "Alpine", "Baltic", "Rhein", "Elbe", "Hanse",
        "Kaiser", "König", "Müller", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter",
        "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Lange", "Krüger", "Smith",
        "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Roberts", "Walker", "Wright", "Thompson",
        "White", "Hughes", "Edwards", "Hall", "Wood", "Harris", "Martin", "Jackson", "Clarke", "Lewis", "Young",
        "Allen", "Scott", "Baker", "Adams", "Mitchell", "Carter", "Turner", "Parker", "Collins", "Stewart", "Morris",
        "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ward",
        "Richardson", "Watson", "Brooks", "Bennett", "Gray", "Price", "Sanders", "Myers", "Ross", "Foster", "Lindqvist",
        "Janssen", "De Vries", "Rossi", "Bianchi", "Dubois", "Lefebvre", "Moreau", "Novak", "Kowalski", "Horvath",
        "Nielsen", "Larsen", "Berg", "Haas", "Vogel", "Frank", "Jung", "Hahn", "Keller", "Graf", "Roth", "Beck",
    ];

    internal static readonly string[] Trades =
    [
        "Steel", "Logistics", "Foods", "Pharma", "Textiles", "Machinery", "Electronics", "Chemicals", "Paper",
        "Plastics", "Software", "Systems", "Energy", "Automotive", "Medical", "Packaging", "Furniture", "Tools",
        "Optics", "Print", "Transport", "Construction", "Retail", "Consulting", "Engineering", "Solar", "Water",
        "Glass", "Timber", "Metals", "Components", "Instruments", "Beverages", "Dairy", "Textil", "Bau", "Technik",
        "Handel", "Data", "Robotics", "Aero", "Marine", "Agrar", "Hydraulics", "Sensors", "Cables", "Pumps",
    ];

    internal static readonly string[] Kinds =
    [
        "Group", "Industries", "Partners", "International", "Solutions", "Works", "Supply", "Brothers", "& Sons",
        "Europe", "Services", "Technologies", "Associates", "Enterprises", "Manufacturing", "Distribution", "Trading",
        "Labs", "Products", "Werke",
    ];

    internal static readonly string[] Cities =
    [
        "Hamburg", "Berlin", "Munich", "Cologne", "Frankfurt", "Stuttgart", "Leipzig", "Dresden", "Bremen", "Hannover",
        "Boston", "Chicago", "Denver", "Austin", "Seattle", "Atlanta", "Dallas", "Phoenix", "Portland", "Detroit",
    ];

    internal static readonly string[] CnCities =
    [
        "上海", "北京", "深圳", "广州", "杭州", "苏州", "南京", "天津", "成都", "武汉", "宁波", "青岛",
    ];

    internal static readonly string[] CnWords =
    [
        "华美", "东方", "金龙", "恒通", "宏达", "新世纪", "长城", "阳光", "瑞丰", "永盛",
        "海天", "中远", "天成", "鑫源", "博远", "嘉禾", "正泰", "腾飞", "汇通", "明珠",
        "锦程", "安泰", "顺发", "德隆", "富华", "广源", "宝丰", "信达",
    ];

    internal static readonly string[] CnTrades =
    [
        "贸易", "科技", "电子", "机械", "化工", "物流", "纺织", "食品", "医药", "材料", "能源", "包装",
    ];

    internal static readonly string[] People =
    [
        "MAX MUSTERMANN", "ERIKA MUSTER", "JOHN DOE", "JANE ROE", "P. SCHMITT", "K. NGUYEN", "A. RAHMAN", "L. GARCIA",
        "M. ROSSI", "T. ANDERSSON", "ONLINE BANKING", "UNKNOWN ORDERING PARTY", "S. OKAFOR", "H. TANAKA",
    ];

    internal static string SuffixVariant(Random rng, string suffix) => suffix switch
    {
        "GmbH" => Pick(rng, "GMBH", "G.m.b.H.", "Gmbh", ""),
        "AG" => Pick(rng, "AG", "A.G.", ""),
        "GmbH & Co. KG" => Pick(rng, "GMBH & CO KG", "GmbH u. Co. KG", "GMBH+CO.KG", ""),
        "Inc." => Pick(rng, "INC", "Incorporated", "Inc", ""),
        "LLC" => Pick(rng, "L.L.C.", "LLC", ""),
        "Ltd." => Pick(rng, "Limited", "LTD", "Ltd", ""),
        "Corp." => Pick(rng, "Corporation", "CORP", ""),
        "B.V." => Pick(rng, "BV", "B.V", ""),
        "S.A.S." => Pick(rng, "SAS", "S.A.S", ""),
        "S.r.l." => Pick(rng, "SRL", "S.R.L.", ""),
        "有限公司" => Pick(rng, "有限公司", ""),
        "股份有限公司" => Pick(rng, "股份有限公司", "有限公司", ""),
        _ => suffix,
    };

    internal static string Pick(Random rng, params string[] options) => options[rng.Next(options.Length)];

    internal static T Pick<T>(Random rng, IReadOnlyList<T> options) => options[rng.Next(options.Count)];

    internal static bool Chance(Random rng, int perMille) => rng.Next(1000) < perMille;

    /// <summary>The name as a payer's bank writes it: case, legal form, truncation, word order, alias.</summary>
    internal static string PayerName(Random rng, string baseName, string suffix, IReadOnlyList<string> aliases,
        NoiseProfile profile)
    {
        var harsh = profile == NoiseProfile.Harsh;
        if (aliases.Count > 0 && Chance(rng, 80)) return Case(rng, aliases[rng.Next(aliases.Count)]);
        var words = baseName.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count >= 2 && Chance(rng, harsh ? 120 : 50)) (words[0], words[1]) = (words[1], words[0]);
        var legal = Chance(rng, 400) ? suffix : SuffixVariant(rng, suffix);
        var isCjk = baseName.Any(ch => ch > 0x2E80);
        // SEPA's character set: many banks write Müller as MUELLER, others drop the dots.
        if (Chance(rng, 400)) words = words.Select(Transliterate).ToList();
        var name = isCjk ? string.Concat(words) + legal : (string.Join(' ', words) + " " + legal).Trim();
        if (Chance(rng, harsh ? 300 : 150))
        {
            var cut = isCjk ? Math.Max(3, name.Length - rng.Next(1, 4)) : rng.Next(18, 36);
            if (name.Length > cut) name = name[..cut].TrimEnd();
        }
        return Case(rng, name);
    }

    private static string Transliterate(string word) =>
        word.Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("Ä", "Ae").Replace("Ö", "Oe")
            .Replace("Ü", "Ue").Replace("ß", "ss");

    private static string Case(Random rng, string name) => rng.Next(10) switch
    {
        < 5 => name.ToUpperInvariant(),
        < 6 => name.ToLowerInvariant(),
        _ => name,
    };

    /// <summary>A document number as payers type it: case, prefix, zeros, separators, embedding.</summary>
    internal static string Reference(Random rng, string number, NoiseProfile profile)
    {
        var operations = profile == NoiseProfile.Harsh ? rng.Next(1, 4) : rng.Next(1, 3);
        var text = number;
        for (var k = 0; k < operations; k++)
        {
            text = rng.Next(7) switch
            {
                0 => text.ToLowerInvariant(),
                1 => DropPrefix(text),
                2 => DropZeros(text),
                3 => ChangeSeparators(rng, text),
                4 => Pick(rng, "RE:", "INV#", "/ROC/", "RG") + text + Pick(rng, "", "/", "X", " PAYMENT"),
                5 => text.Replace("-", "").Replace("/", ""),
                _ => ChangeSeparators(rng, DropZeros(text)),
            };
        }
        return text == number ? ChangeSeparators(rng, text) : text;
    }

    internal static string DropPrefix(string text)
    {
        var firstDigit = text.IndexOfAny("0123456789".ToCharArray());
        return firstDigit <= 0 ? text : text[firstDigit..].TrimStart('-', '/', '.', ' ');
    }

    internal static string DropZeros(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var startsGroup = i == 0 || !char.IsAsciiDigit(text[i - 1]);
            if (text[i] == '0' && startsGroup && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                while (i + 1 < text.Length && text[i] == '0' && char.IsAsciiDigit(text[i + 1])) i++;
            }
            sb.Append(text[i]);
        }
        return sb.ToString();
    }

    internal static string ChangeSeparators(Random rng, string text)
    {
        var separator = Pick(rng, "/", " ", ".", "_", "");
        var sb = new StringBuilder(text.Length + 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '-' or '/' or '.' or '_' or ' ') { sb.Append(separator); continue; }
            sb.Append(c);
            // Letters followed by digits get a separator too: "INV0045" -> "INV/0045".
            if (i + 1 < text.Length && char.IsAsciiLetter(c) && char.IsAsciiDigit(text[i + 1]) && separator.Length > 0
                && (i + 1 >= text.Length || text[i + 1] != '0' || separator != "."))
                sb.Append(separator);
        }
        return sb.ToString();
    }

    /// <summary>One digit mistyped or two neighbours swapped, in the digits of the number.</summary>
    internal static string Typo(Random rng, string number)
    {
        var digits = Enumerable.Range(0, number.Length).Where(i => char.IsAsciiDigit(number[i])).ToList();
        var chars = number.ToCharArray();
        // Swap two different neighbouring digits when there are any; otherwise change one digit.
        var swaps = digits.Where(i => i + 1 < chars.Length && char.IsAsciiDigit(chars[i + 1]) && chars[i] != chars[i
            + 1])
            .ToList();
        if (swaps.Count > 0 && rng.Next(2) == 0)
        {
            var i = swaps[rng.Next(swaps.Count)];
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
        else
        {
            var i = digits[digits.Count - 1 - rng.Next(Math.Min(4, digits.Count))];
            chars[i] = (char)('0' + (chars[i] - '0' + rng.Next(1, 10)) % 10);
        }
        return new string(chars);
    }
}
