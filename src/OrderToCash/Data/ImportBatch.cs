namespace OrderToCash.Data;

/// <summary>A file imported once: its content hash under a unique index makes a second import a no-op.</summary>
public sealed class ImportBatch
{
    public Guid Id { get; init; }
    public required string Kind { get; init; }
    public required string ContentSha256 { get; init; }
    public required string FileName { get; init; }
    public int Rows { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
}
