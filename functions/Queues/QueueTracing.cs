using System.Diagnostics;
using Readiness.Core.Telemetry;
using Readiness.Storage;

namespace Readiness.Functions.Queues;

/// <summary>Spans of queue-triggered work that continue the trace of whoever enqueued the message.</summary>
public static class QueueTracing
{
    /// <summary>
    /// A consumer span named <paramref name="name"/>, child of the span the message was enqueued under (its
    /// <see cref="QueueMessageTrace"/>), so an upload's HTTP request, its background processing and the score update it
    /// asks for are one trace. The invocation's own span (the Functions host's) is kept as a link.
    /// </summary>
    public static Activity? StartConsumer(string name, QueueMessageTrace trace, string queue)
    {
        var invocation = Activity.Current;
        var parent = trace.Parent ?? invocation?.Context ?? default;
        ActivityLink[]? links = invocation is not null && trace.Parent is not null ? [new ActivityLink(invocation.Context)] : null;
        var activity = ReadinessTelemetry.ActivitySource.StartActivity(name, ActivityKind.Consumer, parent, links: links);
        activity?.SetTag("messaging.system", "azure_storage_queues").SetTag("messaging.destination.name", queue);
        return activity;
    }
}
