using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Ingestion;
using Readiness.Core.Scoring;
using Readiness.Functions.Tests.Http;
using Readiness.Functions.Timers;

namespace Readiness.Functions.Tests.Timers;

public class ScoreTimerTests
{
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2023,50
        13.07,GOV-01,2024,100
        13.71,GOV-01,2024,60
        """;

    private static async Task<TestApp> UploadedAsync(Action<IServiceCollection>? services = null)
    {
        var app = await TestApp.CreateAsync(services);
        var result = await app.Imports.ImportAsync(new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(Data)), CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, result.Upload.Status);
        return app;
    }

    private static async Task<Dictionary<int, DateTimeOffset?>> ComputedAtAsync(TestApp app) =>
        (await app.ScoreStore.ReadYearStatesAsync(CancellationToken.None)).ToDictionary(s => s.Year, s => s.ComputedAt);

    [Fact]
    public async Task Run_AfterAnUpload_RecomputesAndRanksTheChangedYears()
    {
        await using var app = await UploadedAsync();
        Assert.Equal([2023, 2024], await app.Scores.DueYearsAsync(all: false, CancellationToken.None));

        await app.Create<ScoreTimer>().Run(new TimerInfo(), CancellationToken.None);

        var year = await app.Scores.YearAsync(2024, null, CancellationToken.None);
        Assert.Equal([("13.07", 1), ("13.71", 2)], year.Select(s => (s.RegencyCode, s.NationalRank!.Value)));
        Assert.NotNull(year[0].Trend);
        Assert.Single(await app.Scores.YearAsync(2023, null, CancellationToken.None));
        Assert.Empty(await app.Scores.DueYearsAsync(all: false, CancellationToken.None));
    }

    [Fact]
    public async Task Run_WithNothingDue_ComputesNothing()
    {
        await using var app = await UploadedAsync();
        var timer = app.Create<ScoreTimer>();
        await timer.Run(new TimerInfo(), CancellationToken.None);
        var before = await ComputedAtAsync(app);

        await timer.Run(new TimerInfo(), CancellationToken.None);

        Assert.Equal(before, await ComputedAtAsync(app));
    }

    [Fact]
    public async Task Run_WithRecomputeAll_RecomputesEveryYear()
    {
        // The setting's spellings (true, True as Bicep writes it) are bound by AddReadiness: see AppSettingsTests.
        await using var app = await UploadedAsync(s => s.Configure<ScoringOptions>(o => o.RecomputeAll = true));
        var timer = app.Create<ScoreTimer>();
        await timer.Run(new TimerInfo(), CancellationToken.None);
        var before = await ComputedAtAsync(app);

        await timer.Run(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        var after = await ComputedAtAsync(app);
        Assert.Equal([2023, 2024], after.Keys.Order());
        Assert.All(after, a => Assert.True(a.Value > before[a.Key], $"{a.Key} was not recomputed"));
    }

    [Fact]
    public async Task Run_WithoutAnyData_DoesNothing()
    {
        await using var app = await TestApp.CreateAsync();

        await app.Create<ScoreTimer>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Empty(await app.ScoreStore.ReadYearStatesAsync(CancellationToken.None));
    }

    [Fact]
    public void DefaultSchedule_Is0200WibWrittenInUtc()
    {
        var fields = ScoreTimer.DefaultSchedule.Split(' ');
        var utc = new DateTimeOffset(2024, 6, 30, int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.Zero);

        Assert.Equal(6, fields.Length); // NCRONTAB with seconds
        Assert.Equal((2, 0, 0), (utc.ToOffset(TimeSpan.FromHours(7)).Hour, utc.Minute, utc.Second));
        Assert.Equal(["*", "*", "*"], fields[3..]);
    }
}
