using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Readiness.Core.Telemetry;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>
/// The app's telemetry as the worker sends it, caught with OpenTelemetry's in-memory exporter on the exporters' side
/// of the app's own registration (<c>AddReadinessFunctions</c>): one background upload over Azurite through the local
/// host is one trace from its HTTP request through the upload queue to the score update, and it is counted; an
/// invalid upload counts its errors by code; no log record carries a key or the storage connection string.
/// </summary>
public class TelemetryTests
{
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
        var scored = await WaitForAsync(() => spans.Snapshot().FirstOrDefault(s => s.DisplayName == "score regencies"));
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
        var connection = Azurite.ConnectionString;
        var accountKey = connection.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        foreach (var record in records)
        {
            var text = string.Join('\n', [record.FormattedMessage, record.Body, .. (record.Attributes ?? []).Select(a => $"{a.Key}={a.Value}"), record.Exception?.ToString()]);
            Assert.DoesNotContain(officerKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(host.AdminKey, text, StringComparison.Ordinal);
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
