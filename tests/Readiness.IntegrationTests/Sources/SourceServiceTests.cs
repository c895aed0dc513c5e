using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Ingestion;
using Readiness.Core.Sources;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Sources;

/// <summary>Remote sources served by a real HTTP server on 127.0.0.1.</summary>
public sealed class SourceServiceTests : IDisposable
{
    private readonly LocalCsvServer _server = new();

    private Uri Url(string path) => _server.Url(path);

    [Fact]
    public async Task Sources_AreFetchedConditionallyAndFailuresAreRecordedWithoutStoppingOthers()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.Configure<SourceOptions>(o => o.AllowHttpSources = true));
        _server.Route("padang.csv", 200, "indicator_code,period,value\nGOV-01,2024,70\n", "\"v1\"");
        _server.Route("broken.csv", 500);
        var store = new TableSourceStore(pipeline.Account);
        await store.SaveAsync(new Source("13.71", "portal", Url("/padang.csv")), CancellationToken.None);
        await store.SaveAsync(new Source("13.07", "portal", Url("/broken.csv")), CancellationToken.None);
        await store.SaveAsync(new Source("32.71", "off", Url("/x.csv"), Enabled: false), CancellationToken.None);

        var first = await pipeline.Sources.RunAsync(CancellationToken.None);
        var second = await pipeline.Sources.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1, 1), (first.Imported, first.Unchanged, first.Failed, first.Skipped));
        Assert.Equal((0, 1, 1, 1), (second.Imported, second.Unchanged, second.Failed, second.Skipped));
        Assert.Equal(("13.71", "2024|GOV-01", 70.0), (await pipeline.StoredAsync()).Select(s => (s.Regency, s.Key, s.Value)).Single());
        var saved = (await store.ListAsync(CancellationToken.None)).ToDictionary(s => s.RegencyCode);
        Assert.Equal(("unchanged", "\"v1\""), (saved["13.71"].LastStatus, saved["13.71"].ETag));
        Assert.Equal(("failed", 2), (saved["13.07"].LastStatus, saved["13.07"].ConsecutiveFailures));
        Assert.Contains("500", saved["13.07"].LastError, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Path == "/padang.csv" && r.IfNoneMatch == "\"v1\"");
        var upload = Assert.Single(await pipeline.Imports.ListAsync("13.71", 10, CancellationToken.None));
        Assert.Equal((UploadSource.Source, UploadStatus.Completed), (upload.Source, upload.Status));
    }

    [Fact]
    public async Task PlainHttp_IsRefusedUnlessAllowed()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        _server.Route("a.csv", 200, "indicator_code,period,value\nGOV-01,2024,70\n");
        var store = new TableSourceStore(pipeline.Account);
        await store.SaveAsync(new Source("13.71", "portal", Url("/a.csv")), CancellationToken.None);

        var run = await pipeline.Sources.RunAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        Assert.Empty(_server.Requests);
        Assert.Contains("https", (await store.ListAsync(CancellationToken.None)).Single().LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFetch_GivesUpAfterSourceTimeoutSeconds()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.Configure<SourceOptions>(o =>
        {
            o.AllowHttpSources = true;
            o.SourceTimeoutSeconds = 1;
        }));
        _server.Route("slow.csv", 200, "indicator_code,period,value\nGOV-01,2024,70\n", delay: TimeSpan.FromSeconds(30));
        var store = new TableSourceStore(pipeline.Account);
        await store.SaveAsync(new Source("13.71", "portal", Url("/slow.csv")), CancellationToken.None);
        var elapsed = Stopwatch.StartNew();

        var run = await pipeline.Sources.RunAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        // The default (120 s in all, 30 s an attempt) would still be waiting for the first answer.
        Assert.InRange(elapsed.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        var saved = (await store.ListAsync(CancellationToken.None)).Single();
        Assert.Equal("failed", saved.LastStatus);
        Assert.Contains("00:00:01", saved.LastError, StringComparison.Ordinal);
        Assert.Empty(await pipeline.StoredAsync());
    }

    public void Dispose() => _server.Dispose();
}
