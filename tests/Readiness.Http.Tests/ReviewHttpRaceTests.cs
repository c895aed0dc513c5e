using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Core.Ports;

namespace Readiness.Http.Tests;

/// <summary>
/// Issue 14's races over a real loopback socket through the local host on Azurite: two reviewers posting at once
/// (exactly one 200, the other 409 with the winner's state), and uploads posted at the same moment as submissions of
/// the same regency-year (each upload lands whole before the submission or is refused whole, 409 period-locked).
/// </summary>
public class ReviewHttpRaceTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    private static StringContent Action(string json) => new(json, Encoding.UTF8, "application/json");

    private static string File(int year)
    {
        var csv = new StringBuilder("indicator_code,period,value\n");
        foreach (var indicator in new[] { "GOV-01", "GOV-03", "ENV-03", "SOC-01" })
        {
            for (var month = 1; month <= 12; month++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{indicator},{year}-{month:D2},{month}\n");
            }
        }

        return csv.ToString();
    }

    [Fact]
    public async Task TwoReviewersPostingAtOnce_OneGets200_TheOther409WithTheWinnersState()
    {
        var (_, key) = await api.Host.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Province, null, null, "walidata", CancellationToken.None, "13");
        var walidata = api.Host.ClientWithKey(key);
        var years = Enumerable.Range(2011, 6).ToList();
        foreach (var year in years)
        {
            using var submitted = await api.Officer.PostAsync($"api/regencies/13.07/years/{year}/review", Action("""{"action":"submit"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        var races = await Task.WhenAll(years.Select(async year =>
        {
            var verify = walidata.PostAsync($"api/regencies/13.07/years/{year}/review", Action("""{"action":"verify"}"""));
            // Both verify: whichever order they land in, only one can (a return would still be allowed after a verify).
            var back = api.Admin.PostAsync($"api/regencies/13.07/years/{year}/review", Action("""{"action":"verify"}"""));
            return (Year: year, Responses: await Task.WhenAll(verify, back));
        }));

        foreach (var (year, responses) in races)
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var winner = await ApiHostFixture.JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.OK));
            var loser = await ApiHostFixture.JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict));
            var state = winner.GetProperty("review").GetProperty("state").GetString();
            Assert.Equal(state, loser.GetProperty("state").GetString());
            using var stored = await api.Admin.GetAsync($"api/regencies/13.07/years/{year}/review");
            var review = await ApiHostFixture.JsonAsync(stored);
            Assert.Equal(state, review.GetProperty("state").GetString());
            Assert.Equal(2, review.GetProperty("history").GetArrayLength());
        }
    }

    [Fact]
    public async Task UploadsPostedWithSubmissions_LandWholeBeforeThem_OrAreRefusedWhole()
    {
        var observations = api.Host.Services.GetRequiredService<IObservationStore>();
        var years = Enumerable.Range(2031, 6).ToList();
        var rounds = await Task.WhenAll(years.Select(async year =>
        {
            var upload = api.Officer.PostAsync("api/regencies/13.07/uploads", ApiHostFixture.Csv(File(year)));
            var submit = api.Officer.PostAsync($"api/regencies/13.07/years/{year}/review", Action("""{"action":"submit"}"""));
            return (Year: year, Upload: await upload, Submit: await submit);
        }));

        foreach (var (year, upload, submit) in rounds)
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
            var stored = 0;
            await foreach (var _ in observations.ReadAsync("13.07", year, CancellationToken.None))
            {
                stored++;
            }

            var answer = await ApiHostFixture.JsonAsync(upload);
            if (upload.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(48, stored);
                var submittedAt = (await ApiHostFixture.JsonAsync(submit)).GetProperty("review").GetProperty("history")[0].GetProperty("at").GetDateTimeOffset();
                Assert.True(answer.GetProperty("upload").GetProperty("completedAt").GetDateTimeOffset() <= submittedAt, $"{year}: the submission overtook the upload");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
                Assert.Equal("period-locked", answer.GetProperty("report").GetProperty("errors")[0].GetProperty("code").GetString());
                Assert.Equal(0, stored);
            }
        }
    }
}
