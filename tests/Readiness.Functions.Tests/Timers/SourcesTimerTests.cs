using System.Net;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Readiness.Core.Ingestion;
using Readiness.Core.Sources;
using Readiness.Functions.Tests.Http;
using Readiness.Functions.Timers;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Timers;

public sealed class SourcesTimerTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _port = LocalPorts.Free();
    private int _requests;

    public SourcesTimerTests()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = Task.Run(async () =>
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

                Interlocked.Increment(ref _requests);
                var unchanged = context.Request.Headers["If-None-Match"] == "\"v1\"";
                context.Response.StatusCode = unchanged ? 304 : 200;
                context.Response.Headers["ETag"] = "\"v1\"";
                if (!unchanged)
                {
                    var body = Encoding.UTF8.GetBytes("indicator_code;periode;nilai\nGOV-01;Januari 2024;87,5\n");
                    context.Response.ContentType = "text/csv";
                    await context.Response.OutputStream.WriteAsync(body);
                }

                context.Response.Close();
            }
        });
    }

    [Fact]
    public async Task Run_FetchesEachSourceConditionallyAndImportsNewContent()
    {
        await using var app = await TestApp.CreateAsync(s => s.AllowHttpSources = true);
        await new TableSourceStore(app.Account).SaveAsync(new Source("13.07", "portal", new Uri($"http://127.0.0.1:{_port}/data.csv")), CancellationToken.None);
        var timer = app.Create<SourcesTimer>();

        await timer.Run(new TimerInfo(), CancellationToken.None);
        await timer.Run(new TimerInfo(), CancellationToken.None);

        Assert.Equal(2, _requests);
        Assert.Equal(87.5, (await app.StoredAsync("13.07"))["2024-01|GOV-01"].Value);
        var upload = Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, "source"), (upload.Status, upload.Source));
        var source = Assert.Single(await new TableSourceStore(app.Account).ListAsync(CancellationToken.None));
        Assert.Equal(("unchanged", "\"v1\""), (source.LastStatus, source.ETag));
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
