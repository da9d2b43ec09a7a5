using System.Text.Json;
using System.Text.Json.Serialization;
using OrderToCash.Data;

namespace OrderToCash.Audit;

/// <summary>Adds audit events to the caller's unit of work, so the change and its record commit together.</summary>
public sealed class AuditTrail(O2cDb db, TimeProvider clock, string actor)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Actor => actor;

    public void Record(string action, string entityType, string entityId, object? before, object? after,
        string? legalEntityId = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = clock.GetUtcNow(), Actor = actor, Action = action, EntityType = entityType, EntityId = entityId,
            LegalEntityId = legalEntityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });

    /// <summary>The changed fields only, as (before, after) dictionaries; null when nothing changed.</summary>
    public static (Dictionary<string, object?> Before, Dictionary<string, object?> After)? Diff<T>(T before, T after)
    {
        var b = new Dictionary<string, object?>();
        var a = new Dictionary<string, object?>();
        foreach (var p in typeof(T).GetProperties())
        {
            if (!p.CanRead || p.GetIndexParameters().Length > 0) continue;
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            if (!(type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
                  || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(Guid))) continue;
            var x = p.GetValue(before);
            var y = p.GetValue(after);
            if (Equals(x, y)) continue;
            b[p.Name] = x;
            a[p.Name] = y;
        }
        return a.Count == 0 ? null : (b, a);
    }
}
