namespace OrderToCash.BankStatements;

/// <summary>A field of a fixed-width record: 0-based start column and length.</summary>
public readonly record struct FieldSpan(int Start, int Length)
{
    public string Of(string record) =>
        Start >= record.Length ? "" : record.Substring(Start, Math.Min(Length, record.Length - Start)).Trim();
}

/// <summary>Field positions of a bank's lockbox layout. <see cref="Default"/> is the BAI lockbox layout.</summary>
/// <remarks>Lockbox layouts are bank-specific in practice; override the positions per bank.</remarks>
public sealed record LockboxLayout
{
    public static LockboxLayout Default { get; } = new();

    public FieldSpan HeaderDate { get; init; } = new(23, 6);           // record 1, YYMMDD
    public FieldSpan HeaderDestination { get; init; } = new(3, 10);    // record 1
    public FieldSpan DetailLockbox { get; init; } = new(7, 7);         // record 5
    public FieldSpan DetailDepositDate { get; init; } = new(14, 6);    // record 5, YYMMDD
    public FieldSpan CheckBatch { get; init; } = new(1, 3);            // record 6
    public FieldSpan CheckItem { get; init; } = new(4, 3);
    public FieldSpan CheckAmount { get; init; } = new(7, 10);          // 2 implied decimals
    public FieldSpan CheckRouting { get; init; } = new(17, 9);
    public FieldSpan CheckAccount { get; init; } = new(26, 10);
    public FieldSpan CheckNumber { get; init; } = new(36, 10);
    public FieldSpan CheckDate { get; init; } = new(46, 6);            // MMDDYY
    public FieldSpan CheckRemitter { get; init; } = new(52, 30);
    public FieldSpan OverflowText { get; init; } = new(11, 30);        // record 4
    public FieldSpan BatchTotalCount { get; init; } = new(20, 3);      // record 7
    public FieldSpan BatchTotalAmount { get; init; } = new(23, 10);
    public string Currency { get; init; } = "USD";
}

/// <summary>Streaming parser for BAI lockbox transmissions (records 1/2/5/6/4/7/8/9).</summary>
/// <remarks>
/// One statement per lockbox deposit (record 5 .. 7); each check (record 6) is a credit entry; overflow records
/// 4 carry invoice numbers or memos, which become structured references. Batch totals (record 7) are checked.
/// Records are right-padded, since trailing spaces are often trimmed in transit.
/// </remarks>
public static class Lockbox
{
    public static IEnumerable<ParsedStatement> Read(IEnumerable<TextLine> lines, ParseContext context)
    {
        var layout = context.Options.Lockbox ?? LockboxLayout.Default;
        var scale = context.Scale(layout.Currency, 1);
        var entries = new List<StatementEntry>();
        string? lockbox = null;
        DateOnly? depositDate = null;
        int startLine = 0, trailerLine = 0;
        var sawHeader = false;
        foreach (var line in lines)
        {
            var r = line.Text.TrimEnd();
            if (r.Length == 0) continue;
            if (!sawHeader && r[0] != '1') throw context.Fail(line.Number, "lockbox file does not start with record 1");
            switch (r[0])
            {
                case '1': sawHeader = true; depositDate = ParseContext.Date(layout.HeaderDate.Of(r), "yyMMdd"); break;
                case '2' or '8': break;
                case '5':
                    lockbox = layout.DetailLockbox.Of(r);
                    depositDate = ParseContext.Date(layout.DetailDepositDate.Of(r), "yyMMdd") ?? depositDate;
                    startLine = line.Number;
                    break;
                case '6':
                    var amount = context.ImpliedAmount(layout.CheckAmount.Of(r), 2, scale, line.Number, "check amount");
                    var check = layout.CheckNumber.Of(r);
                    entries.Add(new StatementEntry
                    {
                        BankReference = $"{layout.CheckBatch.Of(r)}-{layout.CheckItem.Of(r)}",
                        CustomerReference = check.TrimStart('0') is { Length: > 0 } c ? c : check,
                        BookingDate = depositDate,
                        ValueDate = ParseContext.Date(layout.CheckDate.Of(r), "MMddyy") ?? depositDate,
                        AmountMinor = amount,
                        Currency = layout.Currency,
                        CounterpartyName = Blank(layout.CheckRemitter.Of(r)),
                        CounterpartyAccount =
                            Blank($"{layout.CheckRouting.Of(r)}/{layout.CheckAccount.Of(r)}".Trim('/')),
                        LineNumber = line.Number,
                    });
                    break;
                case '4':
                    if (entries.Count == 0)
                        throw context.Fail(line.Number, "overflow record 4 before any check record 6");
                    var text = layout.OverflowText.Of(r);
                    var last = entries[^1];
                    entries[^1] = last with
                    {
                        Remittance = last.Remittance is null ? text : last.Remittance + " " + text,
                        StructuredReferences = text.Length == 0 ? last.StructuredReferences
                            : [.. last.StructuredReferences, text],
                    };
                    break;
                case '7':
                    var stated = context.ImpliedAmount(layout.BatchTotalAmount.Of(r), 2, scale, line.Number,
                        "batch total");
                    var sum = entries.Sum(e => e.AmountMinor);
                    context.Integrity(stated == sum, $"line {line.Number}",
                        $"batch total is {OrderToCash.Money.Amounts.Format(stated, scale)} but the checks sum to " +
                        OrderToCash.Money.Amounts.Format(sum, scale));
                    yield return new ParsedStatement
                    {
                        Account = lockbox, Currency = layout.Currency, StatementId = lockbox, FromDate = depositDate,
                        ToDate = depositDate, Entries = entries.ToList(), LineNumber = startLine,
                    };
                    entries.Clear();
                    break;
                case '9': trailerLine = line.Number; break;
                default: throw context.Fail(line.Number, $"unknown lockbox record type '{r[0]}'");
            }
        }
        if (entries.Count > 0) throw context.Fail(startLine, "checks without a batch total record 7 (file truncated?)");
        if (trailerLine == 0) throw context.Fail(startLine, "no trailer record 9 (file truncated?)");
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
