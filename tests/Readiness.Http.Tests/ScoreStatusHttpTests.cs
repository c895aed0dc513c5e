using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;

namespace Readiness.Http.Tests;

/// <summary>
/// Issue 14's "publish only final scores" over a real socket: every score answer says <c>final</c> or
/// <c>provisional</c>, <c>GET /api/scores?status=final</c> keeps the approved regency-years only (JSON and CSV), and
/// the ministry's approval reaches the score through the host's own score queue.
/// </summary>
public class ScoreStatusHttpTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    private static StringContent Action(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task StatusFilter_KeepsOnlyFinalScores_OnceTheYearIsApproved_AndRefusesOtherValues()
    {
        using var imported = await api.Officer.PostAsync("api/regencies/13.07/uploads", new ByteArrayContent(ApiHostFixture.SampleFile) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var recomputed = await api.Admin.PostAsync("api/scores/recompute?year=2024", null);
        Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
        await api.Host.WaitForQueuesEmptyAsync();

        // Not approved yet: provisional everywhere, and nothing to publish.
        var before = await JsonAsync("api/scores?year=2024");
        Assert.Equal("provisional", before.GetProperty("scores")[0].GetProperty("status").GetString());
        var noneFinal = await JsonAsync("api/scores?year=2024&status=final");
        Assert.Equal((0, "final"), (noneFinal.GetProperty("count").GetInt32(), noneFinal.GetProperty("status").GetString()));

        var (_, walidataKey) = await api.Host.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Province, null, null, "walidata", CancellationToken.None, "13");
        var walidata = api.CheckedClient(walidataKey);
        foreach (var (client, action) in new[] { (api.Officer, "submit"), (walidata, "verify"), (api.Admin, "approve") })
        {
            using var taken = await client.PostAsync("api/regencies/13.07/years/2024/review", Action($$"""{"action":"{{action}}"}"""));
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        // The approval asked for the regency's rescore: the host's score queue runs it (and its re-rank).
        await api.Host.WaitForQueuesEmptyAsync();
        var final = await JsonAsync("api/scores?year=2024&status=final");
        Assert.Equal((1, "final"), (final.GetProperty("count").GetInt32(), final.GetProperty("status").GetString()));
        Assert.Equal(("13.07", "final", 1), (final.GetProperty("scores")[0].GetProperty("regencyCode").GetString(), final.GetProperty("scores")[0].GetProperty("status").GetString(), final.GetProperty("scores")[0].GetProperty("nationalRank").GetInt32()));
        Assert.Equal(0, (await JsonAsync("api/scores?year=2024&status=provisional")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await JsonAsync("api/scores?year=2024&status=FINAL")).GetProperty("count").GetInt32());
        Assert.Equal("final", (await JsonAsync("api/regencies/13.07/scores/2024/explain")).GetProperty("status").GetString());
        Assert.Equal("final", (await JsonAsync("api/regencies/13.07/scores")).GetProperty("years")[0].GetProperty("status").GetString());

        using var csv = await api.Officer.GetAsync("api/scores?year=2024&status=final&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("scores-2024-final.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",Status", lines[0], StringComparison.Ordinal);
        Assert.Equal([",final"], lines[1..].Select(l => l[l.LastIndexOf(',')..]));

        using var bad = await api.Officer.GetAsync("api/scores?year=2024&status=approved");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await ApiHostFixture.JsonAsync(bad);
        Assert.Equal("status", problem.GetProperty("parameter").GetString());
        Assert.Contains("'final'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var twice = await api.Officer.GetAsync("api/scores?year=2024&status=final&status=provisional");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    private async Task<System.Text.Json.JsonElement> JsonAsync(string path)
    {
        using var response = await api.Officer.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiHostFixture.JsonAsync(response);
    }
}
