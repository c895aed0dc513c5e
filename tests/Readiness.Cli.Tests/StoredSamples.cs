using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Core.Scoring;
using Readiness.Storage;

namespace Readiness.Cli.Tests;

/// <summary>Puts the valid sample files into a test account through the CLI, as an operator would.</summary>
public static class StoredSamples
{
    /// <summary>
    /// The registry, then every valid sample: national-2024-long.csv and wide-2023.csv (multi-regency), the 13.07 and
    /// 13.71 uploads. 2024 has eight regencies (four with every indicator), 2023 six; 13.71 and 35.78 have both years.
    /// </summary>
    public static async Task IngestAsync(StorageAccount account)
    {
        var files = await Cli.RunOnAsync(account, "ingest", Cli.Sample("national-2024-long.csv"), Cli.Sample("wide-2023.csv"), "--registry", Cli.Registry);
        var limaPuluhKota = await Cli.RunOnAsync(account, "ingest", Cli.Sample("13.07-lima-puluh-kota-2024.csv"), "--regency", "13.07");
        var padang = await Cli.RunOnAsync(account, "ingest", Cli.Sample("13.71-padang-1252.csv"), "--regency", "13.71");
        Assert.True(files.ExitCode == 0, files.ToString());
        Assert.True(limaPuluhKota.ExitCode == 0, limaPuluhKota.ToString());
        Assert.True(padang.ExitCode == 0, padang.ToString());
    }

    /// <summary><see cref="IngestAsync"/>, then every year scored with <c>readiness score --all</c>.</summary>
    public static async Task IngestAndScoreAsync(StorageAccount account)
    {
        await IngestAsync(account);
        var score = await Cli.RunOnAsync(account, "score", "--all");
        Assert.True(score.ExitCode == 0, score.ToString());
    }

    /// <summary>The core's answer, to compare the CLI's output with.</summary>
    public static async Task<IReadOnlyList<RegencyScore>> YearAsync(StorageAccount account, int year, string? province = null)
    {
        await using var services = Pipeline.BuildServices(account);
        return await services.GetRequiredService<ScoreService>().YearAsync(year, province, CancellationToken.None);
    }

    public static async Task<RegencyScore?> ExplainAsync(StorageAccount account, string code, int year)
    {
        await using var services = Pipeline.BuildServices(account);
        return (await services.GetRequiredService<ScoreService>().ExplainAsync(code, year, CancellationToken.None))?.Score;
    }
}
