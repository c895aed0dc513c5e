using System.Net;
using System.Text.Json;

namespace Readiness.Http.Tests;

/// <summary>
/// <c>GET /api/quality</c> over the loopback socket: the flags two thousandfold uploads stored, filtered by
/// <c>province</c> and <c>regency</c> and by the caller's key, and the upload's warnings with their evidence (every
/// answer checked against the OpenAPI document by the fixture's clients).
/// </summary>
public class QualityHttpTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    /// <summary>Four clean years of BRA-03, then 2024 typed a thousand times too large.</summary>
    private const string Thousandfold = "indicator_code,period,value\nBRA-03,2020,1180\nBRA-03,2021,1210\nBRA-03,2022,1230\nBRA-03,2023,1250\nBRA-03,2024,1250000\n";

    private async Task<JsonElement> FlagsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("api/quality?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiHostFixture.JsonAsync(response);
    }

    private static IReadOnlyList<string?> Regencies(JsonElement list) =>
        [.. list.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("regencyCode").GetString()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Quality_ReturnsTheStoredFlags_ByProvinceAndRegency_AndRefusesBadOrUnknownCodes()
    {
        using var upload = await api.Officer.PostAsync("api/regencies/13.07/uploads", ApiHostFixture.Csv(Thousandfold));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var report = (await ApiHostFixture.JsonAsync(upload)).GetProperty("report");
        var warning = report.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("code").GetString() == "possible-thousands-error");
        Assert.Equal(("13.07", 2024, "previous", 1250.0, 2023), (warning.GetProperty("regency").GetString(), warning.GetProperty("year").GetInt32(), warning.GetProperty("basis").GetString(), warning.GetProperty("previous_value").GetDouble(), warning.GetProperty("previous_year").GetInt32()));
        using var other = await api.Admin.PostAsync("api/regencies/31.71/uploads", ApiHostFixture.Csv(Thousandfold));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        var all = await FlagsAsync(api.Admin, "year=2024");
        Assert.Equal((2024, 2), (all.GetProperty("year").GetInt32(), all.GetProperty("count").GetInt32()));
        Assert.Equal(["13.07", "31.71"], Regencies(all));
        var flag = all.GetProperty("flags").EnumerateArray().First(f => f.GetProperty("regencyCode").GetString() == "13.07");
        Assert.Equal(("possible-thousands-error", "BRA-03", 1250000.0, 1250.0, 2023), (flag.GetProperty("code").GetString(), flag.GetProperty("subject").GetString(), flag.GetProperty("value").GetDouble(), flag.GetProperty("reference").GetDouble(), flag.GetProperty("previousYear").GetInt32()));
        // Named as the upload's warnings name them, not the enum's number.
        Assert.Equal(("previous", false), (flag.GetProperty("basis").GetString(), flag.TryGetProperty("importance", out _)));
        Assert.Contains("Apakah maksudnya 1250?", flag.GetProperty("messageIndonesian").GetString(), StringComparison.Ordinal);

        Assert.Equal(["13.07"], Regencies(await FlagsAsync(api.Admin, "year=2024&province=13")));
        Assert.Equal(["31.71"], Regencies(await FlagsAsync(api.Admin, "year=2024&province=31")));
        Assert.Equal(["31.71"], Regencies(await FlagsAsync(api.Admin, "year=2024&regency=31.71")));
        Assert.Empty(Regencies(await FlagsAsync(api.Admin, "year=2024&regency=13.71")));
        Assert.Empty(Regencies(await FlagsAsync(api.Admin, "year=2023")));
        // A regency key sees its own regency's flags only.
        Assert.Equal(["13.07"], Regencies(await FlagsAsync(api.Officer, "year=2024")));
        Assert.Empty(Regencies(await FlagsAsync(api.Officer, "year=2024&regency=31.71")));

        foreach (var (query, status, parameter) in new[]
        {
            ("year=2024&province=1", HttpStatusCode.BadRequest, "province"),
            ("year=2024&regency=13", HttpStatusCode.BadRequest, "regency"),
            ("province=13", HttpStatusCode.BadRequest, "year"),
            ("year=2024&province=99", HttpStatusCode.NotFound, "province"),
            ("year=2024&regency=99.99", HttpStatusCode.NotFound, "regency"),
        })
        {
            using var refused = await api.Admin.GetAsync("api/quality?" + query);
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal(parameter, (await ApiHostFixture.JsonAsync(refused)).GetProperty("parameter").GetString());
        }
    }
}
