using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.CashApplication;
using OrderToCash.CashApplication.Payments;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

/// <param name="Amount">Cash applied to the invoice (major units of the receipt's currency).</param>
/// <param name="WriteOff">A small difference written off (within your limit; above it, an approval request).</param>
/// <param name="Deduction">A short payment moved to a deduction with <paramref name="ReasonCode"/>.</param>
public sealed record AllocationBody(Guid OpenItemId, decimal? Amount, decimal? WriteOff, decimal? Deduction,
    string? ReasonCode);

/// <param name="RequestId">Optional client id; without it the Idempotency-Key (or a new id) names the request.</param>
public sealed record ApplyBody(Guid? RequestId, string? CustomerId, IReadOnlyList<AllocationBody>? Allocations,
    bool LeaveOnAccount, DateOnly? Date);

public sealed record ApplyAnswer(string Result, Guid? EntryId, decimal Unapplied, IReadOnlyList<Guid> Approvals);

public sealed record UnapplyBody(Guid EntryId, string? Reason, Guid? RequestId, DateOnly? Date);

public sealed record UnapplyAnswer(string Result, Guid ReversalId, decimal Unapplied);

public sealed record RefundBody(decimal? Amount, string? Reason, string? CustomerId, Guid? RequestId, DateOnly? Date);

public sealed record RefundAnswer(string Result, Guid EntryId, decimal Amount);

public sealed record AchBody(string ImmediateDestination, string ImmediateOrigin, string DestinationName,
    string OriginName, string CompanyName, string CompanyId, string OdfiRouting);

public sealed record RefundRunBody(Guid BankAccountId, DateOnly? ExecutionDate, string? MessageId, AchBody? Ach);

public sealed record RefundRunAnswer(string Format, string FileName, string File, IReadOnlyList<RefundPayment> Paid,
    IReadOnlyList<string> Skipped);

public sealed record ReconcileBody(Guid BankAccountId, DateOnly? From, DateOnly? To);

public sealed record ReconcileAnswer(Guid Id, string Account, string Currency, DateOnly From, DateOnly To,
    int StatementLines, int LedgerLines, decimal PostedNet, decimal IgnoredNet, decimal LedgerNet, bool IsTiedOut,
    IReadOnlyList<DifferenceRow> Differences);

public sealed record DifferenceRow(string Kind, DateOnly Date, decimal Amount, string Reference, string Detail);

