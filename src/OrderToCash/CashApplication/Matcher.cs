namespace OrderToCash.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>Proposes how to apply one receipt to open items: the cash-application matching engine.</summary>
/// <remarks>
/// Pure: no clock, no I/O. Steps: (1) debits and fees are ignored; (2) the payer is recognised from account,
/// confirmed facts and name; (3) references in the remittance are looked up; only another entity's invoices
/// found means wrong pocket; (4) with references, the invoices of one customer are fitted to the amount;
/// (5) without, the customer's open items are searched for a typo'd number, then for a subset equal to the
/// amount; (6) with neither customer nor reference the amount alone is only ever a suggestion.
/// The confidence of a proposal is the product of factors for the reference, the payer and the amount
/// (see README.md); the entity's threshold decides between <see cref="MatchStatus.AutoApply"/> and a suggestion.
/// </remarks>
public static class Matcher
{
    public static MatchResult Propose(Receipt receipt, OpenItemIndex index, MatchSettings settings, DateOnly today)
    {
        if (!receipt.Amount.IsPositive)
            return new MatchResult(receipt.Id, MatchStatus.Ignored, null, [], 0m,
                "debit or bank fee: not a customer payment", []);
        var context = new MatchContext(receipt, index, settings,
            receipt.BookingDate > today ? today : receipt.BookingDate, []);
        context.Payer = CustomerIdentification.Identify(receipt, index, settings, context.Bounds);
        if (ByAdvice.Propose(context) is { } advised) return advised;
        var hits = ReferenceMatching.Find(receipt, index, settings, context.Bounds);
        var own = hits.Where(h => index.Items[h.Item].LegalEntityId == receipt.LegalEntityId).ToList();
        var payer = context.Payer;
        var foreign = hits.Where(h => index.Items[h.Item].LegalEntityId != receipt.LegalEntityId
                                      && IsForeignProof(receipt, index.Items[h.Item], h.Kind)).ToList();
        if (foreign.Count > 0 && !own.Exists(h => h.Kind < ReferenceKind.Tail))
        {
            // The payer may still be our customer paying our invoice with a number that happens to be theirs.
            if (payer.IsProof && ByCustomer.Propose(context) is { Status: MatchStatus.AutoApply } ours) return ours;
            return WrongPocket(context, foreign);
        }
        if (own.Count == 0) return payer.IsKnown ? ByCustomer.Propose(context) : ByAmount(context);
        var paysOwnInvoices = payer.IsKnown && own.Exists(h => index.ItemCustomer[h.Item] == payer.Customer);
        if (!payer.IsKnown || paysOwnInvoices)
        {
            var referenced = ByReference.Propose(context, own);
            if (referenced is null) return payer.IsKnown ? ByCustomer.Propose(context) : ByAmount(context);
            if (!payer.IsKnown || referenced.Status != MatchStatus.AutoApply || referenced.Best!.IsAmountExact)
                return referenced;
            // The referenced invoices do not fit the amount, but the payer's open items might (a typo that hits
            // another of its invoices): two readings, so a person decides.
            if (OneMoreInvoice(context, referenced) is { } completed) return completed;
            var alternative = ByCustomer.Propose(context);
            // A remittance cut short names some of the invoices; when the payer's invoices that fit the amount
            // exactly include every referenced one, the references confirm that fit.
            if (alternative.Status == MatchStatus.AutoApply && Includes(alternative, referenced))
                return Completed(alternative, referenced);
            // The number in the remittance is the payer's invoice, but only partly paid; one digit off it is an
            // invoice of the payer the amount settles exactly: a typo landing on a neighbour, read as the typo.
            // Not for round amounts or a text that says it is an instalment: partial payments look just like that.
            if (alternative is { Status: MatchStatus.AutoApply, Best.IsOneDigitOff: true }
                && referenced.Best.Allocations.Count == 1 && receipt.Amount.Minor % 10_000 != 0
                && !SaysPartial(receipt.RemittanceText))
                return alternative with
                {
                    Reason = $"{alternative.Reason}; {referenced.Best.Allocations[0].InvoiceNumber} as written " +
                             "would not fit the amount",
                };
            return alternative.Status == MatchStatus.AutoApply && !SameAllocations(alternative, referenced)
                ? referenced with
                {
                    Status = MatchStatus.Suggested, Reason = referenced.Reason + "; but " + alternative.Reason,
                }
                : referenced;
        }

        // References point at other customers' invoices: numbers in the text that are not this payer's
        // (customer numbers, typos), or a payer name that fits the wrong customer. Both readings are tried.
        var byCustomer = ByCustomer.Propose(context);
        if (payer.IsProof && byCustomer.Status == MatchStatus.AutoApply) return byCustomer;
        var byReference = ByReference.Propose(context, own);
        if (byReference is null) return byCustomer;
        if (byReference.Status == MatchStatus.AutoApply && byCustomer.Status == MatchStatus.AutoApply)
            return byReference with { Status = MatchStatus.Suggested, Reason = byReference.Reason +
                "; but the payer's own open items fit too" };
        return byCustomer.Confidence > byReference.Confidence ? byCustomer : byReference;
    }

