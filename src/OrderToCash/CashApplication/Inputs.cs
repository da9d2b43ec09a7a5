namespace OrderToCash.CashApplication;

using OrderToCash.Money;
using Money = OrderToCash.Money.Money;

/// <summary>One credit (or debit) on a bank statement, as the matcher sees it.</summary>
/// <param name="Id">The bank's own reference of the entry (camt AcctSvcrRef, MT940 //ref, BAI2 bank ref).</param>
/// <param name="Amount">Positive for money received; negative for debits and fees.</param>
public sealed record Receipt(
    string Id,
    string LegalEntityId,
    DateOnly BookingDate,
    Money Amount,
    string PayerName,
    string PayerAccount,
    string RemittanceText,
    IReadOnlyList<string> StructuredReferences,
    string EndToEndId)
{
    /// <summary>The remittance advice sent separately for this payment (CSV, X12 820), when one was linked.</summary>
    public AdviceView? Advice { get; init; }

    /// <summary>
    /// The amount the payer instructed, in another currency than <see cref="Amount"/>, when the bank converted it
    /// (the statement says so): invoices in that currency are matched against it, at the bank's own rate.
    /// </summary>
    public Money? Instructed { get; init; }

    public static Receipt Simple(string id, string entity, DateOnly date, Money amount, string payer,
        string remittance, string account = "") =>
        new(id, entity, date, amount, payer, account, remittance, [], "");
}

/// <summary>A remittance advice as the matcher reads it: which invoices the payer says it pays, and how much.</summary>
/// <param name="Source">File and position, for the explanation.</param>
public sealed record AdviceView(string Source, IReadOnlyList<AdvisedInvoice> Invoices);

/// <summary>One invoice of an advice: paid, discount taken, other deduction with the payer's reason.</summary>
public sealed record AdvisedInvoice(string InvoiceNumber, long PaidMinor, long DiscountMinor, long AdjustmentMinor,
    string? AdjustmentReason);

/// <summary>An open receivable (invoice, debit memo) as the matcher needs it.</summary>
public sealed record OpenItemView(
    Guid Id,
    string LegalEntityId,
    string CustomerId,
    string InvoiceNumber,
    string PoNumber,
    DateOnly DocumentDate,
    DateOnly DueDate,
    Money OpenAmount,
    Money OriginalAmount,
    decimal? DiscountPercent,
    DateOnly? DiscountDueDate)
{
    /// <summary>The discount the customer may take when paying on <paramref name="paidDate"/>, or zero.</summary>
    /// <remarks>The discount is on the open amount, rounded half away from zero, once.</remarks>
    public Money DiscountOn(DateOnly paidDate, int graceDays)
    {
        if (DiscountPercent is not > 0m || DiscountDueDate is not { } until) return Money.Zero(OpenAmount.Currency);
        if (paidDate > until.AddDays(graceDays) || !OpenAmount.IsPositive) return Money.Zero(OpenAmount.Currency);
        return OpenAmount.Multiply(DiscountPercent.Value / 100m, MidpointRounding.AwayFromZero);
    }
}

/// <summary>A customer of one legal entity: name, other names it is known by, and its bank accounts.</summary>
public sealed record CustomerView(
    string Id,
    string LegalEntityId,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> BankAccounts);

/// <summary>
/// What people confirmed earlier: this account (or this payer name) belongs to this customer.
/// Keys are normalised once here, so a lookup during matching is one dictionary probe.
/// </summary>
public sealed class LearnedFacts
{
    private readonly Dictionary<string, string> _accounts;
    private readonly Dictionary<string, string> _names;

    private LearnedFacts(Dictionary<string, string> accounts, Dictionary<string, string> names)
    {
        _accounts = accounts;
        _names = names;
    }

    public static readonly LearnedFacts None = new([], []);

    public static LearnedFacts Create(IEnumerable<KeyValuePair<string, string>> accountToCustomer,
        IEnumerable<KeyValuePair<string, string>> nameToCustomer)
    {
        var accounts = new Dictionary<string, string>();
        foreach (var (account, customer) in accountToCustomer) accounts[Names.Account(account)] = customer;
        var names = new Dictionary<string, string>();
        foreach (var (name, customer) in nameToCustomer) names[Names.Key(name)] = customer;
        return new LearnedFacts(accounts, names);
    }

    public int Count => _accounts.Count + _names.Count;

    public string? CustomerForAccount(string account) =>
        account.Length > 0 && _accounts.TryGetValue(Names.Account(account), out var c) ? c : null;

    public string? CustomerForName(string name) =>
        name.Length > 0 && _names.TryGetValue(Names.Key(name), out var c) ? c : null;
}

/// <summary>The knobs of matching for one legal entity. Defaults are conservative.</summary>
public sealed record MatchSettings
{
    /// <summary>A proposal at or above this confidence may be applied without a person.</summary>
    public decimal AutoApplyThreshold { get; init; } = 0.95m;

    /// <summary>Thresholds of particular legal entities; others use <see cref="AutoApplyThreshold"/>.</summary>
    public IReadOnlyDictionary<string, decimal> ThresholdByEntity { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Difference between paid and expected that still counts as "amount equal".</summary>
    public long AmountToleranceMinor { get; init; }

    /// <summary>Largest number of invoices one payment is searched over without references.</summary>
    public int MaxSubsetSize { get; init; } = 6;

    /// <summary>Open items of one customer considered in a search (oldest due first).</summary>
    public int MaxCandidatesPerCustomer { get; init; } = 200;

    /// <summary>Search steps per receipt in the subset search; hitting it is reported in the bounds.</summary>
    public int MaxSearchNodes { get; init; } = 100_000;

    /// <summary>Invoices one reference token may point at before it is treated as too vague.</summary>
    public int MaxHitsPerReference { get; init; } = 64;

    /// <summary>Customers compared per payer name.</summary>
    public int MaxNameCandidates { get; init; } = 2_000;

    /// <summary>A short payment up to this difference is written off (small balance).</summary>
    public long ShortPayWriteOffMinor { get; init; } = 500;

    /// <summary>A short payment up to this share of the invoices becomes a deduction; above it, a partial
    /// payment.</summary>
    public decimal DeductionMaxShare { get; init; } = 0.10m;

    /// <summary>Days after the discount date that a bank transfer may still earn the discount.</summary>
    public int DiscountGraceDays { get; init; } = 3;

    /// <summary>Relative difference allowed between a converted foreign-currency receipt and the invoices.</summary>
    public decimal FxTolerance { get; init; } = 0.02m;

    /// <summary>Exchange rates for receipts in another currency than the invoices.</summary>
    public IReadOnlyList<ExchangeRate> Rates { get; init; } = [];

    /// <summary>Accounts and names people confirmed before.</summary>
    public LearnedFacts Learned { get; init; } = LearnedFacts.None;

    public decimal ThresholdFor(string legalEntityId) =>
        ThresholdByEntity.TryGetValue(legalEntityId, out var t) ? t : AutoApplyThreshold;
}
