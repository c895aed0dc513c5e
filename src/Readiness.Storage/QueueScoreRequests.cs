using System.Text.Json;
using Azure.Storage.Queues;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Score recomputation requests on the <c>score-requests</c> queue: <c>{"years":[2024],"reason":"…"}</c>, with
/// the requesting span's trace context (<see cref="QueueMessageTrace"/>), so the score update joins the upload's trace.</summary>
public sealed class QueueScoreRequests(StorageAccount account, TimeProvider? clock = null) : IScoreRequests
{
    /// <summary>How long a rank-only request stays invisible: uploads scored meanwhile share its one re-rank.</summary>
    public static readonly TimeSpan RankDelay = TimeSpan.FromSeconds(15);

    private readonly QueueClient _queue = account.Queue(StorageNames.Queues.Scores);

    public async Task RequestAsync(ScoreRequest request, CancellationToken cancellationToken)
    {
        if (request.Years.Count == 0)
        {
            return;
        }

        var body = QueueMessageTrace.Current((clock ?? TimeProvider.System).GetUtcNow()).AddTo(ScoreRequestMessage.Serialize(request));
        await _queue.SendMessageAsync(body, visibilityTimeout: request.RankOnly ? RankDelay : null, cancellationToken: cancellationToken);
    }
}

/// <summary>The body of a score request message: <c>{"years":[2024],"regencies":["13.07"],"reason":"upload …"}</c>.</summary>
public static class ScoreRequestMessage
{
    public static string Serialize(ScoreRequest request) => JsonSerializer.Serialize(request, WebJson.Options);

    /// <summary>Reads a message; null when it is not a score request (a poison message to drop, not retry).</summary>
    public static ScoreRequest? TryParse(string body)
    {
        try
        {
            var request = JsonSerializer.Deserialize<ScoreRequest>(body, WebJson.Options);
            return request is { Years: not null } ? request with { Regencies = request.Regencies ?? [], Reason = request.Reason ?? "" } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
