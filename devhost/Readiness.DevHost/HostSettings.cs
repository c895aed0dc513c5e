using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Readiness.DevHost;

/// <summary>
/// The parts of the app's <c>host.json</c> the local host honours: the HTTP route prefix and the queue trigger's
/// settings. Absent values take the Functions host's defaults.
/// </summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues)
{
    public const string FileName = "host.json";

    public static HostSettings Defaults { get; } = new("api", QueueSettings.Defaults);

    /// <summary>The host.json next to the running binary (the functions project copies it to its build output, and it
    /// flows to the host's); the defaults without one.</summary>
    public static HostSettings Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path)) : Defaults;
    }

    public static HostSettings Parse(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var extensions = root?["extensions"];
        var prefix = extensions?["http"]?["routePrefix"]?.GetValue<string>() ?? Defaults.RoutePrefix;
        var queues = extensions?["queues"];
        var defaults = QueueSettings.Defaults;
        return new HostSettings(
            prefix.Trim('/'),
            new QueueSettings(
                Int(queues?["batchSize"]) ?? defaults.BatchSize,
                Int(queues?["newBatchThreshold"]) ?? defaults.NewBatchThreshold,
                Int(queues?["maxDequeueCount"]) ?? defaults.MaxDequeueCount,
                Time(queues?["visibilityTimeout"]) ?? defaults.VisibilityTimeout,
                Time(queues?["maxPollingInterval"]) ?? defaults.MaxPollingInterval));
    }

    private static int? Int(JsonNode? node) => node?.GetValue<int>();

    private static TimeSpan? Time(JsonNode? node) =>
        node is null ? null : TimeSpan.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture);
}

/// <summary>host.json <c>extensions.queues</c>, with the Functions host's defaults.</summary>
public sealed record QueueSettings(int BatchSize, int NewBatchThreshold, int MaxDequeueCount, TimeSpan VisibilityTimeout, TimeSpan MaxPollingInterval)
{
    public static QueueSettings Defaults { get; } = new(16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1));
}
