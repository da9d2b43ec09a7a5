using OrderToCash.Money;

namespace OrderToCash.CashApplication;

using Money = OrderToCash.Money.Money;

/// <summary>How a payment's amount relates to the invoices it is for.</summary>
internal enum FitKind { Equal, Discount, Subset, Loose, Short, Partial, Over }

/// <summary>The allocations of a payment over chosen invoices, and what is left over.</summary>
internal sealed record Fit(FitKind Kind, List<Allocation> Allocations, Money Remainder, RemainderKind RemainderKind,
    FxConversion? Fx, string Text);

/// <summary>The amount a receipt pays in the invoices' currency, and how far it may be off.</summary>
/// <param name="IsInstructed">The amount is what the payer instructed in that currency (not a conversion at a rate
/// on file): a shortfall is as certain as in the receipt's own currency.</param>
internal readonly record struct Target(long Minor, long ToleranceMinor, decimal? Rate, Money Converted,
    bool IsInstructed = false);

/// <summary>Fits a payment to a set of invoices: equal, with cash discount, a subset, short, partial or over.</summary>
internal static class AmountFit
{
    /// <summary>The receipt in <paramref name="currency"/>; null when no rate is known.</summary>
    public static Target? TargetIn(Receipt receipt, Currency currency, MatchSettings settings)
    {
        if (receipt.Amount.Currency == currency)
            return new Target(receipt.Amount.Minor, settings.AmountToleranceMinor, null, receipt.Amount);
        // The payer instructed this currency and the bank converted it: the instructed amount is what was paid, at
        // the bank's own rate (no rate on file needed, and no rate tolerance either).
        if (receipt.Instructed is { } instructed && instructed.Currency == currency)
            return new Target(instructed.Minor, settings.AmountToleranceMinor,
                Amounts.ToMajor(instructed.Minor, currency) / Amounts.ToMajor(receipt.Amount.Minor,
                    receipt.Amount.Currency), instructed, IsInstructed: true);
        // The rate in force on the booking date; failing that, the latest known (rates may be loaded late).
        var rate = Conversion.FindRate(settings.Rates, receipt.Amount.Currency, currency, receipt.BookingDate)
                   ?? Conversion.FindRate(settings.Rates, receipt.Amount.Currency, currency, DateOnly.MaxValue);
        if (rate is null) return null;
        var converted = Conversion.Convert(receipt.Amount, currency, rate.Value);
        var tolerance = decimal.ToInt64(Math.Round(converted.Minor * settings.FxTolerance, 0,
            MidpointRounding.AwayFromZero));
        return new Target(converted.Minor, Math.Max(settings.AmountToleranceMinor, tolerance), rate, converted);
    }

    /// <summary>Fits the payment to <paramref name="items"/> (one currency, oldest first).</summary>
    public static Fit Of(IReadOnlyList<OpenItemView> items, Receipt receipt, Target target, MatchSettings settings,
        DateOnly paidDate, List<string> bounds)
    {
        var currency = items[0].OpenAmount.Currency;
        var zero = Money.Zero(currency);
        var full = items.Sum(i => i.OpenAmount.Minor);
        var discounts = items.Select(i => i.DiscountOn(paidDate, settings.DiscountGraceDays)).ToArray();
        var discountTotal = discounts.Sum(d => d.Minor);
        var discountCount = discounts.Count(d => d.IsPositive);

        if (Math.Abs(target.Minor - full) <= target.ToleranceMinor)
        {
            // In another currency "equal" means within the rate tolerance; beyond a usual bank spread it is loose.
            var loose = target.Rate is not null && Math.Abs(target.Minor - full) * 200 > full;
            return Done(loose ? FitKind.Loose : FitKind.Equal, items.Select(i => Full(i, zero)).ToList(),
                target.Rate is null ? "amount equal" : $"amount equal at rate {target.Rate.Value:0.####}");
        }
        if (discountTotal > 0 && Math.Abs(target.Minor - (full - discountTotal)) <= target.ToleranceMinor
            + discountCount)
        {
            var allocations = items.Select((i, k) => WithDiscount(i, discounts[k], zero)).ToList();
            return Done(FitKind.Discount, Settle(allocations, target, zero),
                $"amount equal after cash discount {Amounts.Format(discountTotal, currency)} within terms");
        }
        if (items.Count > 1)
        {
            var search = SubsetSearch.Find(items.Select(i => i.OpenAmount.Minor).ToArray(),
                discounts.Select((d, k) => d.IsPositive ? items[k].OpenAmount.Minor - d.Minor : -1).ToArray(),
                target.Minor, target.ToleranceMinor, items.Count, settings.MaxSearchNodes);
            if (search.HitNodeLimit) bounds.Add(
                $"search over {items.Count} referenced invoices stopped at the step limit");
            if (search.Solutions.Count == 1 && !search.HitNodeLimit)
            {
                var s = search.Solutions[0];
                var chosen = s.Items.Select((k, n) => s.Discounted[n] ? WithDiscount(items[k], discounts[k], zero)
                    : Full(items[k], zero)).ToList();
                return Done(FitKind.Subset, Settle(chosen, target, zero),
                    $"amount equals {s.Items.Length} of the {items.Count} referenced invoices");
            }
        }
        return target.Minor < full ? Short(items, receipt, target, settings, full, zero)
            : Over(items, target, full, zero);

        Fit Done(FitKind kind, List<Allocation> allocations, string text) =>
            new(kind, allocations, zero, RemainderKind.None, Fx(receipt, target, allocations, zero), text);
    }