    // The wider fit adds at most as many invoices as were named, and at most two: a remittance cut short loses its
    // last numbers, while a remainder made up of several small invoices is more likely a coincidence.
    private static bool Includes(MatchResult wider, MatchResult narrower)
    {
        var named = narrower.Best!.Allocations.Count;
        var added = wider.Best!.Allocations.Count - named;
        return named > 0 && added > 0 && added <= Math.Min(2, named)
               && narrower.Best.Allocations.All(n => wider.Best.Allocations.Any(w => w.OpenItemId == n.OpenItemId));
    }

    // An over payment whose remainder is exactly one more open invoice of the payer (not a round amount, which
    // could be anything): the remittance was cut short before that invoice's number.
    private static MatchResult? OneMoreInvoice(MatchContext c, MatchResult referenced)
    {
        var best = referenced.Best!;
        if (best.RemainderKind != RemainderKind.OnAccount || best.Fx is not null || !best.Remainder.IsPositive
            || best.Remainder.Minor % 10_000 == 0) return null;
        var named = best.Allocations.Select(a => a.OpenItemId).ToHashSet();
        OpenItemView? found = null;
        foreach (var i in c.Index.ItemsOf(c.Payer.Customer))
        {
            var item = c.Index.Items[i];
            if (item.LegalEntityId != c.Receipt.LegalEntityId || named.Contains(item.Id)
                || item.OpenAmount != best.Remainder) continue;
            if (found is not null) return null;
            found = item;
        }
        if (found is null) return null;
        var zero = Money.Zero(best.Remainder.Currency);
        var allocation = new Allocation(found.Id, found.InvoiceNumber, found.OpenAmount, zero, zero,
            AdjustmentKind.None, "");
        var proposal = best with
        {
            Allocations = [.. best.Allocations, allocation], Remainder = zero, RemainderKind = RemainderKind.None,
            IsAmountExact = true,
        };
        return Completed(referenced with { Proposals = [proposal] }, referenced);
    }

    private static MatchResult Completed(MatchResult fit, MatchResult referenced)
    {
        var named = referenced.Best!.Allocations.Select(a => a.OpenItemId).ToHashSet();
        var others = fit.Best!.Allocations.Where(a => !named.Contains(a.OpenItemId)).Select(a => a.InvoiceNumber);
        var references = referenced.Best.Reason.Split("; ")[0];
        var reason = $"{references}; with {string.Join(", ", others)} of the same payer the amount is exact; " +
                     fit.Customer!.Detail;
        return fit with { Reason = reason, Proposals = [fit.Best with { Reason = reason }, .. fit.Proposals.Skip(1)] };
    }

    private static readonly string[] PartialWords =
    [
        "INSTAL", "PARTIAL", "PART PAY", "TEILZAHLUNG", "RATE ", "ANZAHLUNG", "ACOMPTE", "A CONTO", "AKONTO",
        "ABSCHLAG", "DOWN PAYMENT", "分期", "部分",
    ];

    private static bool SaysPartial(string text)
    {
        var upper = text.ToUpperInvariant();
        return PartialWords.Any(w => upper.Contains(w, StringComparison.Ordinal));
    }

    private static bool SameAllocations(MatchResult a, MatchResult b) =>
        a.Best!.Allocations.Select(x => x.OpenItemId).Order()
            .SequenceEqual(b.Best!.Allocations.Select(x => x.OpenItemId).Order());

