using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace Readiness.Functions.Queues;

/// <summary>What the queue trigger says about a delivery, and the queue settings the functions rely on.</summary>
public static class QueueDelivery
{
    /// <summary>host.json <c>extensions.queues.maxDequeueCount</c>: deliveries of a message before the host moves it
    /// to the poison queue. The worker cannot read host.json, so the value is repeated here (a test keeps the two equal).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Messages longer than this are cut in logs.</summary>
    public const int LoggedMessageLength = 1000;

    /// <summary>How often this message has been delivered, counting this delivery; null when the trigger does not say.</summary>
    public static long? DequeueCount(FunctionContext context) =>
        context.BindingContext?.BindingData is { } data && data.TryGetValue("DequeueCount", out var value)
            && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;

    /// <summary>A message as it may be written to a log: cut to <see cref="LoggedMessageLength"/> characters.</summary>
    public static string ForLog(string? message) =>
        message is null ? "" : message.Length <= LoggedMessageLength ? message : message[..LoggedMessageLength] + "…";
}