    private static Allocation Full(OpenItemView i, Money zero) =>
        new(i.Id, i.InvoiceNumber, i.OpenAmount, zero, zero, AdjustmentKind.None, "");

    private static Allocation WithDiscount(OpenItemView i, Money discount, Money zero) =>
        new(i.Id, i.InvoiceNumber, i.OpenAmount - discount, discount, zero, AdjustmentKind.None, "");

    // A customer's own rounding of the discount can leave a minor unit: it moves into the discount of the last item,
    // so the cash applied equals the cash received.
    private static List<Allocation> Settle(List<Allocation> allocations, Target target, Money zero)
    {
        if (target.Rate is not null) return allocations;
        var applied = allocations.Sum(a => a.Applied.Minor);
        var diff = target.Minor - applied;
        if (diff == 0 || allocations.Count == 0) return allocations;
        var last = allocations[^1];
        var delta = new Money(diff, zero.Currency);
        allocations[^1] = last with { Applied = last.Applied + delta, Discount = last.Discount - delta };
        return allocations;
    }

    private static Fit Short(IReadOnlyList<OpenItemView> items, Receipt receipt, Target target,
        MatchSettings settings, long full, Money zero)
    {
        var allocations = new List<Allocation>(items.Count);
        var remaining = target.Minor;
        foreach (var item in items)
        {
            if (remaining <= 0) break;
            var applied = Math.Min(item.OpenAmount.Minor, remaining);
            remaining -= applied;
            allocations.Add(new Allocation(item.Id, item.InvoiceNumber, new Money(applied, zero.Currency), zero, zero,
                AdjustmentKind.None, ""));
        }
        var last = allocations[^1];
        var lastItem = items[allocations.Count - 1];
        var gap = lastItem.OpenAmount.Minor - last.Applied.Minor;
        var shortfall = full - target.Minor;
        var currency = zero.Currency;
        string text;
        var kind = FitKind.Short;
        if (gap > 0 && shortfall <= settings.ShortPayWriteOffMinor && target.Rate is null)
        {
            allocations[^1] = last with { Adjustment = new Money(gap, currency), Kind = AdjustmentKind.WriteOff,
                ReasonCode = "SMALL_BALANCE" };
            text = $"short by {Amounts.Format(shortfall, currency)}: small balance written off";
        }
        else if (gap > 0 && shortfall <= full * settings.DeductionMaxShare && target.Rate is null)
        {
            allocations[^1] = last with { Adjustment = new Money(gap, currency), Kind = AdjustmentKind.Deduction,
                ReasonCode = "SHORT_PAY" };
            text = $"short by {Amounts.Format(shortfall, currency)}: deduction SHORT_PAY opened";
        }
        else
        {
            kind = FitKind.Partial;
            text = $"partial payment; {Amounts.Format(shortfall, currency)} stays open";
        }
        // A partial payment in another currency is exchanged whole (an instructed amount only: at a rate on file
        // the shortfall may be the rate's, and a person decides).
        return new Fit(kind, allocations, zero, RemainderKind.None,
            target.IsInstructed ? Fx(receipt, target, allocations, zero) : null, text);
    }

    private static Fit Over(IReadOnlyList<OpenItemView> items, Target target, long full, Money zero)
    {
        var allocations = items.Select(i => Full(i, zero)).ToList();
        var extra = new Money(target.Minor - full, zero.Currency);
        return new Fit(FitKind.Over, allocations, extra, RemainderKind.OnAccount, null,
            $"over payment; {Amounts.Format(extra.Minor, extra.Currency)} on account");
    }

    private static FxConversion? Fx(Receipt receipt, Target target, List<Allocation> allocations, Money zero)
    {
        if (target.Rate is not { } rate) return null;
        var applied = allocations.Aggregate(zero, (s, a) => s + a.Applied);
        return new FxConversion(rate, receipt.Amount, target.Converted, target.Converted - applied);
    }
}