    // Another entity's invoice is proof of a wrong pocket when its number is there in full, or its digits (or its
    // PO number) are and the amount is exactly its open amount.
    private static bool IsForeignProof(Receipt receipt, OpenItemView item, ReferenceKind kind) =>
        kind == ReferenceKind.Exact
        || kind is ReferenceKind.Digits or ReferenceKind.PurchaseOrder && item.OpenAmount == receipt.Amount;

    internal static MatchResult Result(MatchContext c, int customer, CustomerEvidence how, string detail,
        List<Proposal> proposals, string? fallbackReason = null)
    {
        proposals.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        var best = proposals.Count > 0 ? proposals[0] : null;
        var threshold = c.Settings.ThresholdFor(c.Receipt.LegalEntityId);
        var status = best is null ? customer >= 0 ? MatchStatus.Unapplied : MatchStatus.Unidentified
            : best.Confidence >= threshold && proposals.Count(p => p.Confidence >= threshold) == 1
                ? MatchStatus.AutoApply : MatchStatus.Suggested;
        var match = customer >= 0 ? new CustomerMatch(c.Index.Customers[customer].Id, how, detail) : null;
        return new MatchResult(c.Receipt.Id, status, match, proposals, best?.Confidence ?? 0m,
            best?.Reason ?? fallbackReason ?? "", c.Bounds);
    }

    private static MatchResult WrongPocket(MatchContext c, List<ReferenceHit> foreign)
    {
        var items = foreign.Select(h => c.Index.Items[h.Item]).ToList();
        var entity = items[0].LegalEntityId;
        var numbers = string.Join(", ", items.Select(i => i.InvoiceNumber).Distinct().Take(5));
        var reason = $"invoice {numbers} belongs to legal entity {entity}: wrong pocket, post to clearing " +
                     "and return or transfer";
        var zero = Money.Zero(items[0].OpenAmount.Currency);
        var allocations = items.Select(i => new Allocation(i.Id, i.InvoiceNumber, i.OpenAmount, zero, zero,
            AdjustmentKind.None, "")).ToList();
        var proposal = new Proposal(items[0].CustomerId, allocations, Money.Zero(c.Receipt.Amount.Currency),
            RemainderKind.None, 0m, reason, null);
        return new MatchResult(c.Receipt.Id, MatchStatus.WrongPocket, null, [proposal], 0m, reason, c.Bounds, entity);
    }

    // A name that fits a few customers: search each one's open items; it counts when exactly one has a fit.
    private static MatchResult? OneOfFew(MatchContext c, int[] candidates)
    {
        MatchResult? found = null;
        foreach (var candidate in candidates)
        {
            var trial = c with { Bounds = [] };
            trial.Payer = new PayerMatch(candidate, CustomerEvidence.NamePartial,
                $"payer name '{c.Receipt.PayerName}' (fits {candidates.Length} customers)", []);
            var result = ByCustomer.Propose(trial);
            if (result.Proposals.Count == 0) continue;
            if (found is not null) return null;
            found = result;
        }
        if (found is null) return null;
        var proposals = found.Proposals.Select(p => p with
        {
            Confidence = Confidence.Round(p.Confidence * Confidence.OneOfFewNames),
        }).ToList();
        var customer = c.Index.CustomerIndex(found.Customer!.CustomerId);
        return Result(c, customer, CustomerEvidence.NamePartial, found.Customer.Detail, proposals);
    }

