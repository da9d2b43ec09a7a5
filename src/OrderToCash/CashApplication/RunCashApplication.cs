using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;
using OrderToCash.Money;

namespace OrderToCash.CashApplication;

public sealed record CashApplicationRunSummary(int Lines, int Applied, int Suggested, int Unapplied, int OnAccount,
    int Unidentified, int WrongPocket, int AutoApplyRefused, IReadOnlyList<string> Bounds);

/// <summary>
/// The cash-application run: every receipt still in suspense (or waiting as a suggestion) goes through the
/// <see cref="Matcher"/>; what is at or above the entity's threshold is identified and applied without a person,
/// the rest is stored as suggestions with their reasons for the workbench and applications.csv.
/// </summary>
/// <remarks>
/// Postings per outcome: identified payer Dr suspense / Cr unapplied cash (<see cref="IdentifyReceipt"/>); applied
/// Dr unapplied cash / Cr AR with discounts and small write-offs (<see cref="ApplyCash"/>); wrong pocket Dr suspense /
/// Cr wrong-pocket clearing. Entry ids are derived from the statement line, so a run interrupted and run again posts
/// nothing twice. A receipt in another currency than its invoices is exchanged on the exchange clearing account.
/// </remarks>
public sealed class RunCashApplication(O2cDb db, TimeProvider clock, string actor)
{
    public const int BatchSize = 200;

    public async Task<CashApplicationRunSummary> ExecuteAsync(MatchSettings? settings = null,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default,
        IReadOnlyCollection<string>? legalEntityIds = null)
    {
        // A person runs it for the entities they work for (null: every entity, as the CLI does).
        var entities = legalEntityIds?.ToList();
        var lineIds = await db.StatementLines.AsNoTracking()
            .Where(l => l.AmountMinor > 0 && (l.Status == StatementLineStatus.Unidentified
                                              || l.Status == StatementLineStatus.Suggested))
            .Where(l => entities == null || entities.Contains(l.LegalEntityId))
            .OrderBy(l => l.BookingDate).ThenBy(l => l.Position).Select(l => l.Id).ToListAsync(ct);
        // Advices that arrived before their payment are linked to the lines imported since.
        await new Remittances.ImportRemittance(db, clock, actor).LinkPendingAsync(ct);
        var (index, learned) = await LoadIndexAsync(ct);
        // Indicative rates book a file-loaded database; they never decide whether an amount fits.
        var rates = (await db.FxRates.AsNoTracking().Where(r => r.Source != IndicativeRates.Source).ToListAsync(ct))
            .Select(r => r.ToValue()).ToList();
        settings = (settings ?? new MatchSettings()) with { Rates = rates, Learned = learned };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<string, int>();
        var bounds = new List<string>();
        var refused = 0;
        for (var start = 0; start < lineIds.Count; start += BatchSize)
        {
            var batch = lineIds.Skip(start).Take(BatchSize).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var lines = await db.StatementLines.AsNoTracking().Where(l => batch.Contains(l.Id)).ToListAsync(ct);
            var advices = await AdvicesAsync(batch, ct);
            foreach (var line in lines)
            {
                var receipt = ToReceipt(line) with { Advice = advices.GetValueOrDefault(line.Id) };
                var result = Matcher.Propose(receipt, index, settings, today);
                bounds.AddRange(result.Bounds.Select(b => $"{receipt.Id}: {b}"));
                var (status, wasRefused) = await ActAsync(line, receipt, result, ct);
                if (wasRefused) refused++;
                counts[status] = counts.GetValueOrDefault(status) + 1;
            }
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report((Math.Min(start + BatchSize, lineIds.Count), lineIds.Count));
        }
        return new CashApplicationRunSummary(lineIds.Count, counts.GetValueOrDefault("applied"),
            counts.GetValueOrDefault("suggested"), counts.GetValueOrDefault("unapplied"),
            counts.GetValueOrDefault("on_account"), counts.GetValueOrDefault("unidentified"),
            counts.GetValueOrDefault("wrong_pocket"), refused, bounds);
    }

