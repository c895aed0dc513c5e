using Readiness.Core.Access;
using Readiness.Functions.Http;

namespace Readiness.Functions.Tests.Http;

/// <summary><c>GET regencies/{code}/history</c> on Azurite: the values over time, newest first, with the upload and
/// the key id of each change; who may read it; filters that cannot be read refused in Bahasa Indonesia first.</summary>
public class HistoryFunctionsTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private static async Task<Response> HistoryAsync(TestApp app, Microsoft.AspNetCore.Http.HttpRequest request, string code = "13.07") =>
        Response.Of(await app.Create<HistoryFunctions>().GetHistory(request, code, app.Context));

    [Fact]
    public async Task History_OfAnUpdatedValue_NewestFirst_WithPreviousValueUploadAndKeyId()
    {
        await using var app = await TestApp.CreateAsync();
        var first = Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv(Header + "13.07,GOV-01,2024,80\n13.07,GOV-01,2023,70\n")), "13.07", app.Context));
        var second = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(Header + "13.07,GOV-01,2024,87.5\n13.07,GOV-01,2023,70\n")), "13.07", app.Context));
        Assert.True(second.Status == 200, second.Json.GetRawText());
        var province = (await app.Keys.CreateAsync(Role.Province, null, null, "walidata 13", CancellationToken.None, "13")).Plaintext;

        var response = await HistoryAsync(app, Requests.Get("?indicator=gov-01&period=2024").WithBearer(province));
        var everything = await HistoryAsync(app, app.As("13.07", Requests.Get()));

        Assert.True(response.Status == 200, response.Json.GetRawText());
        Assert.Equal(("13.07", "GOV-01", "2024", 2), (response.Json.GetProperty("regency").GetString(), response.Json.GetProperty("indicator").GetString(), response.Json.GetProperty("period").GetString(), response.Json.GetProperty("count").GetInt32()));
        var changes = response.Json.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(("updated", 80.0, first.UploadId, 87.5, second.UploadId), (changes[0].GetProperty("change").GetString(), changes[0].GetProperty("previousValue").GetDouble(), changes[0].GetProperty("previousUploadId").GetString(), changes[0].GetProperty("value").GetDouble(), changes[0].GetProperty("uploadId").GetString()));
        Assert.Equal(("imported", false, 80.0, first.UploadId), (changes[1].GetProperty("change").GetString(), changes[1].TryGetProperty("previousValue", out _), changes[1].GetProperty("value").GetDouble(), changes[1].GetProperty("uploadId").GetString())); // no previous value: omitted, as nulls are
        Assert.StartsWith("key:", changes[0].GetProperty("keyId").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(changes[0].GetProperty("keyId").GetString(), changes[1].GetProperty("keyId").GetString()); // the admin's key, then the regency's
        Assert.DoesNotContain(app.AdminKey, response.Json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.KeyFor("13.07"), everything.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(3, everything.Json.GetProperty("count").GetInt32()); // 2023 did not change the second time
    }

    [Theory]
    [InlineData("?indicator=XYZ-99", "indicator", "Indikator 'XYZ-99' tidak ada di katalog")]
    [InlineData("?period=2024Q5", "period", "Periode '2024Q5' tidak dapat dibaca")]
    [InlineData("?period=2023&period=2024", "period", "Parameter period diberikan lebih dari sekali")]
    public async Task History_WithAFilterThatCannotBeRead_Is400_IndonesianFirst(string query, string parameter, string indonesian)
    {
        await using var app = await TestApp.CreateAsync();

        var response = await HistoryAsync(app, app.As("13.07", Requests.Get(query)));

        Assert.Equal((400, true, parameter), (response.Status, response.IsProblem, response.Parameter));
        Assert.StartsWith(indonesian, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(indonesian, response.Json.GetProperty("message_id").GetString(), StringComparison.Ordinal);
        Assert.Contains(response.Json.GetProperty("message").GetString()!, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OfAnotherRegencyOrProvince_Is403_AndAnUnknownRegency404()
    {
        await using var app = await TestApp.CreateAsync();
        var otherProvince = (await app.Keys.CreateAsync(Role.Province, null, null, "walidata 32", CancellationToken.None, "32")).Plaintext;

        Assert.Equal(403, (await HistoryAsync(app, app.As("13.07", Requests.Get()), "32.01")).Status);
        Assert.Equal(403, (await HistoryAsync(app, Requests.Get().WithBearer(otherProvince))).Status);
        Assert.Equal(404, (await HistoryAsync(app, app.AsAdmin(Requests.Get()), "99.99")).Status);
        Assert.Equal(401, (await HistoryAsync(app, Requests.Get())).Status);
    }
}