    // Neither a customer nor a reference: the amount may point somewhere, but it never decides alone.
    private static MatchResult ByAmount(MatchContext c)
    {
        var restrict = c.Payer.Candidates;
        var items = new List<int>();
        foreach (var i in c.Index.FindAmount(c.Receipt.LegalEntityId, c.Receipt.Amount))
        {
            var item = c.Index.Items[i];
            if (item.OpenAmount != c.Receipt.Amount || item.LegalEntityId != c.Receipt.LegalEntityId) continue;
            if (restrict.Length > 0 && !restrict.Contains(c.Index.ItemCustomer[i])) continue;
            items.Add(i);
        }
        var customers = items.Select(i => c.Index.ItemCustomer[i]).Distinct().ToList();
        var zero = Money.Zero(c.Receipt.Amount.Currency);
        if (customers.Count == 0 && restrict.Length is > 0 and <= 3 && OneOfFew(c, restrict) is { } few) return few;
        if (customers.Count == 0)
        {
            var why = restrict.Length > 0 ? $"payer name fits {restrict.Length} customers; no invoice with this amount"
                : "payer not recognised, no reference, no invoice with this amount";
            return Result(c, -1, CustomerEvidence.None, "", [], why);
        }
        // A name that fits a few customers, and an amount that is exactly one open invoice of one of them,
        // identify the invoice about as well as a name alone identifies the customer.
        var confidence = customers.Count > 1 ? 0.3m
            : restrict.Length is > 0 and <= 3 && items.Count == 1 && c.Receipt.Amount.Minor % 10_000 != 0 ? 0.95m
            : restrict.Length > 0 ? 0.9m : 0.5m;
        var basis = customers.Count > 1 ? $"amount fits invoices of {customers.Count} customers; nothing else decides"
            : restrict.Length > 0 ? $"payer name fits {restrict.Length} customers; amount equals one invoice of one"
            : "payer not recognised, no reference; amount equals this invoice";
        var proposals = items.Take(5).Select(i =>
        {
            var item = c.Index.Items[i];
            var allocation = new Allocation(item.Id, item.InvoiceNumber, item.OpenAmount, zero, zero,
                AdjustmentKind.None, "");
            return new Proposal(item.CustomerId, [allocation], zero, RemainderKind.None, confidence,
                $"{basis} ({item.InvoiceNumber})", null);
        }).ToList();
        if (items.Count > 5) c.Bounds.Add($"amount fits {items.Count} invoices; 5 proposed");
        var only = customers.Count == 1 ? customers[0] : -1;
        return Result(c, only, only >= 0 ? CustomerEvidence.Amount : CustomerEvidence.None, "amount", proposals);
    }
}

/// <summary>What one receipt is matched with; the bounds hit are collected here.</summary>
internal sealed record MatchContext(Receipt Receipt, OpenItemIndex Index, MatchSettings Settings, DateOnly PaidDate,
    List<string> Bounds)
{
    public PayerMatch Payer { get; set; } = PayerMatch.Unknown;
}

/// <summary>The factors a confidence is the product of; README.md explains each.</summary>
internal static class Confidence
{
    public static decimal Of(ReferenceKind kind) => kind switch
    {
        ReferenceKind.Exact => 1.00m,
        ReferenceKind.Digits => 0.99m,
        ReferenceKind.PurchaseOrder => 0.98m,
        ReferenceKind.Tail => 0.97m,
        _ => 0.96m,
    };

    public static decimal Of(FitKind fit) => fit switch
    {
        FitKind.Equal => 1.00m,
        FitKind.Discount => 0.995m,
        FitKind.Subset => 0.98m,
        FitKind.Loose => 0.95m,
        FitKind.Short => 0.98m,
        _ => 0.97m,
    };

    /// <summary>How sure we are of the customer when no reference names the invoice.</summary>
    public static decimal Of(CustomerEvidence how) => how switch
    {
        CustomerEvidence.Account or CustomerEvidence.LearnedAccount or CustomerEvidence.LearnedName => 1.00m,
        CustomerEvidence.Name or CustomerEvidence.Alias => 0.99m,
        CustomerEvidence.NamePartial => 0.98m,
        _ => 0.5m,
    };

    public const decimal LongTail = 0.99m;
    public const decimal PayerAgrees = 1.00m;
    public const decimal PayerUnknown = 0.97m;
    public const decimal PayerContradicts = 0.75m;
    public const decimal ForeignCurrency = 0.99m;
    public const decimal SingleItem = 0.98m;
    public const decimal SeveralItems = 0.97m;
    public const decimal Ambiguous = 0.6m;
    public const decimal ForeignCurrencyWithoutReference = 0.9m;
    public const decimal OneOfFewNames = 1.00m;
    public const decimal SmallPartial = 0.9m;

    /// <summary>
    /// The factor for a subset of <paramref name="k"/> of <paramref name="n"/> items with no reference: the
    /// expected number of other subsets of that size hitting the amount by chance is about C(n,k) divided by
    /// the spread of their sums (k times the mean amount, in minor units). Likely coincidences only suggest.
    /// </summary>
    public static decimal Coincidence(int n, int k, long meanMinor)
    {
        if (k <= 1) return 1m;
        var combinations = 1m;
        for (var i = 0; i < k; i++) combinations = combinations * (n - i) / (i + 1);
        var expected = combinations / Math.Max(1m, k * (decimal)meanMinor);
        return expected > 0.05m ? 0.9m : expected > 0.005m ? 0.98m : 1m;
    }

    public static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.ToZero);
}
