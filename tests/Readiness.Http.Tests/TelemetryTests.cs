using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Readiness.Core.Ports;
using Readiness.Core.Telemetry;
using Readiness.DevHost;
using Readiness.Functions.Http;
using Readiness.Functions.Timers;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>
/// The app's telemetry as the worker sends it, caught with OpenTelemetry's in-memory exporter on the exporters' side
/// of the app's own registration (<c>AddReadinessFunctions</c>): one background upload over Azurite through the local
/// host is one trace from its HTTP request through the upload queue to the score update, and it is counted; an
/// invalid upload counts its errors by code; no log record carries a key or the storage connection string. The
/// <c>source</c> of the upload metrics tells the portal from API clients, and a replay or recovery from the upload.
/// </summary>
public class TelemetryTests
{
    [Fact]
    public async Task UploadSource_IsPortalFromThePortal_HttpFromAnApiClient_ReplayForAReplayOrARecovery_NotForARedelivery()
    {
        var spans = new Synchronized<Activity>();
        var metrics = new Synchronized<MetricSnapshot>();
        var logs = new Synchronized<LogRecord>();
        var die = new DieAt(ImportCheckpoints.Write(1));
        var settings = HostSettings.Load();
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Information,
            // A failed delivery is retried at once, so the redelivery does not wait for host.json's visibility timeout.
            Host = settings with { Queues = settings.Queues with { VisibilityTimeout = TimeSpan.FromMilliseconds(50), MaxPollingInterval = TimeSpan.FromMilliseconds(200) } },
            Settings = new Dictionary<string, string?> { ["Readiness:RecoverAfterSeconds"] = "0" },
            ConfigureServices = services =>
            {
                services.AddSingleton<IImportCheckpoints>(die);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
                services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs));
            },
        });
        var officerKey = await host.CreateKeyAsync(ApiHostFixture.Regency);
        using var officer = host.ClientWithKey(officerKey);
        using var admin = host.ClientWithKey(host.AdminKey);
        var year = 2018;
        Task<HttpResponseMessage> PostAsync(bool portal, string options = "")
        {
            // Each upload a year of its own, so each imports its values.
            var csv = $"indicator_code,period,value\nGOV-01,{year},71.5\nGOV-02,{year++},2.5\n";
            var request = new HttpRequestMessage(HttpMethod.Post, "api/regencies/13.07/uploads" + options) { Content = ApiHostFixture.Csv(csv) };
            if (portal)
            {
                request.Headers.Add(UploadOptions.ClientHeader, "portal");
            }

            return officer.SendAsync(request);
        }

        async Task<JsonElement> LatestAsync()
        {
            using var list = await officer.GetAsync("api/regencies/13.07/uploads?top=1");
            return (await ApiHostFixture.JsonAsync(list)).GetProperty("uploads")[0];
        }

        // An API client's upload and the portal's, processed while they wait.
        using (var api = await PostAsync(portal: false))
        {
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("http", (await ApiHostFixture.JsonAsync(api)).GetProperty("upload").GetProperty("source").GetString());
        }

        using (var fromPortal = await PostAsync(portal: true))
        {
            Assert.Equal(HttpStatusCode.OK, fromPortal.StatusCode);
            Assert.Equal("portal", (await ApiHostFixture.JsonAsync(fromPortal)).GetProperty("upload").GetProperty("source").GetString());
        }

        // A portal upload whose process dies before its first write stays Writing; the admin replays it.
        die.Armed = true;
        using (var interrupted = await PostAsync(portal: true))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, interrupted.StatusCode);
        }

        var stuck = await LatestAsync();
        Assert.Equal("Writing", stuck.GetProperty("status").GetString());
        var replayedId = stuck.GetProperty("uploadId").GetString()!;
        using var replay = await admin.PostAsync($"api/regencies/13.07/uploads/{replayedId}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await PollAsync(officer, replay.Headers.Location!);
        Assert.Equal(("Completed", "portal"), (replayed.GetProperty("status").GetString(), replayed.GetProperty("source").GetString()));

        // An API upload interrupted the same way, re-driven by the recovery timer.
        die.Armed = true;
        using (var interrupted = await PostAsync(portal: false))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, interrupted.StatusCode);
        }

        var recoveredId = (await LatestAsync()).GetProperty("uploadId").GetString()!;
        using (var scope = host.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<UploadRecoveryTimer>(scope.ServiceProvider).Run(new TimerInfo(), CancellationToken.None);
        }

        var recovered = await PollAsync(officer, new Uri(UploadFunctions.StatusLocation("13.07", recoveredId), UriKind.Relative));
        Assert.Equal(("Completed", "http"), (recovered.GetProperty("status").GetString(), recovered.GetProperty("source").GetString()));

        // A background API upload whose first delivery dies: the queue delivers the same message again. Not a replay.
        // (Armed before: receiving it reaches no write checkpoint, its first delivery does.)
        die.Armed = true;
        using var accepted = await PostAsync(portal: false, "?async=true");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var redelivered = await PollAsync(officer, accepted.Headers.Location!);
        Assert.Equal(("Completed", 2), (redelivered.GetProperty("status").GetString(), redelivered.GetProperty("attempts").GetInt32()));
        await host.WaitForQueuesEmptyAsync();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<LoggerProvider>().ForceFlush();

        // The Meter is process-wide: a late upload of another test's host may add to `http`, never to `portal` or
        // `replay` (no other test finishes one), so those are exact and the API uploads are in neither.
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "completed"), ("source", "portal")));
        Assert.Equal(2, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "completed"), ("source", "replay")));
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("source", "portal")));
        Assert.Equal(2, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("source", "replay")));
        Assert.Equal(2, Sum(metrics, ReadinessTelemetry.Metrics.UploadValues, ("change", "imported"), ("source", "portal")));
        Assert.Equal(4, Sum(metrics, ReadinessTelemetry.Metrics.UploadValues, ("change", "imported"), ("source", "replay")));
        Assert.True(Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "completed"), ("source", "http")) >= 2);
        Assert.True(Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "queued"), ("source", "http")) >= 1);
        Assert.True(Sum(metrics, ReadinessTelemetry.Metrics.UploadValues, ("change", "imported"), ("source", "http")) >= 4);
        Assert.True(Count(metrics, ReadinessTelemetry.Metrics.Processing, ("outcome", "error")) >= 1);

        // The background runs: the replay and the recovery are marked, both deliveries of the redelivered upload are not.
        var redeliveredId = redelivered.GetProperty("uploadId").GetString()!;
        var processed = spans.Snapshot()
            .Where(s => s.DisplayName == "upload process" && s.GetTagItem(ReadinessTelemetry.Tags.UploadId) is string id && new[] { replayedId, recoveredId, redeliveredId }.Contains(id))
            .ToList();
        Assert.Equal([replayedId, recoveredId], processed.Where(s => Equals(s.GetTagItem("readiness.replay"), true)).Select(s => (string)s.GetTagItem(ReadinessTelemetry.Tags.UploadId)!));
        Assert.Equal([redeliveredId, redeliveredId], processed.Where(s => Equals(s.GetTagItem("readiness.replay"), false)).Select(s => (string)s.GetTagItem(ReadinessTelemetry.Tags.UploadId)!));

        // The replay path's logs name the upload, the regency, who sent it and who replayed it; never a secret.
        var records = logs.Snapshot();
        var keyId = replayed.GetProperty("keyId").GetString();
        Assert.StartsWith("key:", keyId, StringComparison.Ordinal);
        var replayLog = Assert.Single(records, r => Attribute(r, "Caller") is not null && Attribute(r, "UploadId") == replayedId);
        Assert.Equal(("13.07", keyId), (Attribute(replayLog, "Regency"), Attribute(replayLog, "KeyId")));
        Assert.StartsWith("key:", Attribute(replayLog, "Caller"), StringComparison.Ordinal);
        Assert.NotEqual(keyId, Attribute(replayLog, "Caller"));
        foreach (var id in new[] { replayedId, recoveredId })
        {
            Assert.Contains(records, r => Attribute(r, "UploadId") == id && Attribute(r, "Regency") == "13.07" && Attribute(r, "KeyId") == keyId && Attribute(r, "Replay") == "True");
        }

        AssertNoSecret(records, officerKey, host.AdminKey);
    }

    [Fact]
    public async Task BackgroundUpload_IsOneTraceFromItsRequestToTheScoreUpdate_AndIsCountedByOutcomeAndSource()
    {
        var spans = new Synchronized<Activity>();
        var metrics = new Synchronized<MetricSnapshot>();
        var logs = new Synchronized<LogRecord>();
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Information,
            ConfigureServices = services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
                services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs));
            },
        });
        var officerKey = await host.CreateKeyAsync(ApiHostFixture.Regency);
        using var officer = host.ClientWithKey(officerKey);

        using var accepted = await officer.PostAsync("api/regencies/13.07/uploads?async=true", new ByteArrayContent(ApiHostFixture.SampleFile));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var upload = await PollAsync(officer, accepted.Headers.Location!);
        Assert.Equal("Completed", upload.GetProperty("status").GetString());
        var uploadId = upload.GetProperty("uploadId").GetString()!;
        // This upload's score computation: the instruments are process-wide, so a span of another test's host may end here too.
        var scored = await WaitForAsync(() =>
        {
            var all = spans.Snapshot();
            var trace = all.FirstOrDefault(s => s.DisplayName == "upload process" && Equals(s.GetTagItem(ReadinessTelemetry.Tags.UploadId), uploadId))?.TraceId;
            return trace is null ? null : all.FirstOrDefault(s => s.DisplayName == "score regencies" && s.TraceId == trace);
        });
        using var invalid = await officer.PostAsync("api/regencies/13.07/uploads", ApiHostFixture.Csv("indicator_code,period,value\nNOPE-01,2024,1\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        using var refused = await officer.PostAsync("api/regencies/31.71/uploads", ApiHostFixture.Csv("indicator_code,period,value\nGOV-01,2024,1\n"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<LoggerProvider>().ForceFlush();

        // One trace: the HTTP request (the host's span), the background processing, the score update it asked for.
        var process = Assert.Single(spans.Snapshot(), s => s.DisplayName == "upload process");
        var request = Assert.Single(spans.Snapshot(), s => s.SpanId == process.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        Assert.Equal(uploadId, process.GetTagItem(ReadinessTelemetry.Tags.UploadId));
        Assert.Equal("13.07", process.GetTagItem(ReadinessTelemetry.Tags.Regency));
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        var update = Assert.Single(spans.Snapshot(), s => s.SpanId == scored.ParentSpanId);
        Assert.Equal("score update", update.DisplayName);
        Assert.Equal(process.SpanId, update.ParentSpanId);
        Assert.All([process, update, scored], s => Assert.Equal(request.TraceId, s.TraceId));

        var values = upload.GetProperty("values").GetInt32();
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "queued"), ("source", "http")));
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "completed"), ("source", "http")));
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.Uploads, ("outcome", "rejected"), ("source", "http")));
        Assert.Equal(values, Sum(metrics, ReadinessTelemetry.Metrics.UploadValues, ("change", "imported")));
        Assert.Equal(1, Sum(metrics, ReadinessTelemetry.Metrics.ValidationErrors, ("code", "unknown-indicator")));
        Assert.Equal(1, Count(metrics, ReadinessTelemetry.Metrics.QueueWait));
        Assert.Equal(1, Count(metrics, ReadinessTelemetry.Metrics.Processing, ("outcome", "completed")));
        Assert.True(Count(metrics, ReadinessTelemetry.Metrics.ScoreDuration, ("kind", "regencies")) >= 1);
        Assert.True(Sum(metrics, ReadinessTelemetry.Metrics.ScoreRows, ("kind", "regencies")) >= 1);

        // Structured properties, never a secret.
        var records = logs.Snapshot();
        Assert.Contains(records, r => Attribute(r, "UploadId") == uploadId && Attribute(r, "Regency") == "13.07");
        var refusal = Assert.Single(records, r => r.Attributes?.Any(a => a.Key == "Caller") == true && Attribute(r, "Function") == "PostUpload");
        Assert.DoesNotContain(officerKey, Attribute(refusal, "Caller"), StringComparison.Ordinal);
        AssertNoSecret(records, officerKey, host.AdminKey);
    }

    /// <summary>No log record carries one of the keys or the storage account key.</summary>
    private static void AssertNoSecret(IEnumerable<LogRecord> records, params string[] keys)
    {
        var connection = Azurite.ConnectionString;
        var accountKey = connection.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        foreach (var record in records)
        {
            var text = string.Join('\n', [record.FormattedMessage, record.Body, .. (record.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"), record.Exception?.ToString()]);
            Assert.All(keys, key => Assert.DoesNotContain(key, text, StringComparison.Ordinal));
            Assert.DoesNotContain(accountKey, text, StringComparison.Ordinal);
        }
    }

    private static string? Attribute(LogRecord record, string key) =>
        record.Attributes?.FirstOrDefault(a => a.Key == key).Value?.ToString();

    /// <summary>The latest cumulative sum of a counter over the points whose tags include <paramref name="tags"/>.</summary>
    private static long Sum(Synchronized<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static long Count(Synchronized<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetHistogramCount());

    private static IEnumerable<MetricPoint> Points(Synchronized<MetricSnapshot> metrics, string name, (string Key, string Value)[] tags)
    {
        var latest = metrics.Snapshot().LastOrDefault(m => m.Name == name);
        Assert.True(latest is not null, $"no {name} exported");
        foreach (var point in latest.MetricPoints)
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                pointTags[tag.Key] = tag.Value;
            }

            if (tags.All(t => pointTags.TryGetValue(t.Key, out var value) && (string?)value == t.Value))
            {
                yield return point;
            }
        }
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, Uri location)
    {
        return await WaitForAsync(async () =>
        {
            using var response = await client.GetAsync(location);
            var upload = (await ApiHostFixture.JsonAsync(response)).GetProperty("upload");
            return upload.GetProperty("status").GetString() is "Queued" or "Validating" or "Writing" ? (JsonElement?)null : upload;
        });
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class => WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The background work did not finish within 30 s.");
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> probe)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The upload did not finish within 30 s.");
    }

    /// <summary>The process "dies" at <paramref name="checkpoint"/> once each time it is armed: the import stops there with
    /// an exception, as a killed instance would, and its record stays unfinished.</summary>
    private sealed class DieAt(string checkpoint) : IImportCheckpoints
    {
        private int _armed;

        public bool Armed
        {
            set => Volatile.Write(ref _armed, value ? 1 : 0);
        }

        public ValueTask ReachedAsync(string reached, CancellationToken cancellationToken) =>
            reached == checkpoint && Interlocked.Exchange(ref _armed, 0) == 1
                ? throw new IOException($"died at {checkpoint}")
                : ValueTask.CompletedTask;
    }

    /// <summary>The exporters add from the app's threads while the test reads.</summary>
    private sealed class Synchronized<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public T[] Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }

        public void Add(T item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }

        public void Clear()
        {
            lock (_items)
            {
                _items.Clear();
            }
        }

        public bool Contains(T item) => Snapshot().Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(T item)
        {
            lock (_items)
            {
                return _items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
