using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;
using Readiness.Development;
using Readiness.TestSupport;

namespace Readiness.Browser.Tests;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}

/// <summary>
/// The app on the local host over Azurite, and one headless Debian Chromium for every test of the project (each test
/// opens its own browser context, so sessions never mix). Small limits make the edge cases quick to reach with the
/// real sample files: anything above <see cref="AsyncThresholdBytes"/> is processed in the background (the
/// 1.3 KB Lima Puluh Kota sample is queued), and <see cref="MaxUploadBytes"/> is low enough for a 100 KB file to be
/// refused. The 2023 and 2024 samples are imported and scored before the first test, so completeness and the score have data;
/// so is <see cref="FlaggedRegency"/>'s thousandfold 2024 value, so open data-quality flags do too.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string Regency = "13.07";
    public const int Year = 2024;
    public const long MaxUploadBytes = 64 * 1024;
    public const long AsyncThresholdBytes = 1000;

    /// <summary>Debian's package; scripts/test.sh installs it when it is missing. No Playwright browser download.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>As root, in a sandbox without internet: no sandbox, no GPU, and none of Chromium's calls home.</summary>
    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Kabupaten Bandung: the regency of the fixture's data-quality flags (no sample file has it).</summary>
    public const string FlaggedRegency = "32.04";

    /// <summary>The flagged indicator (a count of marketplace products).</summary>
    public const string FlaggedIndicator = "BRA-03";

    /// <summary>Four clean earlier years: enough history (3 or more) for the outlier and thousands checks.</summary>
    public static string HistoryOf(string regency) =>
        "regency_code,indicator_code,period,value\n" +
        string.Concat(new[] { (2020, 1180), (2021, 1210), (2022, 1230), (2023, 1250) }.Select(p => $"{regency},{FlaggedIndicator},{p.Item1},{p.Item2}\n"));

    private static readonly string FlaggedHistory = HistoryOf(FlaggedRegency);

    /// <summary>1250 typed as 1.250.000 (a thousands separator read as such): 1000× the previous year.</summary>
    private static readonly string FlaggedYear = $"regency_code,indicator_code,period,value\n{FlaggedRegency},{FlaggedIndicator},{Year},1250000\n";

    private IPlaywright? _playwright;

    public LocalApiHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The portal's address: <c>http://127.0.0.1:PORT/api/portal/</c>.</summary>
    public string PortalUrl => new Uri(Host.BaseAddress, "api/portal/").ToString();

    public string RegencyKey { get; private set; } = "";

    /// <summary>Where tests leave screenshots to look at (not compared: what the tests check is the page's content).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string AxeScript { get; } = Path.Combine(RepositoryRoot.OfThisBuild, "node_modules", "axe-core", "axe.min.js");

    public async Task InitializeAsync()
    {
        Host = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Readiness:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
                ["Readiness:AsyncThresholdBytes"] = AsyncThresholdBytes.ToString(CultureInfo.InvariantCulture),
            },
        });
        RegencyKey = await Host.CreateKeyAsync(Regency);

        // Data for completeness and the score: two years (so there is a trend), Lima Puluh Kota among the regencies.
        foreach (var sample in new[] { "wide-2023.csv", "national-2024-long.csv", "13.07-lima-puluh-kota-2024.csv" })
        {
            await using var file = File.OpenRead(Samples.SamplePath(sample));
            await ImportAsync(sample, file);
        }

        // A regency whose 2024 value is a thousandfold its four earlier years: open data-quality flags for the score's
        // explanation, completeness and a stored report to show.
        await ImportAsync("bandung-history.csv", FlaggedHistory);
        // For the regency itself, as its officer uploads: its history lists the upload and its stored report.
        await ImportAsync("bandung-2024.csv", FlaggedYear, FlaggedRegency);

        // The imports' score messages run on the host's queue listener; one still running after the full recompute
        // would write its regency's score unranked until its follow-up re-rank.
        await Host.WaitForQueuesEmptyAsync();
        await Host.Services.GetRequiredService<ScoreService>().RecomputeAsync([Year - 1, Year], CancellationToken.None);
        await Host.WaitForQueuesEmptyAsync();

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Imports a file as the CLI does (for <paramref name="regency"/>, or for the regencies its column
    /// names), and asserts it was stored.</summary>
    public async Task<ImportResult> ImportAsync(string name, Stream file, string? regency = null)
    {
        var imports = Host.Services.GetRequiredService<ImportService>();
        var request = new ImportRequest
        {
            FileName = name,
            Source = UploadSource.Cli,
            Regency = regency is null ? null : Samples.Registry.Regencies.Single(r => r.Code == regency),
        };
        var imported = await imports.ImportAsync(request, file, CancellationToken.None);
        // Above the test's small threshold a file is queued: processed here at once rather than waiting for the queue.
        var result = imported.Upload.Status == UploadStatus.Queued
            ? await imports.ProcessQueuedAsync(new UploadWork(imported.Upload.RegencyCode, imported.Upload.UploadId), CancellationToken.None)
            : imported;
        Assert.Equal(UploadStatus.Completed, result?.Upload.Status);
        return result!;
    }

    /// <inheritdoc cref="ImportAsync(string, Stream, string?)"/>
    public async Task<ImportResult> ImportAsync(string name, string csv, string? regency = null)
    {
        using var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await ImportAsync(name, file, regency);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
