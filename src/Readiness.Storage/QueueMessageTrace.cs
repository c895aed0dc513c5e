using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Readiness.Storage;

/// <summary>
/// The W3C trace context a queue message carries (<c>traceparent</c>, <c>tracestate</c>) and when it was enqueued
/// (<c>enqueuedAt</c>), beside the message's own fields: storage queues carry no headers, so the producer's span
/// (an HTTP upload, say) is written into the body and the consumer continues the same trace from it. Messages
/// without these fields (older ones, hand-written ones) are read as before, with no parent.
/// </summary>
public sealed record QueueMessageTrace(string? TraceParent, string? TraceState, DateTimeOffset? EnqueuedAt)
{
    public const string TraceParentField = "traceparent";
    public const string TraceStateField = "tracestate";
    public const string EnqueuedAtField = "enqueuedAt";

    /// <summary>The current span's context (none outside a span), enqueued at <paramref name="now"/>.</summary>
    public static QueueMessageTrace Current(DateTimeOffset now) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? new QueueMessageTrace(activity.Id, activity.TraceStateString, now)
            : new QueueMessageTrace(null, null, now);

    /// <summary>The producer's span context, when the message carries a valid one.</summary>
    public ActivityContext? Parent =>
        TraceParent is not null && ActivityContext.TryParse(TraceParent, TraceState, isRemote: true, out var context) ? context : null;

    /// <summary>A message body (a JSON object) with these fields added.</summary>
    public string AddTo(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        if (TraceParent is not null)
        {
            json[TraceParentField] = TraceParent;
        }

        if (!string.IsNullOrEmpty(TraceState))
        {
            json[TraceStateField] = TraceState;
        }

        if (EnqueuedAt is { } at)
        {
            json[EnqueuedAtField] = at;
        }

        return json.ToJsonString();
    }

    /// <summary>The fields of a message body; empty when it has none or is not JSON.</summary>
    public static QueueMessageTrace Read(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                return new QueueMessageTrace(
                    Text(json, TraceParentField),
                    Text(json, TraceStateField),
                    DateTimeOffset.TryParse(Text(json, EnqueuedAtField), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null);
            }
        }
        catch (JsonException)
        {
        }

        return new QueueMessageTrace(null, null, null);
    }

    private static string? Text(JsonObject json, string field) =>
        json[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