    private async Task<(string Status, bool Refused)> ActAsync(StatementLine line, Receipt receipt, MatchResult result,
        CancellationToken ct)
    {
        var rows = ApplicationsCsv.Rows(result, receipt, line.Position);
        var status = StatementLineStatus.Unidentified;
        var refusedBecause = (string?)null;
        switch (result.Status)
        {
            case MatchStatus.AutoApply when result.Best is { } best
                                             && (best.Fx is null || best.Remainder.IsZero):
                refusedBecause = await ApplyAsync(line, best, ct);
                status = refusedBecause is null ? StatementLineStatus.Applied : StatementLineStatus.Suggested;
                break;
            case MatchStatus.AutoApply or MatchStatus.Suggested:
                status = StatementLineStatus.Suggested;
                break;
            case MatchStatus.Unapplied or MatchStatus.OnAccount when result.Customer is { } customer:
                var (_, identifyError) = await IdentifyAsync(line, customer.CustomerId, ct);
                status = identifyError is null
                    ? result.Status == MatchStatus.Unapplied
                        ? StatementLineStatus.Unapplied
                        : StatementLineStatus.OnAccount
                    : StatementLineStatus.Unidentified;
                break;
            case MatchStatus.WrongPocket:
                status = await MoveToWrongPocketAsync(line, result, ct) ? StatementLineStatus.WrongPocket
                    : StatementLineStatus.Suggested;
                break;
        }
        if (result.Status == MatchStatus.AutoApply && status != StatementLineStatus.Applied)
        {
            // Confident, but not applied (another currency, or the ledger refused): a person decides.
            var why = refusedBecause ?? "a foreign-currency receipt with a remainder";
            rows = rows.Select(r => r with { Status = "suggested",
                Reason = $"{r.Reason}; not applied automatically: {why}" }).ToList();
        }
        await StoreAsync(line.Id, rows, status, ct);
        var name = status switch
        {
            StatementLineStatus.Applied => "applied",
            StatementLineStatus.Suggested => "suggested",
            StatementLineStatus.Unapplied => "unapplied",
            StatementLineStatus.OnAccount => "on_account",
            StatementLineStatus.WrongPocket => "wrong_pocket",
            _ => "unidentified",
        };
        return (name, result.Status == MatchStatus.AutoApply && status != StatementLineStatus.Applied);
    }

    /// <summary>
    /// Identifies the payer (when still in suspense) and applies the proposal; null, or why it could not.
    /// </summary>
    private async Task<string?> ApplyAsync(StatementLine line, Proposal best, CancellationToken ct)
    {
        var (receiptItem, identifyError) = await IdentifyAsync(line, best.CustomerId, ct);
        if (identifyError is not null) return identifyError;
        if (receiptItem is null) return "the receipt has no open item";
        var settlements = best.Allocations.Select(a => new Settlement(a.OpenItemId, a.Applied.Minor, a.Discount.Minor,
                a.Kind == AdjustmentKind.WriteOff ? a.Adjustment.Minor : 0,
                a.Kind == AdjustmentKind.Deduction ? a.Adjustment.Minor : 0, a.ReasonCode))
            .Where(s => s.SettledMinor > 0).ToList();
        if (settlements.Count == 0) return null;
        var memo = $"Cash application: {best.Reason}";
        var outcome = await new ApplyCash(db, clock, actor).ExecuteAsync(new ApplyRequest(IdFor(line.Id, "apply"),
            receiptItem.Value, line.BookingDate, settlements, memo.Length > 400 ? memo[..400] : memo,
            best.Fx?.ReceiptAmount.Minor), ct);
        return outcome.IsPosted || outcome.Error == LedgerError.AlreadyPosted
            ? null
            : $"{outcome.Error}: {outcome.Detail}";
    }

    /// <summary>The line's receipt open item, identifying the payer first when it is still in suspense.</summary>
    private async Task<(Guid? ReceiptItem, string? Error)> IdentifyAsync(StatementLine line, string customerId,
        CancellationToken ct)
    {
        if (line.ReceiptOpenItemId is not null) return (line.ReceiptOpenItemId, null);
        var outcome = await new IdentifyReceipt(db, clock, actor).ExecuteAsync(
            new IdentifyRequest(IdFor(line.Id, "identify"), line.Id, customerId, line.BookingDate), ct);
        return outcome.IsPosted ? (outcome.ReceiptItemId, null) : (null, $"{outcome.Error}: {outcome.Detail}");
    }

