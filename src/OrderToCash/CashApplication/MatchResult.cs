namespace OrderToCash.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>What the matcher concluded for one receipt.</summary>
public enum MatchStatus
{
    /// <summary>Confident enough to apply without a person (at or above the entity's threshold).</summary>
    AutoApply,
    /// <summary>A proposal waits for a person.</summary>
    Suggested,
    /// <summary>The customer is known, no invoice could be chosen: unapplied cash of the customer.</summary>
    Unapplied,
    /// <summary>Neither customer nor invoice: suspense.</summary>
    Unidentified,
    /// <summary>The payment is for another legal entity's invoice: wrong-pocket clearing, return or transfer.</summary>
    WrongPocket,
    /// <summary>The customer is known and has nothing open: a payment on account (advance).</summary>
    OnAccount,
    /// <summary>Not a customer payment (a debit, a bank fee).</summary>
    Ignored,
}

/// <summary>How the paying customer was recognised.</summary>
public enum CustomerEvidence
{
    None, Account, LearnedAccount, LearnedName, Name, Alias, NamePartial, Reference, Amount,
}

/// <summary>The customer behind a receipt and how we know.</summary>
public sealed record CustomerMatch(string CustomerId, CustomerEvidence How, string Detail);

/// <summary>What happens to the part of an invoice the payment does not cover.</summary>
public enum AdjustmentKind { None, WriteOff, Deduction }

/// <summary>What is left of the receipt after the allocations.</summary>
public enum RemainderKind { None, OnAccount, Refund }

/// <summary>Cash of the receipt applied to one open item, in the item's currency.</summary>
/// <param name="Applied">Cash applied to the item.</param>
/// <param name="Discount">Cash discount granted (the customer paid within terms).</param>
/// <param name="Adjustment">Short payment written off or moved to a deduction, see <paramref name="Kind"/>.</param>
/// <param name="ReasonCode">For adjustments: SMALL_BALANCE, SHORT_PAY.</param>
public sealed record Allocation(
    Guid OpenItemId,
    string InvoiceNumber,
    Money Applied,
    Money Discount,
    Money Adjustment,
    AdjustmentKind Kind,
    string ReasonCode)
{
    /// <summary>How much of the item's open amount this allocation clears.</summary>
    public Money Cleared => Applied + Discount + Adjustment;
}

/// <summary>A receipt in another currency than its invoices: the rate used and the realised difference.</summary>
/// <param name="Difference">Converted receipt minus cash applied, in the invoice currency (gain when positive).</param>
public sealed record FxConversion(decimal Rate, Money ReceiptAmount, Money Converted, Money Difference);

/// <summary>One way to apply a receipt, with its confidence and the reason a person can read.</summary>
public sealed record Proposal(
    string CustomerId,
    IReadOnlyList<Allocation> Allocations,
    Money Remainder,
    RemainderKind RemainderKind,
    decimal Confidence,
    string Reason,
    FxConversion? Fx)
{
    /// <summary>False for short, partial and over payments: the amount does not settle the invoices exactly.</summary>
    public bool IsAmountExact { get; init; } = true;

    /// <summary>Found through a number one digit off an invoice number, confirmed by the amount.</summary>
    public bool IsOneDigitOff { get; init; }

    public Money Applied(Money zero) => Allocations.Aggregate(zero, (sum, a) => sum + a.Applied);
}

/// <summary>The matcher's answer for one receipt: status, customer, ranked proposals and the bounds hit.</summary>
/// <param name="Bounds">Search limits that were hit while matching this receipt; never silently skipped.</param>
/// <param name="OtherLegalEntityId">For <see cref="MatchStatus.WrongPocket"/>: the entity the money belongs to.</param>
public sealed record MatchResult(
    string ReceiptId,
    MatchStatus Status,
    CustomerMatch? Customer,
    IReadOnlyList<Proposal> Proposals,
    decimal Confidence,
    string Reason,
    IReadOnlyList<string> Bounds,
    string? OtherLegalEntityId = null)
{
    public Proposal? Best => Proposals.Count > 0 ? Proposals[0] : null;
}
