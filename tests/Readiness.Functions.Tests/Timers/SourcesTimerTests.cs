using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Ingestion;
using Readiness.Core.Sources;
using Readiness.Functions.Tests.Http;
using Readiness.Functions.Timers;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Timers;

public sealed class SourcesTimerTests : IDisposable
{
    private readonly LocalCsvServer _server = new();

    public SourcesTimerTests() => _server.Route("data.csv", 200, "indicator_code;periode;nilai\nGOV-01;Januari 2024;87,5\n", "\"v1\"");

    [Fact]
    public async Task Run_FetchesEachSourceConditionallyAndImportsNewContent()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<SourceOptions>(o => o.AllowHttpSources = true));
        await new TableSourceStore(app.Account).SaveAsync(new Source("13.07", "portal", _server.Url("data.csv")), CancellationToken.None);
        var timer = app.Create<SourcesTimer>();

        await timer.Run(new TimerInfo(), CancellationToken.None);
        await timer.Run(new TimerInfo(), CancellationToken.None);

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(87.5, (await app.StoredAsync("13.07"))["2024-01|GOV-01"].Value);
        var upload = Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, UploadSource.Source), (upload.Status, upload.Source));
        var source = Assert.Single(await new TableSourceStore(app.Account).ListAsync(CancellationToken.None));
        Assert.Equal(("unchanged", "\"v1\""), (source.LastStatus, source.ETag));
    }

    public void Dispose() => _server.Dispose();
}
