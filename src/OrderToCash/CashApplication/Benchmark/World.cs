using OrderToCash.Money;

namespace OrderToCash.CashApplication.Benchmark;

/// <summary>What a receipt of the benchmark world should lead to.</summary>
public enum Expectation
{
    /// <summary>Apply to the listed invoices with the listed amounts.</summary>
    Apply,
    /// <summary>A person must decide (ambiguous, unknown payer, wrong pocket): applying it is an error.</summary>
    MustNotApply,
    /// <summary>Not a customer payment (fees, debits).</summary>
    Ignore,
}

/// <summary>An invoice a receipt truly pays, with the cash applied to it in the invoice currency.</summary>
public sealed record TruthInvoice(string InvoiceNumber, long AppliedMinor, string Currency);

/// <summary>The truth about one receipt of a generated world.</summary>
public sealed record TruthEntry(
    string BankReference,
    string Category,
    Expectation Expectation,
    string CustomerId,
    IReadOnlyList<TruthInvoice> Invoices);

/// <summary>How noisy the generated remittance and payer data is.</summary>
public enum NoiseProfile
{
    /// <summary>Noise as seen from typical European and US payers.</summary>
    Standard,
    /// <summary>Other document-number formats, more mangled references, more truncated names, fewer known
    /// accounts.</summary>
    Harsh,
}

/// <summary>Options of <see cref="WorldGenerator"/>. Probabilities are in per mille (no floating point).</summary>
public sealed record WorldOptions
{
    public DateOnly Today { get; init; } = new(2026, 3, 31);
    public NoiseProfile Profile { get; init; } = NoiseProfile.Standard;

    /// <summary>Customers; 0 means one per 20 open items.</summary>
    public int Customers { get; init; }
}

/// <summary>A generated world: master data, open items, the bank's receipts, the truth and what was learned.</summary>
public sealed record World(
    IReadOnlyList<CustomerView> Customers,
    IReadOnlyList<OpenItemView> OpenItems,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<TruthEntry> Truth,
    IReadOnlyList<KeyValuePair<string, string>> LearnedAccounts,
    IReadOnlyList<KeyValuePair<string, string>> LearnedNames,
    IReadOnlyList<ExchangeRate> Rates,
    IReadOnlyList<EntityAccount> BankAccounts,
    DateOnly Today)
{
    public MatchSettings Settings() => new()
    {
        Rates = Rates,
        Learned = LearnedFacts.Create(LearnedAccounts, LearnedNames),
    };
}

/// <summary>The house bank account of a legal entity in one currency: where receipts arrive.</summary>
public sealed record EntityAccount(string LegalEntityId, Currency Currency, string Iban, string Bic);

/// <summary>The receipt categories and their share of receipts, in per mille.</summary>
public static class Categories
{
    public const string ExactRef = "exact-ref";
    public const string NoisyRef = "noisy-ref";
    public const string PoRef = "po-ref";
    public const string TypoRef = "typo-ref";
    public const string MultiWithRefs = "multi-invoice-with-refs";
    public const string MultiNoRefs = "multi-invoice-no-refs";
    public const string Discount = "discount";
    public const string ShortPay = "short-pay";
    public const string OverPay = "over-pay";
    public const string Partial = "partial";
    public const string NameOnly = "name-only";
    public const string AccountOnly = "account-only";
    public const string Learned = "learned";
    public const string Ambiguous = "ambiguous-two-customers";
    public const string UnknownPayer = "unknown-payer";
    public const string WrongPocket = "wrong-pocket";
    public const string Fx = "fx";
    public const string Fees = "fees-debits";

    /// <summary>Realistic shares (per mille) of a shared service centre's incoming bank entries.</summary>
    public static readonly IReadOnlyList<(string Name, int PerMille)> Mix =
    [
        (ExactRef, 300), (NoisyRef, 130), (PoRef, 40), (TypoRef, 20), (MultiWithRefs, 80), (MultiNoRefs, 50),
        (Discount, 60), (ShortPay, 30), (OverPay, 20), (Partial, 20), (NameOnly, 60), (AccountOnly, 60),
        (Learned, 20), (Ambiguous, 5), (UnknownPayer, 10), (WrongPocket, 5), (Fx, 30), (Fees, 60),
    ];

    public static Expectation ExpectationOf(string category) => category switch
    {
        Ambiguous or UnknownPayer or WrongPocket => Expectation.MustNotApply,
        Fees => Expectation.Ignore,
        _ => Expectation.Apply,
    };
}
