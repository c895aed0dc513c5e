using System.Text.Json;
using Azure.Storage.Queues;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Score recomputation requests on the <c>score-requests</c> queue: <c>{"years":[2024],"reason":"…"}</c>.</summary>
public sealed class QueueScoreRequests(StorageAccount account) : IScoreRequests
{
    private readonly QueueClient _queue = account.Queue(StorageNames.Queues.Scores);

    public async Task RequestAsync(IReadOnlyCollection<int> years, string reason, CancellationToken cancellationToken)
    {
        if (years.Count == 0)
        {
            return;
        }

        await _queue.SendMessageAsync(JsonSerializer.Serialize(new ScoreRequestMessage([.. years.Order()], reason)), cancellationToken);
    }
}

/// <summary>The body of a score request message.</summary>
public sealed record ScoreRequestMessage(
    [property: System.Text.Json.Serialization.JsonPropertyName("years")] int[] Years,
    [property: System.Text.Json.Serialization.JsonPropertyName("reason")] string Reason);
