using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OrderToCash.BankStatements;
using OrderToCash.Data;
using OrderToCash.Ledger;

namespace OrderToCash.CashApplication.Remittances;

/// <param name="Linked">Advices linked to the bank statement line of their payment now.</param>
public sealed record ImportRemittanceResult(string? Format, ImportResult Result, int Linked,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Imports a remittance advice file (CSV or X12 820): stores each advice with its invoice lines, then links it to
/// the statement line of its payment: a credit of the same amount and currency booked within
/// <see cref="DateWindowDays"/> days of the payment date, preferring a line that carries the payment reference;
/// an advice is linked only when exactly one line fits. The matcher reads the invoice lines of linked advices.
/// </summary>
public sealed class ImportRemittance(O2cDb db, TimeProvider clock, string actor)
{
    public const int DateWindowDays = 5;

    public async Task<ImportRemittanceResult> ExecuteAsync(string fileName, string text,
        string defaultCurrency = "EUR", CancellationToken ct = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var parsed = RemittanceFiles.Parse(text, defaultCurrency);
        if (parsed.IsRefused) return new(parsed.Format, ImportResult.Refused(parsed.Problems), 0, parsed.Warnings);
        if (await db.RemittanceAdvices.AnyAsync(a => a.ContentSha256 == hash, ct))
            return new(parsed.Format, ImportResult.AlreadyImported(), 0, parsed.Warnings);
        var linked = 0;
        var taken = new HashSet<Guid>();
        for (var i = 0; i < parsed.Advices.Count; i++)
        {
            var p = parsed.Advices[i];
            var advice = new RemittanceAdvice
            {
                Id = Guid.CreateVersion7(), Format = parsed.Format, FileName = fileName, ContentSha256 = hash,
                Position = i + 1,
                Payer = p.Payer, PaymentReference = p.PaymentReference, PaymentDate = p.PaymentDate,
                AmountMinor = p.AmountMinor, Currency = p.Currency, ImportedAt = clock.GetUtcNow(), ImportedBy = actor,
                Lines = p.Invoices.Select((inv, n) => new RemittanceLine
                {
                    LineNo = n + 1, InvoiceNumber = inv.InvoiceNumber,
                    InvoiceKey = DocumentNumbers.Key(inv.InvoiceNumber),
                    PaidMinor = inv.PaidMinor, BilledMinor = inv.BilledMinor, DiscountMinor = inv.DiscountMinor,
                    AdjustmentMinor = inv.AdjustmentMinor, AdjustmentReason = inv.AdjustmentReason,
                }).ToList(),
            };
            advice.StatementLineId = await PaymentLineAsync(advice, taken, ct);
            if (advice.StatementLineId is { } id) { taken.Add(id); linked++; }
            db.RemittanceAdvices.Add(advice);
        }
        await db.SaveChangesAsync(ct);
        return new(parsed.Format, new ImportResult(false, parsed.Advices.Count, 0, 0, []), linked, parsed.Warnings);
    }

    /// <summary>Links advices that arrived before their payment to the statement lines imported since.</summary>
    public async Task<int> LinkPendingAsync(CancellationToken ct = default)
    {
        var pending = await db.RemittanceAdvices.Where(a => a.StatementLineId == null && a.PaymentDate != null)
            .OrderBy(a => a.ImportedAt).ThenBy(a => a.Position).ToListAsync(ct);
        var taken = new HashSet<Guid>();
        var linked = 0;
        foreach (var advice in pending)
        {
            advice.StatementLineId = await PaymentLineAsync(advice, taken, ct);
            if (advice.StatementLineId is not { } id) continue;
            taken.Add(id);
            linked++;
        }
        if (linked > 0) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return linked;
    }

    private async Task<Guid?> PaymentLineAsync(RemittanceAdvice advice, HashSet<Guid> taken, CancellationToken ct)
    {
        if (advice.PaymentDate is not { } date || advice.AmountMinor <= 0) return null;
        var from = date.AddDays(-DateWindowDays);
        var to = date.AddDays(DateWindowDays);
        var candidates = await db.StatementLines.AsNoTracking()
            .Where(l => l.AmountMinor == advice.AmountMinor && l.Currency == advice.Currency
                && l.BookingDate >= from && l.BookingDate <= to
                && !db.RemittanceAdvices.Any(a => a.StatementLineId == l.Id))
            .Select(l => new { l.Id, l.BankReference, l.EndToEndId, l.Remittance, l.StructuredReferences })
            .Take(100).ToListAsync(ct);
        candidates.RemoveAll(c => taken.Contains(c.Id));
        if (advice.PaymentReference is { Length: > 0 } reference)
        {
            var key = DocumentNumbers.Key(reference);
            var withReference = candidates.Where(c => new[] { c.BankReference, c.EndToEndId, c.Remittance,
                c.StructuredReferences }.Any(t => t is not null && DocumentNumbers.Key(t).Contains(key))).ToList();
            if (withReference.Count == 1) return withReference[0].Id;
            if (withReference.Count > 1) return null;
        }
        return candidates.Count == 1 ? candidates[0].Id : null;
    }
}
