using System.Net;
using System.Text;
using Readiness.Core.Ingestion;
using Readiness.Core.Sources;
using Readiness.Storage;

namespace Readiness.IntegrationTests.Sources;

/// <summary>Remote sources served by a real HTTP server on 127.0.0.1.</summary>
public sealed class SourceServiceTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, string Body, string? ETag)> _routes = [];
    private readonly List<(string Path, string? IfNoneMatch)> _requests = [];
    private readonly string _prefix;

    public SourceServiceTests()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            _prefix = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(_prefix);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
            }
        }

        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var ifNoneMatch = context.Request.Headers["If-None-Match"];
            lock (_requests)
            {
                _requests.Add((path, ifNoneMatch));
            }

            var (status, body, etag) = _routes.TryGetValue(path, out var route) ? route : (404, "", null);
            if (etag is not null && ifNoneMatch == etag)
            {
                status = 304;
            }

            context.Response.StatusCode = status;
            if (etag is not null)
            {
                context.Response.Headers["ETag"] = etag;
            }

            if (status == 200)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "text/csv";
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }

    private Uri Url(string path) => new(_prefix + path.TrimStart('/'));

    [Fact]
    public async Task Sources_AreFetchedConditionallyAndFailuresAreRecordedWithoutStoppingOthers()
    {
        await using var pipeline = await Pipeline.CreateAsync(s => s.AllowHttpSources = true);
        _routes["/padang.csv"] = (200, "indicator_code,period,value\nGOV-01,2024,70\n", "\"v1\"");
        _routes["/broken.csv"] = (500, "", null);
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
        Assert.Contains(_requests, r => r.Path == "/padang.csv" && r.IfNoneMatch == "\"v1\"");
        var upload = Assert.Single(await pipeline.Imports.ListAsync("13.71", 10, CancellationToken.None));
        Assert.Equal(("source", UploadStatus.Completed), (upload.Source, upload.Status));
    }

    [Fact]
    public async Task PlainHttp_IsRefusedUnlessAllowed()
    {
        await using var pipeline = await Pipeline.CreateAsync();
        _routes["/a.csv"] = (200, "indicator_code,period,value\nGOV-01,2024,70\n", null);
        var store = new TableSourceStore(pipeline.Account);
        await store.SaveAsync(new Source("13.71", "portal", Url("/a.csv")), CancellationToken.None);

        var run = await pipeline.Sources.RunAsync(CancellationToken.None);

        Assert.Equal(1, run.Failed);
        Assert.Empty(_requests);
        Assert.Contains("https", (await store.ListAsync(CancellationToken.None)).Single().LastError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
