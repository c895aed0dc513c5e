using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Quality;

namespace Readiness.Storage;

/// <summary>
/// The <c>qualityflags</c> table: one row per open finding, partitioned by year, keyed
/// <c>{regency}|{basis}|{subject}</c>. Flat and typed for Power BI, with every column on every row: a statistic that
/// does not apply is NaN, a missing year 0, a missing importance empty.
/// </summary>
public sealed class TableQualityFlags(StorageAccount account) : IQualityFlagStore
{
    private readonly TableClient _table = account.Table(StorageNames.Tables.QualityFlags);

    public async Task ReplaceAsync(int year, IReadOnlyCollection<string> regencyCodes, IReadOnlyList<QualityFinding> findings, DateTimeOffset checkedAt, CancellationToken cancellationToken)
    {
        var byRegency = findings.Where(f => f.Year == year).ToLookup(f => f.RegencyCode, StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            regencyCodes.Where(TableKeys.IsSafe),
            new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken },
            async (regency, ct) =>
            {
                var fresh = byRegency[regency].Select(f => QualityFlagEntity.From(f, checkedAt)).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
                var actions = new List<TableTransactionAction>();
                await foreach (var old in _table.QueryAsync<QualityFlagEntity>(RegencyFilter(year, regency), cancellationToken: ct))
                {
                    if (!fresh.TryGetValue(old.RowKey, out var now))
                    {
                        actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, old, ETag.All));
                    }
                    else if (old.SameAs(now))
                    {
                        // Unchanged flags keep their first-seen time and cost no write.
                        fresh.Remove(old.RowKey);
                    }
                    else
                    {
                        now.FirstFlaggedAt = old.FirstFlaggedAt;
                    }
                }

                actions.AddRange(fresh.Values.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
                foreach (var batch in actions.Chunk(StoreBatch.MaxEntities))
                {
                    await _table.SubmitTransactionAsync(batch, ct);
                }
            });
    }

    public async Task<IReadOnlyList<QualityFinding>> ReadAsync(int year, string? provinceCode, string? regencyCode, CancellationToken cancellationToken)
    {
        string filter;
        if (regencyCode is not null)
        {
            filter = RegencyFilter(year, regencyCode);
        }
        else if (provinceCode is not null)
        {
            // Regency codes are PP.RR: a province's rows lie between "PP." and "PP/" ('/' follows '.').
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(year)} and RowKey ge {provinceCode + "."} and RowKey lt {provinceCode + "/"}");
        }
        else
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(year)}");
        }

        var rows = new List<QualityFinding>();
        await foreach (var e in _table.QueryAsync<QualityFlagEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(e.ToFinding());
        }

        return rows;
    }

    private static string Key(int year) => year.ToString(CultureInfo.InvariantCulture);

    // "{regency}|" up to "{regency}}" ('}' follows '|'), so 13.07 does not match 13.071.
    private static string RegencyFilter(int year, string regency) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {Key(year)} and RowKey ge {regency + "|"} and RowKey lt {regency + "}"}");
}

/// <summary>One row of <c>qualityflags</c>.</summary>
public sealed class QualityFlagEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Year { get; set; }
    public string RegencyCode { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string Code { get; set; } = "";
    public string Basis { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Indicators { get; set; } = "";
    public string Importance { get; set; } = "";
    public double Value { get; set; }
    public double Reference { get; set; } = double.NaN;
    public double Mad { get; set; } = double.NaN;
    public double LowerFence { get; set; } = double.NaN;
    public double UpperFence { get; set; } = double.NaN;
    public double Statistic { get; set; } = double.NaN;
    public int PreviousYear { get; set; }
    public string Message { get; set; } = "";
    public string MessageId { get; set; } = "";
    public DateTimeOffset FirstFlaggedAt { get; set; }
    public DateTimeOffset CheckedAt { get; set; }

    public static QualityFlagEntity From(QualityFinding f, DateTimeOffset checkedAt) => new()
    {
        PartitionKey = f.Year.ToString(CultureInfo.InvariantCulture),
        RowKey = $"{f.RegencyCode}|{f.Key}",
        Year = f.Year,
        RegencyCode = f.RegencyCode,
        ProvinceCode = f.RegencyCode.Split('.')[0],
        Code = f.Code,
        Basis = f.Basis.ToString().ToLowerInvariant(),
        Subject = f.Subject,
        Indicators = f.Indicators,
        Importance = f.Importance?.ToString().ToLowerInvariant() ?? "",
        Value = f.Value,
        Reference = f.Reference ?? double.NaN,
        Mad = f.Mad ?? double.NaN,
        LowerFence = f.LowerFence ?? double.NaN,
        UpperFence = f.UpperFence ?? double.NaN,
        Statistic = f.Statistic ?? double.NaN,
        PreviousYear = f.PreviousYear ?? 0,
        Message = f.Message,
        MessageId = f.MessageIndonesian,
        FirstFlaggedAt = checkedAt,
        CheckedAt = checkedAt,
    };

    /// <summary>Whether the finding is the same (its evidence and texts); the times may differ.</summary>
    public bool SameAs(QualityFlagEntity other) => ToFinding() == other.ToFinding();

    public QualityFinding ToFinding() => new(
        Code, Enum.Parse<FindingBasis>(Basis, ignoreCase: true), RegencyCode, Year, Subject, Indicators, Value, Message, MessageId)
    {
        Importance = Importance.Length == 0 ? null : Enum.Parse<RuleImportance>(Importance, ignoreCase: true),
        Reference = Nullable(Reference),
        Mad = Nullable(Mad),
        LowerFence = Nullable(LowerFence),
        UpperFence = Nullable(UpperFence),
        Statistic = Nullable(Statistic),
        PreviousYear = PreviousYear == 0 ? null : PreviousYear,
    };

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;
}
