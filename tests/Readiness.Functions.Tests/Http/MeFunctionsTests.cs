using Readiness.Functions.Http;

namespace Readiness.Functions.Tests.Http;

public class MeFunctionsTests
{
    [Fact]
    public async Task Me_WithARegencyKey_NamesItsRegencyAndTheUploadLimits()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<MeFunctions>().GetMe(app.As("13.07", Requests.Get()), app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("regency", response.Json.GetProperty("role").GetString());
        Assert.Equal("13.07", response.Json.GetProperty("regencyCode").GetString());
        Assert.Equal("Kabupaten Lima Puluh Kota", response.Json.GetProperty("regency").GetProperty("name").GetString());
        Assert.Equal("Sumatera Barat", response.Json.GetProperty("regency").GetProperty("provinceName").GetString());
        Assert.Equal(20L * 1024 * 1024, response.Json.GetProperty("maxUploadBytes").GetInt64());
        Assert.Equal(2L * 1024 * 1024, response.Json.GetProperty("asyncThresholdBytes").GetInt64());
        Assert.DoesNotContain(app.KeyFor("13.07"), response.Json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_WithAnAdminKey_SaysAdminAndNoRegency()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<MeFunctions>().GetMe(app.AsAdmin(Requests.Get()), app.Context));

        Assert.Equal("admin", response.Json.GetProperty("role").GetString());
        Assert.False(response.Json.TryGetProperty("regency", out _));
        Assert.False(response.Json.TryGetProperty("regencyCode", out _));
    }

    [Fact]
    public async Task RecentUploads_ListsTheUploadsOfEveryRegencyNewestFirst()
    {
        await using var app = await TestApp.CreateAsync();
        const string Csv = "indicator_code,period,value\nGOV-01,2024,87.5\n";
        var first = Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv(Csv)), "13.07", app.Context));
        var second = Response.Of(await app.Functions.PostUpload(app.As("13.71", Requests.Csv(Csv)), "13.71", app.Context));

        var response = Response.Of(await app.Create<RecentUploadsFunctions>().ListRecentUploads(app.AsAdmin(Requests.Get("?top=10")), app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal(
            [second.UploadId, first.UploadId],
            response.Json.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("uploadId").GetString()));
        Assert.Equal(["13.71", "13.07"], response.Json.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("regency").GetString()));
        Assert.Equal(RecentUploadsFunctions.Days, response.Json.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task RecentUploads_WithABadTop_Answers400()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<RecentUploadsFunctions>().ListRecentUploads(app.AsAdmin(Requests.Get("?top=0")), app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("top", response.Parameter);
    }
}
