using System.Text;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using OrderToCash.CashApplication;
using OrderToCash.Data;
using OrderToCash.Web.Shell;

namespace OrderToCash.Web.CashApplication;

public sealed record AcceptAnswer(string Result, Guid EntryId);

/// <summary>
/// The cash application workbench's API: imported statements and their lines with the stored proposals, the
/// exception queue, the run, accepting a suggestion, and applications.csv. Reads for cash application, its team lead
/// and the auditor; writes for cash application only. Everything is scoped to the person's entities.
/// </summary>
public static class StatementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/").WithTags("CashApplication");
        g.MapGet("/statements", StatementsAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("Imported bank statements, newest first, with line counts per status");
        g.MapGet("/statements/{id:guid}/lines", LinesAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("A statement's lines with their stored proposals (invoice, amount, confidence, reason)");
        g.MapGet("/cash-application/exceptions", ExceptionsAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("Receipts a person still decides (suggested, unidentified, unapplied, wrong pocket), " +
                         "largest first, then oldest; ?search= (reference, payer, remittance, customer), " +
                         "?sort=amount|date|status|payer|customer&desc=true");
        g.MapGet("/cash-application/exceptions/export.xlsx", ExportExceptionsAsync)
            .RequireAuthorization(Duties.ReviewCash)
            .WithSummary("The exception queue as an Excel workbook (same filters and sort, first 100,000 rows)");
        g.MapGet("/cash-application/applications.csv", ApplicationsCsvAsync).RequireAuthorization(Duties.ReviewCash)
            .WithSummary("applications.csv: one row per statement entry and invoice");
        g.MapPost("/cash-application/run", RunAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Run cash application over the receipts of your entities; answers the summary");
        g.MapPost("/cash-application/lines/{id:guid}/accept", AcceptAsync).RequireAuthorization(Duties.ApplyCash)
            .WithSummary("Accept a suggested line: identify the payer if needed and apply the stored proposal");
    }

    private static IResult? CheckPaging(string? cursor, int? limit)
    {
        var v = new Validation()
            .Check(Paging.IsValid(cursor), "cursor", "not a cursor this API returned")
            .Check(limit is null or (>= 1 and <= Paging.MaxLimit), "limit", $"between 1 and {Paging.MaxLimit}");
        return v.IsValid ? null : v.Problem();
    }

    private static IReadOnlyCollection<string>? Entities(UserScope scope) => scope.All ? null : scope.Entities;

    private static async Task<IResult> StatementsAsync(O2cDb db, HttpContext http, string? cursor, int? limit,
        CancellationToken ct)
    {
        if (CheckPaging(cursor, limit) is { } bad) return bad;
        var page = await Paging.ReadAsync(StatementList.Statements(db, UserScope.Of(http.User)), cursor, limit, ct);
        return Results.Ok(new Page<StatementRow>(await StatementList.ToRowsAsync(db, page.Items, ct),
            page.NextCursor));
    }

    private static async Task<IResult> LinesAsync(Guid id, O2cDb db, HttpContext http, string? cursor, int? limit,
        CancellationToken ct)
    {
        if (CheckPaging(cursor, limit) is { } bad) return bad;
        var scope = UserScope.Of(http.User);
        if (!await db.BankStatements.AsNoTracking().Visible(scope, s => s.LegalEntityId).AnyAsync(s => s.Id == id, ct))
            return Problems.NotFound("statement", id.ToString());
        var page = await Paging.ReadAsync(StatementList.Lines(db, scope, id), cursor, limit, ct);
        return Results.Ok(new Page<LineRow>(await StatementList.ToRowsAsync(db, page.Items, ct), page.NextCursor));
    }

    private static async Task<IResult> ExceptionsAsync(O2cDb db, HttpContext http, string? cursor, int? limit,
        string? search, string? sort, bool? desc, CancellationToken ct)
    {
        if (CheckPaging(cursor, limit) is { } bad) return bad;
        if (sort is not null && !StatementList.ExceptionSorts.Contains(sort))
            return new Validation().Check(false, "sort", string.Join(", ", StatementList.ExceptionSorts)).Problem();
        var page = await Paging.ReadAsync(StatementList.Exceptions(db, UserScope.Of(http.User), search, sort,
            desc ?? false), cursor, limit, ct);
        return Results.Ok(new Page<LineRow>(await StatementList.ToRowsAsync(db, page.Items, ct), page.NextCursor));
    }

    /// <summary>Rows per Excel export, like the customer list's.</summary>
    public const int ExportMax = 100_000;

    private static async Task<IResult> ExportExceptionsAsync(O2cDb db, HttpContext http, string? search, string? sort,
        bool? desc, CancellationToken ct)
    {
        var lines = await StatementList.Exceptions(db, UserScope.Of(http.User), search,
            sort is not null && StatementList.ExceptionSorts.Contains(sort) ? sort : null, desc ?? false)
            .Take(ExportMax).ToListAsync(ct);
        var stream = new MemoryStream();
        await stream.SaveAsAsync(lines.Select(l => new
        {
            legal_entity = l.LegalEntityId, booking_date = l.BookingDate.ToString("yyyy-MM-dd"),
            amount = Money.Amounts.ToMajor(l.AmountMinor, Money.Currency.Of(l.Currency)), currency = l.Currency,
            status = StatementList.Name(l.Status), bank_reference = l.BankReference, payer = l.CounterpartyName,
            payer_account = l.CounterpartyAccount, remittance = l.Remittance, customer_id = l.CustomerId,
        }), sheetName: "Exceptions", cancellationToken: ct);
        stream.Position = 0;
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "cash-exceptions.xlsx");
    }

    private static async Task<IResult> ApplicationsCsvAsync(O2cDb db, HttpContext http, CancellationToken ct)
    {
        var rows = await new ExportApplications(db).ExecuteAsync(ct, Entities(UserScope.Of(http.User)));
        return Results.File(Encoding.UTF8.GetBytes(ApplicationsCsv.Format(rows)), "text/csv; charset=utf-8",
            "applications.csv");
    }

    private static async Task<IResult> RunAsync(O2cDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var summary = await new RunCashApplication(db, clock, http.User.Identity!.Name!)
            .ExecuteAsync(ct: ct, legalEntityIds: Entities(UserScope.Of(http.User)));
        return Results.Ok(summary);
    }

    private static async Task<IResult> AcceptAsync(Guid id, O2cDb db, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await db.StatementLines.AsNoTracking().Visible(UserScope.Of(http.User), l => l.LegalEntityId)
                .AnyAsync(l => l.Id == id, ct))
            return Problems.NotFound("statement line", id.ToString());
        var outcome = await new AcceptSuggestion(db, clock, http.User.Identity!.Name!).ExecuteAsync(id, ct);
        if (outcome.Error is { } e)
            return Problems.Refused(e, outcome.Detail, conflict: e == AcceptSuggestionError.NotSuggested);
        return Results.Ok(new AcceptAnswer(outcome.WasAlreadyApplied ? "already_applied" : "applied",
            outcome.EntryId!.Value));
    }
}
