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
/// refused. The 2023 and 2024 samples are imported and scored before the first test, so completeness and the score have data.
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
        var imports = Host.Services.GetRequiredService<ImportService>();
        foreach (var sample in new[] { "wide-2023.csv", "national-2024-long.csv", "13.07-lima-puluh-kota-2024.csv" })
        {
            await using var file = File.OpenRead(Samples.SamplePath(sample));
            var imported = await imports.ImportAsync(new ImportRequest { FileName = sample, Source = UploadSource.Cli }, file, CancellationToken.None);
            // Above the test's small threshold a file is queued: processed here at once rather than waiting for the queue.
            var upload = imported.Upload.Status == UploadStatus.Queued
                ? (await imports.ProcessQueuedAsync(new UploadWork(imported.Upload.RegencyCode, imported.Upload.UploadId), CancellationToken.None))?.Upload
                : imported.Upload;
            Assert.Equal(UploadStatus.Completed, upload?.Status);
        }

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
