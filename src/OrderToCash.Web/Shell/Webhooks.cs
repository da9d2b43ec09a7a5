using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace OrderToCash.Web.Shell;

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>Where to send events: a URL, the secret that signs payloads, and the events wanted ("*": all).</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; init; }
    public required string Url { get; init; }
    public required string Secret { get; init; }
    public required string Events { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public bool IsActive { get; set; } = true;
}

/// <summary>One event for one subscription, retried with backoff until delivered or given up.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; init; }
    public Guid SubscriptionId { get; init; }
    public required string Event { get; init; }
    public required string Payload { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// Queues events for the subscriptions that want them (rows in the database, so any process may send).
/// </summary>
public static class WebhookEvents
{
    public static async Task PublishAsync(WebDb db, TimeProvider clock, string name, object data, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new { @event = name, at = now, data });
        var subs = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        foreach (var s in subs.Where(s => s.Events == "*" || s.Events.Split(',').Contains(name)))
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(now), SubscriptionId = s.Id, Event = name, Payload = payload,
                NextAttemptAt = now,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>`X-O2C-Signature: sha256=HEX(HMAC-SHA256(secret, body))`.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(body)));
}

/// <summary>
/// Sends due deliveries. A delivery is claimed by pushing its next attempt forward with a conditional update, so
/// several processes on one database never send the same attempt twice.
/// </summary>
public sealed class WebhookSender(DbTarget target, IHttpClientFactory http, TimeProvider clock,
    ILogger<WebhookSender> log) : BackgroundService
{
    public const int MaxAttempts = 8;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try { await SendDueAsync(ct); }
            catch (Exception e)
                when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
            {
                log.LogWarning("webhook sending paused: {Message}", e.Message);
            }
        }
    }

    public async Task SendDueAsync(CancellationToken ct)
    {
        await using var db = target.OpenWeb();
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now).Take(20).ToListAsync(ct);
        foreach (var d in due)
        {
            var lease = now.AddMinutes(5);
            var claimed = await db.WebhookDeliveries.Where(x => x.Id == d.Id && x.NextAttemptAt == d.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, lease), ct);
            if (claimed != 1) continue;
            var sub = await db.WebhookSubscriptions.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == d.SubscriptionId, ct);
            string? error = sub is null ? "subscription removed" : await PostAsync(sub, d, ct);
            var attempts = d.Attempts + 1;
            var status = error is null ? DeliveryStatus.Delivered
                : attempts >= MaxAttempts || sub is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            // Backoff: 10 s, 20 s, 40 s, ... doubling per attempt.
            var next = clock.GetUtcNow().AddSeconds(10 * Math.Pow(2, attempts - 1));
            await db.WebhookDeliveries.Where(x => x.Id == d.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status).SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, error), ct);
        }
    }

    private async Task<string?> PostAsync(WebhookSubscription sub, WebhookDelivery d, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sub.Url)
            {
                Content = new StringContent(d.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-O2C-Event", d.Event);
            request.Headers.Add("X-O2C-Delivery", d.Id.ToString());
            request.Headers.Add("X-O2C-Signature", WebhookEvents.Sign(sub.Secret, d.Payload));
            using var client = http.CreateClient("webhooks");
            client.Timeout = TimeSpan.FromSeconds(10);
            using var response = await client.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }
}
