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
/// refused. The 2024 national sample is imported and scored before the first test, so completeness and the score have data.
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

        var imports = Host.Services.GetRequiredService<ImportService>();
        await using (var national = File.OpenRead(Samples.SamplePath("national-2024-long.csv")))
        {
            // Above the test's small threshold, so queued: processed here at once rather than waiting for the queue.
            var queued = await imports.ImportAsync(new ImportRequest { FileName = "national-2024-long.csv", Source = UploadSource.Cli }, national, CancellationToken.None);
            var seeded = await imports.ProcessQueuedAsync(new UploadWork(queued.Upload.RegencyCode, queued.Upload.UploadId), CancellationToken.None);
            Assert.Equal(UploadStatus.Completed, seeded?.Upload.Status);
        }

        await Host.Services.GetRequiredService<ScoreService>().RecomputeAsync([Year], CancellationToken.None);

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