/// <summary>
/// Working one receipt by hand (detail, open invoices to pick, apply, unapply, refund), refund payment runs and the
/// bank reconciliation. Reads need <see cref="Duties.ReviewCash"/>, writes <see cref="Duties.ApplyCash"/>; every id
/// of another entity answers 404.
/// </summary>
public static class ReceiptsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/cash-application").WithTags("CashApplication");
        g.MapGet("/lines/{id:guid}", DetailAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("A receipt: the line, its unapplied cash, its applications (and their reversals)");
        g.MapGet("/lines/{id:guid}/open-items", OpenItemsAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("Open invoices to pick for a receipt: any customer of its entity in its currency, the " +
                         "payer's first; ?customer= ?search= (number, customer id or name)");
        g.MapPost("/lines/{id:guid}/apply", ApplyAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Apply a receipt to picked invoices (several customers allowed) with write-off, deduction " +
                         "and on-account; posts once per request id / Idempotency-Key");
        g.MapPost("/lines/{id:guid}/unapply", UnapplyAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Unapply: post the reversal of one application; the cash returns to unapplied");
        g.MapPost("/lines/{id:guid}/refund", RefundAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Refund a receipt's unapplied cash (credit balance or erroneous payment) to refunds payable");
        g.MapPost("/refund-runs", RefundRunAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Pay refunds payable from a bank account: SEPA pain.001 (EUR) or NACHA (USD) file");
        g.MapGet("/bank-accounts", async (O2cDb db, HttpContext http, CancellationToken ct) =>
                Results.Ok(await ReceiptWork.BankAccounts(db, UserScope.Of(http.User)).ToListAsync(ct)))
            .RequireAuthorization(Duties.ReviewCash).WithSummary("Bank accounts of your entities");
        g.MapPost("/bank-reconciliations", ReconcileAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("Reconcile a bank account for a date range: every statement line accounted for, every " +
                         "posted bank entry tied to a line");
    }

    /// <summary>The request's id: the client's, else one derived from the user and Idempotency-Key, else new.</summary>
    public static Guid RequestId(HttpContext http, Guid? given, TimeProvider clock)
    {
        if (given is { } id && id != Guid.Empty) return id;
        var key = http.Request.Headers[Idempotency.Header].ToString();
        if (key.Length == 0) return Guid.CreateVersion7(clock.GetUtcNow());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{http.User.Identity!.Name}\n{key}\n{http.Request.Path}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static async Task<IResult> DetailAsync(Guid id, O2cDb db, HttpContext http, CancellationToken ct)
    {
        var line = await ReceiptWork.LineAsync(db, UserScope.Of(http.User), id, ct);
        return line is null ? Problems.NotFound("statement line", id.ToString())
            : Results.Ok(await ReceiptWork.DetailAsync(db, line, ct));
    }

    private static async Task<IResult> OpenItemsAsync(Guid id, O2cDb db, HttpContext http, string? customer,
        string? search, string? cursor, int? limit, CancellationToken ct)
    {
        var v = new Validation()
            .Check(Paging.IsValid(cursor), "cursor", "not a cursor this API returned")
            .Check(limit is null or (>= 1 and <= Paging.MaxLimit), "limit", $"between 1 and {Paging.MaxLimit}");
        if (!v.IsValid) return v.Problem();
        var line = await ReceiptWork.LineAsync(db, UserScope.Of(http.User), id, ct);
        if (line is null) return Problems.NotFound("statement line", id.ToString());
        var page = await Paging.ReadAsync(ReceiptWork.Pickable(db, line, customer, search), cursor, limit, ct);
        return Results.Ok(new Page<PickableItem>(page.Items.Select(PickableItem.Of).ToList(), page.NextCursor));
    }

    private static async Task<IResult> ApplyAsync(Guid id, ApplyBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var line = await ReceiptWork.LineAsync(db, UserScope.Of(http.User), id, ct);
        if (line is null) return Problems.NotFound("statement line", id.ToString());
        var allocations = body?.Allocations ?? [];
        var v = new Validation()
            .Check(body is not null, "body", "give allocations and/or leaveOnAccount")
            .Check(allocations.Count > 0 || body?.LeaveOnAccount == true, "allocations",
                "pick at least one invoice, or leave the cash on account")
            .Check(allocations.Count <= ApplyReceipt.MaxAllocations, "allocations",
                $"at most {ApplyReceipt.MaxAllocations} invoices per request");
        var parsed = new List<ReceiptAllocation>();
        foreach (var (a, i) in allocations.Select((a, i) => (a, i)))
        {
            var (cash, writeOff, deduction) = (ReceiptWork.ToMinor(a.Amount, line.Currency),
                ReceiptWork.ToMinor(a.WriteOff, line.Currency), ReceiptWork.ToMinor(a.Deduction, line.Currency));
            v.Check(cash is >= 0 && writeOff is >= 0 && deduction is >= 0, $"allocations[{i}]",
                $"amounts are zero or positive, with at most the decimals of {line.Currency}");
            v.Check(a.ReasonCode is null || (a.ReasonCode.Length is > 0 and <= 40), $"allocations[{i}].reasonCode",
                "at most 40 characters");
            if (cash is >= 0 && writeOff is >= 0 && deduction is >= 0)
                parsed.Add(new ReceiptAllocation(a.OpenItemId, cash.Value, writeOff.Value, deduction.Value,
                    a.ReasonCode?.Trim().ToUpperInvariant()));
        }
        if (!v.IsValid) return v.Problem();
        var outcome = await new ApplyReceipt(db, clock, http.User.Identity!.Name!).ExecuteAsync(
            new ApplyReceiptRequest(RequestId(http, body!.RequestId, clock), id, body.CustomerId, parsed,
                body.LeaveOnAccount, body.Date), ct);
        if (outcome.Error is { } e)
            return e is ApplyReceiptError.UnknownInvoice ? Problems.NotFound("open invoice", outcome.Detail)
                : Problems.Refused(e, outcome.Detail, conflict: e == ApplyReceiptError.NotOpen);
        var unapplied = Money.Amounts.ToMajor(outcome.UnappliedMinor, Money.Currency.Of(line.Currency));
        return Results.Ok(new ApplyAnswer(outcome.WasAlreadyApplied ? "already_applied" : "applied", outcome.EntryId,
            unapplied, outcome.ApprovalIds));
    }

    private static async Task<IResult> UnapplyAsync(Guid id, UnapplyBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var line = await ReceiptWork.LineAsync(db, UserScope.Of(http.User), id, ct);
        if (line is null) return Problems.NotFound("statement line", id.ToString());
        var v = new Validation()
            .Check(body is not null && body.EntryId != Guid.Empty, "entryId", "the application entry to reverse")
            .Check(!string.IsNullOrWhiteSpace(body?.Reason) && body.Reason.Length <= 500, "reason",
                "say why, in at most 500 characters");
        if (!v.IsValid) return v.Problem();
        var outcome = await new UnapplyReceipt(db, clock, http.User.Identity!.Name!).ExecuteAsync(
            new UnapplyRequest(RequestId(http, body!.RequestId, clock), id, body.EntryId, body.Reason!.Trim(),
                body.Date), ct);
        if (outcome.Error is { } e)
            return e == UnapplyReceiptError.UnknownApplication ? Problems.NotFound("application", outcome.Detail)
                : Problems.Refused(e, outcome.Detail, conflict: e == UnapplyReceiptError.AlreadyReversed);
        return Results.Ok(new UnapplyAnswer(outcome.WasAlreadyReversed ? "already_reversed" : "reversed",
            outcome.ReversalId!.Value,
            Money.Amounts.ToMajor(outcome.UnappliedMinor, Money.Currency.Of(line.Currency))));
    }

    private static async Task<IResult> RefundAsync(Guid id, RefundBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var line = await ReceiptWork.LineAsync(db, UserScope.Of(http.User), id, ct);
        if (line is null) return Problems.NotFound("statement line", id.ToString());
        var amount = body?.Amount is null ? (long?)null : ReceiptWork.ToMinor(body.Amount, line.Currency);
        var v = new Validation()
            .Check(body?.Amount is null || amount is > 0, "amount",
                $"a positive amount with at most the decimals of {line.Currency}, or none for all unapplied cash")
            .Check(!string.IsNullOrWhiteSpace(body?.Reason) && body.Reason.Length <= 300, "reason",
                "say why, in at most 300 characters");
        if (!v.IsValid) return v.Problem();
        var outcome = await new RefundReceipt(db, clock, http.User.Identity!.Name!).ExecuteAsync(
            new RefundReceiptRequest(RequestId(http, body!.RequestId, clock), id, body.CustomerId, amount,
                body.Reason!.Trim(), body.Date), ct);
        if (outcome.Error is { } e)
            return Problems.Refused(e, outcome.Detail, conflict: e == RefundReceiptError.NotOpen);
        return Results.Ok(new RefundAnswer(outcome.WasAlreadyRefunded ? "already_refunded" : "refunded",
            outcome.EntryId!.Value, Money.Amounts.ToMajor(outcome.RefundedMinor, Money.Currency.Of(line.Currency))));
    }

    private static async Task<IResult> RefundRunAsync(RefundRunBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .Check(body is not null && body.BankAccountId != Guid.Empty, "bankAccountId", "the account paying out")
            .Check(body?.MessageId is null || body.MessageId.Length is > 0 and <= 35, "messageId",
                "at most 35 characters");
        if (body?.Ach is { } o)
            v.Check(IsRouting(o.ImmediateDestination), "ach.immediateDestination", "the bank's 9-digit routing number")
                .Check(IsRouting(o.OdfiRouting), "ach.odfiRouting", "the ODFI's 9-digit routing number")
                .Check(o.ImmediateOrigin is { Length: > 0 and <= 10 }, "ach.immediateOrigin", "1 to 10 characters")
                .Check(o.CompanyId is { Length: > 0 and <= 10 }, "ach.companyId", "1 to 10 characters")
                .Check(o.CompanyName is { Length: > 0 and <= 16 }, "ach.companyName", "1 to 16 characters")
                .Check(o.DestinationName is { Length: <= 23 } && o.OriginName is { Length: <= 23 }, "ach.originName",
                    "names of at most 23 characters");
        if (!v.IsValid) return v.Problem();
        var bank = await db.BankAccounts.AsNoTracking().Visible(UserScope.Of(http.User), b => b.LegalEntityId)
            .FirstOrDefaultAsync(b => b.Id == body!.BankAccountId, ct);
        if (bank is null) return Problems.NotFound("bank account", body!.BankAccountId.ToString());
        var now = clock.GetUtcNow();
        var messageId = body!.MessageId ?? "REF" + now.ToString("yyyyMMddHHmmss");
        var ach = body.Ach is { } a ? new AchOrigin(a.ImmediateDestination, a.ImmediateOrigin, a.DestinationName,
            a.OriginName, a.CompanyName, a.CompanyId, a.OdfiRouting) : null;
        PayRefundsResult result;
        try
        {
            result = await new PayRefunds(db, clock, http.User.Identity!.Name!).ExecuteAsync(new PayRefundsRequest(
                bank.Id, body.ExecutionDate ?? DateOnly.FromDateTime(now.UtcDateTime), messageId, ach), ct);
        }
        catch (ArgumentException refused)
        {
            // The payment file writer refuses what its records cannot hold; nothing was posted.
            return new Validation().Check(false, "ach", refused.Message).Problem();
        }
        if (result.Error is { } e)
            return Problems.Refused(e, result.Detail + (result.Skipped.Count > 0
                ? " (" + string.Join("; ", result.Skipped.Take(5)) + ")" : ""));
        var fileName = result.Format == "nacha" ? $"{messageId}.ach" : $"{messageId}.xml";
        return Results.Ok(new RefundRunAnswer(result.Format!, fileName, result.File!, result.Paid, result.Skipped));
    }

    public static bool IsRouting(string? text) =>
        text is { Length: 9 } && text.All(char.IsAsciiDigit) && BankStatements.Nacha.IsValidRouting(text);

    private static async Task<IResult> ReconcileAsync(ReconcileBody? body, O2cDb db, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation()
            .Check(body is not null && body.BankAccountId != Guid.Empty, "bankAccountId", "the account to reconcile")
            .Check(body?.From is null || body.To is null || body.From <= body.To, "from", "on or before 'to'");
        if (!v.IsValid) return v.Problem();
        var bank = await db.BankAccounts.AsNoTracking().Visible(UserScope.Of(http.User), b => b.LegalEntityId)
            .FirstOrDefaultAsync(b => b.Id == body!.BankAccountId, ct);
        if (bank is null) return Problems.NotFound("bank account", body!.BankAccountId.ToString());
        var answer = await RunReconciliationAsync(db, clock, http.User.Identity!.Name!, bank, body!.From, body.To, ct);
        return answer is null ? Problems.Named(422, "InvalidRange", "the range is empty") : Results.Ok(answer);
    }

    public static async Task<ReconcileAnswer?> RunReconciliationAsync(O2cDb db, TimeProvider clock, string actor,
        LegalEntities.BankAccount bank, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var report = await new ReconcileBank(db, clock, actor).ExecuteAsync(bank.AccountNumber, from, to,
            bank.Currency, ct);
        if (report.Run is not { } run) return null;
        var c = Money.Currency.Of(run.Currency);
        decimal Major(long m) => Money.Amounts.ToMajor(m, c);
        return new ReconcileAnswer(run.Id, report.AccountNumber, run.Currency, run.FromDate, run.ToDate,
            run.StatementLines, run.LedgerLines, Major(run.PostedNetMinor), Major(run.IgnoredNetMinor),
            Major(run.LedgerNetMinor), run.IsTiedOut, report.Differences.Select(d => new DifferenceRow(
                d.Kind.ToString(), d.Date, Major(d.AmountMinor), d.Reference, d.Detail)).ToList());
    }
}
