using System.Text;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>sources add/list/remove/run; run fetches from an HTTP server on 127.0.0.1 (so with --allow-http).</summary>
public sealed class SourceCommandTests : IAsyncLifetime, IDisposable
{
    private const string Csv = "indicator_code,period,value\nGOV-01,2024,72.5\nGOV-02,2024,3.1\n";
    private const string ETag = "\"v1\"";

    private readonly LocalCsvServer _server = new();
    private StorageAccount _account = null!;

    public SourceCommandTests() => _server.Route("data.csv", 200, Csv, ETag);

    public async Task InitializeAsync()
    {
        _account = await Azurite.CreateAccountAsync();
        var registry = await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);
        Assert.True(registry.ExitCode == 0, registry.ToString());
    }

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Add_List_Remove()
    {
        var add = await Cli.RunOnAsync(_account, "sources", "add", "--regency", "Kota Padang", "--id", "portal", "--url", "https://data.padang.go.id/smart-city.csv", "--mode", "partial", "--locale", "id-ID");
        var list = await Cli.RunOnAsync(_account, "sources", "list");
        var saved = Assert.Single(await new TableSourceStore(_account).ListAsync(CancellationToken.None));
        var remove = await Cli.RunOnAsync(_account, "sources", "remove", "--regency", "13.71", "--id", "portal");
        var after = await Cli.RunOnAsync(_account, "sources", "list");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("Added source 13.71/portal for Kota Padang (13.71): https://data.padang.go.id/smart-city.csv (partial).", add.Out, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"\n\s+13\.71\s+portal\s+https://data\.padang\.go\.id/smart-city\.csv\s+partial\s+yes\s+never fetched\s+0\n", list.Out);
        Assert.Equal(("13.71", "portal", NumberStyle.DecimalComma, RegencyScheme.Kemendagri), (saved.RegencyCode, saved.Id, saved.Locale, saved.Scheme));
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Contains("Removed source 13.71/portal.", remove.Out, StringComparison.Ordinal);
        Assert.Contains("No sources.", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_SameIdAgain_ReplacesTheSource()
    {
        await Cli.RunOnAsync(_account, "sources", "add", "--regency", "13.07", "--id", "portal", "--url", "https://example.org/a.csv");

        var again = await Cli.RunOnAsync(_account, "sources", "add", "--regency", "13.07", "--id", "portal", "--url", "https://example.org/b.csv");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Replaced source 13.07/portal", again.Out, StringComparison.Ordinal);
        Assert.Equal("https://example.org/b.csv", Assert.Single(await new TableSourceStore(_account).ListAsync(CancellationToken.None)).Url.ToString());
    }

    [Theory]
    [InlineData("13.07", "portal", "http://example.org/a.csv", "Only https sources are fetched")]
    [InlineData("99.99", "portal", "https://example.org/a.csv", "--regency '99.99' is not a known regency")]
    [InlineData("Bogor", "portal", "https://example.org/a.csv", "matches Kabupaten Bogor (32.01) and Kota Bogor (32.71)")]
    [InlineData("13.07", "no spaces", "https://example.org/a.csv", "The source id must be")]
    [InlineData("13.07", "portal", "ftp://example.org/a.csv", "Only https sources are fetched")]
    [InlineData("13.07", "portal", "not a url", "is not an absolute URL")]
    public async Task Add_InvalidSource_ExitsTwoAndSavesNothing(string regency, string id, string url, string message)
    {
        var run = await Cli.RunOnAsync(_account, "sources", "add", "--regency", regency, "--id", id, "--url", url);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(await new TableSourceStore(_account).ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Add_HttpWhenAllowed_IsSaved()
    {
        var run = await Cli.RunOnAsync(_account, "sources", "add", "--regency", "13.07", "--id", "local", "--url", _server.BaseUrl + "data.csv", "--allow-http");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(await new TableSourceStore(_account).ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Remove_UnknownSource_ExitsTwo()
    {
        var run = await Cli.RunOnAsync(_account, "sources", "remove", "--regency", "13.07", "--id", "portal");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("There is no source 13.07/portal", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ImportsNewContentThenSkipsItUnchanged()
    {
        await Cli.RunOnAsync(_account, "sources", "add", "--regency", "13.07", "--id", "local", "--url", _server.BaseUrl + "data.csv", "--allow-http");

        var first = await Cli.RunOnAsync(_account, "sources", "run", "--allow-http");
        var second = await Cli.RunOnAsync(_account, "sources", "run", "--allow-http");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Sources pass: 1 imported, 0 unchanged, 0 failed or rejected, 0 disabled.", first.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+13\.07\s+local\s+http://127\.0\.0\.1:\d+/data\.csv\s+atomic\s+yes\s+imported\s", first.Out);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Sources pass: 0 imported, 1 unchanged, 0 failed or rejected, 0 disabled.", second.Out, StringComparison.Ordinal);
        var upload = Assert.Single(await new TableUploadStore(_account).ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadSource.Source, 2), (upload.Source, upload.Imported));
    }

    [Fact]
    public async Task Run_HttpSourceWithoutAllowHttp_FailsAndSaysWhy()
    {
        await Cli.RunOnAsync(_account, "sources", "add", "--regency", "13.07", "--id", "local", "--url", _server.BaseUrl + "data.csv", "--allow-http");

        var run = await Cli.RunOnAsync(_account, "sources", "run");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("0 imported, 0 unchanged, 1 failed or rejected", run.Out, StringComparison.Ordinal);
        Assert.Contains("plain http is allowed only when Readiness:AllowHttpSources is set", run.Out, StringComparison.Ordinal);
    }
}
