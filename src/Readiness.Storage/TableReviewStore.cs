using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Review;

namespace Readiness.Storage;

/// <summary>
/// A row of <c>reviews</c>: PartitionKey = year, RowKey = regency code for the state, <c>{regency}|{sequence:D6}</c>
/// for each step of its history. One partition per year, so a state change and its history step are written in one
/// entity-group transaction (atomic), conditional on the state's ETag, and a year's work list is one partition query.
/// </summary>
public sealed class ReviewEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Regency { get; set; } = "";
    public int Year { get; set; }

    /// <summary>State rows: the state, the lock exception, the pending-submission marker, the history length.</summary>
    public string? State { get; set; }
    public string? UnlockedUntil { get; set; }
    public DateTimeOffset? SubmittingSince { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public int Transitions { get; set; }

    /// <summary>History rows: one step, flat for Power BI and people reading the table.</summary>
    public int? Sequence { get; set; }
    public string? Action { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public DateTimeOffset? At { get; set; }
    public string? By { get; set; }
    public string? Role { get; set; }
    public string? Comment { get; set; }
}

public sealed class TableReviewStore(StorageAccount account) : IReviewStore
{
    private const char HistorySeparator = '|';

    private readonly TableClient _table = account.Table(StorageNames.Tables.Reviews);

    public async Task<RegencyYearReview?> GetAsync(string regencyCode, int year, bool withHistory, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafe(regencyCode))
        {
            return null;
        }

        var partition = Partition(year);
        if (!withHistory)
        {
            var state = await _table.GetEntityIfExistsAsync<ReviewEntity>(partition, regencyCode, cancellationToken: cancellationToken);
            return state.HasValue ? FromState(state.Value!, []) : null;
        }

        // The state row and its history rows are one key range: "13.07" ≤ key < "13.07}" ('}' sorts after '|').
        ReviewEntity? found = null;
        var history = new List<ReviewTransition>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {regencyCode} and RowKey lt {regencyCode + "}"}");
        await foreach (var e in _table.QueryAsync<ReviewEntity>(filter, cancellationToken: cancellationToken))
        {
            if (e.RowKey == regencyCode)
            {
                found = e;
            }
            else if (e.RowKey.StartsWith(regencyCode + HistorySeparator, StringComparison.Ordinal))
            {
                history.Add(ToTransition(e));
            }
        }

        return found is null ? null : FromState(found, [.. history.OrderBy(t => t.Sequence)]);
    }

    public async Task<IReadOnlyList<RegencyYearReview>> ListAsync(int year, string? provinceCode, bool withHistory, CancellationToken cancellationToken)
    {
        var partition = Partition(year);
        // A province's regency codes are "13.xx": the key range "13." ≤ key < "13/" ('/' follows '.'), history rows too.
        var filter = provinceCode is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {provinceCode + "."} and RowKey lt {provinceCode + "/"}");
        var states = new List<ReviewEntity>();
        var histories = new Dictionary<string, List<ReviewTransition>>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<ReviewEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!e.RowKey.Contains(HistorySeparator, StringComparison.Ordinal))
            {
                states.Add(e);
            }
            else if (withHistory)
            {
                var regency = e.RowKey[..e.RowKey.IndexOf(HistorySeparator, StringComparison.Ordinal)];
                if (!histories.TryGetValue(regency, out var steps))
                {
                    histories[regency] = steps = [];
                }

                steps.Add(ToTransition(e));
            }
        }

        return [.. states.Select(e => FromState(e, histories.TryGetValue(e.RowKey, out var steps) ? [.. steps.OrderBy(t => t.Sequence)] : []))];
    }

    public async Task<RegencyYearReview> SaveAsync(RegencyYearReview review, ReviewTransition? transition, CancellationToken cancellationToken)
    {
        var partition = Partition(review.Year);
        var transitions = review.Transitions + (transition is null ? 0 : 1);
        var state = new ReviewEntity
        {
            PartitionKey = partition,
            RowKey = review.RegencyCode,
            Regency = review.RegencyCode,
            Year = review.Year,
            State = review.State.ToString(),
            UnlockedUntil = review.UnlockedUntil is { } until ? ReportingPeriod.Format(until) : null,
            SubmittingSince = review.SubmittingSince,
            ChangedAt = transition?.At ?? review.ChangedAt,
            Transitions = transitions,
        };
        var actions = new List<TableTransactionAction>
        {
            review.Version is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(review.Version)),
        };
        if (transition is not null)
        {
            // Add, never upsert: a history step is written once and nothing replaces it.
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(review, transition with { Sequence = transitions })));
        }

        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new WriteConflictException($"The review of {review.RegencyCode} {review.Year} changed meanwhile ({e.ErrorCode}).", e);
        }

        var etag = response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered without an ETag.");
        return review with
        {
            Version = etag,
            Transitions = transitions,
            ChangedAt = state.ChangedAt,
            History = transition is null ? review.History : [.. review.History, transition with { Sequence = transitions }],
        };
    }

    private static string Partition(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static ReviewEntity ToEntity(RegencyYearReview review, ReviewTransition t) => new()
    {
        PartitionKey = Partition(review.Year),
        RowKey = string.Create(CultureInfo.InvariantCulture, $"{review.RegencyCode}{HistorySeparator}{t.Sequence:D6}"),
        Regency = review.RegencyCode,
        Year = review.Year,
        Sequence = t.Sequence,
        Action = t.Action.Name(),
        From = t.From.ToString(),
        To = t.To.ToString(),
        At = t.At,
        By = t.By,
        Role = t.Role,
        Comment = t.Comment,
        UnlockedUntil = t.UnlockedUntil is { } until ? ReportingPeriod.Format(until) : null,
    };

    private static ReviewTransition ToTransition(ReviewEntity e) => new(
        e.Sequence ?? 0,
        ReviewNames.TryParseAction(e.Action, out var action) ? action : throw new JsonException($"Unknown review action '{e.Action}' in {e.RowKey}."),
        Enum.Parse<ReviewState>(e.From ?? nameof(ReviewState.Open)),
        Enum.Parse<ReviewState>(e.To ?? nameof(ReviewState.Open)),
        e.At ?? e.Timestamp ?? DateTimeOffset.MinValue,
        e.By ?? "",
        e.Role ?? "",
        e.Comment,
        Day(e.UnlockedUntil));

    private static RegencyYearReview FromState(ReviewEntity e, IReadOnlyList<ReviewTransition> history) => new(e.Regency, e.Year)
    {
        State = Enum.Parse<ReviewState>(e.State ?? nameof(ReviewState.Open)),
        UnlockedUntil = Day(e.UnlockedUntil),
        SubmittingSince = e.SubmittingSince,
        ChangedAt = e.ChangedAt,
        Transitions = e.Transitions,
        History = history,
        Version = e.ETag.ToString(),
    };

    private static DateOnly? Day(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