    private async Task<bool> MoveToWrongPocketAsync(StatementLine line, MatchResult result, CancellationToken ct)
    {
        var journal = new Journal(db, clock, actor);
        var suspense = await journal.AccountAsync(line.LegalEntityId, AccountRole.Suspense, ct);
        var clearing = await journal.AccountAsync(line.LegalEntityId, AccountRole.WrongPocketClearing, ct);
        var amount = new Money.Money(line.AmountMinor, Currency.Of(line.Currency));
        var reference = line.BankReference ?? line.KeyReference;
        var (entry, error, _) = await journal.PostAsync(IdFor(line.Id, "wrong-pocket"), line.LegalEntityId,
            line.BookingDate, "wrong_pocket", $"Receipt {reference} belongs to {result.OtherLegalEntityId}",
            [new(suspense.Id, amount), new(clearing.Id, -amount)], reference, ct: ct);
        if (entry is null && error != LedgerError.AlreadyPosted) return false;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task StoreAsync(Guid lineId, IReadOnlyList<ApplicationRow> rows, StatementLineStatus status,
        CancellationToken ct)
    {
        await db.CashApplicationRows.Where(r => r.StatementLineId == lineId).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        db.CashApplicationRows.AddRange(rows.Select((r, i) => new CashApplicationRow
        {
            StatementLineId = lineId, RowNo = i + 1, CustomerId = r.CustomerId, InvoiceNumber = r.InvoiceNumber,
            AppliedMinor = r.AppliedMinor, Currency = r.Currency, Status = r.Status, Confidence = r.Confidence,
            Reason = r.Reason.Length > 500 ? r.Reason[..500] : r.Reason, RunAt = now,
        }));
        var tracked = await db.StatementLines.FirstAsync(l => l.Id == lineId, ct);
        tracked.Status = status;
        await db.SaveChangesAsync(ct);
    }

    private async Task<(OpenItemIndex Index, LearnedFacts Learned)> LoadIndexAsync(CancellationToken ct)
    {
        var items = await db.OpenItems.AsNoTracking()
            .Where(o => (o.Kind == OpenItemKind.Invoice || o.Kind == OpenItemKind.DebitMemo) && o.OpenMinor > 0)
            .Select(o => new { o.Id, o.LegalEntityId, o.CustomerId, o.Number, o.PoNumber, o.DocumentDate, o.DueDate,
                o.Currency, o.OpenMinor, o.OriginalMinor, o.DiscountPercent, o.DiscountDueDate })
            .ToListAsync(ct);
        var views = items.Select(o =>
        {
            var c = Currency.Of(o.Currency);
            return new OpenItemView(o.Id, o.LegalEntityId, o.CustomerId, o.Number, o.PoNumber ?? "", o.DocumentDate,
                o.DueDate, new Money.Money(o.OpenMinor, c), new Money.Money(o.OriginalMinor, c), o.DiscountPercent,
                o.DiscountDueDate);
        }).ToList();
        var customers = await db.Customers.AsNoTracking().Include(c => c.Aliases).Include(c => c.BankAccounts)
            .AsSplitQuery().ToListAsync(ct);
        var customerViews = customers.Select(c => new CustomerView(c.Id, c.LegalEntityId, c.Name,
            c.Aliases.Select(a => a.Alias).ToList(),
            c.BankAccounts.Where(b => !b.IsLearned).Select(b => b.AccountNumber).ToList())).ToList();
        var learned = LearnedFacts.Create(
            customers.SelectMany(c => c.BankAccounts.Where(b => b.IsLearned)
                .Select(b => new KeyValuePair<string, string>(b.AccountNumber, c.Id))), []);
        return (OpenItemIndex.Build(views, customerViews), learned);
    }

    // The remittance advices linked to these lines (ImportRemittance links an advice to its payment).
    private async Task<Dictionary<Guid, AdviceView>> AdvicesAsync(List<Guid> lineIds, CancellationToken ct)
    {
        var advices = await db.RemittanceAdvices.AsNoTracking().Include(a => a.Lines)
            .Where(a => a.StatementLineId != null && lineIds.Contains(a.StatementLineId.Value)).ToListAsync(ct);
        return advices.GroupBy(a => a.StatementLineId!.Value).ToDictionary(g => g.Key, g => g.First()).ToDictionary(
            kv => kv.Key, kv => new AdviceView($"{kv.Value.FileName} #{kv.Value.Position}",
                kv.Value.Lines.OrderBy(l => l.LineNo).Select(l => new AdvisedInvoice(l.InvoiceNumber, l.PaidMinor,
                    l.DiscountMinor, l.AdjustmentMinor, l.AdjustmentReason)).ToList()));
    }

    internal static Receipt ToReceipt(StatementLine l) => new(
        l.BankReference ?? l.KeyReference, l.LegalEntityId, l.BookingDate,
        new Money.Money(l.AmountMinor, Currency.Of(l.Currency)), l.CounterpartyName ?? "", l.CounterpartyAccount ?? "",
        l.Remittance ?? "",
        (l.StructuredReferences ?? "").Split(';',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        l.EndToEndId ?? "");

    /// <summary>A stable entry id per statement line and step, so a repeated run posts nothing twice.</summary>
    internal static Guid IdFor(Guid lineId, string step)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{lineId:N}/{step}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
