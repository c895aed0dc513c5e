using Readiness.Core.Access;
using Readiness.Functions.Http;

namespace Readiness.Functions.Tests.Http;

/// <summary>The review routes as an officer, a Walidata and the ministry use them (issue 14).</summary>
public class ReviewFunctionsTests
{
    private static async Task<string> ProvinceKeyAsync(TestApp app, string province) =>
        (await app.Keys.CreateAsync(Role.Province, null, null, "walidata", CancellationToken.None, province)).Plaintext;

    private static async Task<Response> PostAsync(TestApp app, string key, string body, string regency = "13.07", string year = "2024") =>
        Response.Of(await app.Create<ReviewFunctions>().PostReview(Requests.Send("POST", body: body, contentType: "application/json").WithBearer(key), regency, year, app.Context));

    private static async Task<Response> GetAsync(TestApp app, string key, string regency = "13.07", string year = "2024") =>
        Response.Of(await app.Create<ReviewFunctions>().GetReview(Requests.Get().WithBearer(key), regency, year, app.Context));

    [Fact]
    public async Task Review_ShowsTheStateWhatTheCallerMayDoAndTheHistory_AndTheUploadOfALockedYearIs409()
    {
        await using var app = await TestApp.CreateAsync();
        var walidata = await ProvinceKeyAsync(app, "13");
        Assert.Equal(200, Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv("indicator_code,period,value\nGOV-01,2024,80\n")), "13.07", app.Context)).Status);

        var open = await GetAsync(app, app.KeyFor("13.07"));
        Assert.Equal(("Open", false), (open.Json.GetProperty("state").GetString(), open.Json.GetProperty("final").GetBoolean()));
        Assert.Equal(["submit"], open.Json.GetProperty("nextActions").EnumerateArray().Select(a => a.GetString()));
        Assert.False(open.Json.GetProperty("lock").GetProperty("locked").GetBoolean());

        var submitted = await PostAsync(app, app.KeyFor("13.07"), """{"action":"submit","comment":"data lengkap"}""");
        Assert.Equal(200, submitted.Status);
        Assert.Equal("Submitted", submitted.Json.GetProperty("review").GetProperty("state").GetString());
        var findings = submitted.Json.GetProperty("findings");
        Assert.Contains("GOV-01", findings.GetProperty("completeness").GetProperty("reported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, findings.GetProperty("qualityFlags").GetInt32());

        var seen = await GetAsync(app, walidata);
        Assert.Equal(["verify", "return"], seen.Json.GetProperty("nextActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("review", seen.Json.GetProperty("lock").GetProperty("reason").GetString());
        var step = Assert.Single(seen.Json.GetProperty("history").EnumerateArray());
        Assert.Equal(("submit", "Open", "Submitted", "regency", "data lengkap"),
            (step.GetProperty("action").GetString(), step.GetProperty("from").GetString(), step.GetProperty("to").GetString(), step.GetProperty("role").GetString(), step.GetProperty("comment").GetString()));
        Assert.StartsWith("key:", step.GetProperty("by").GetString(), StringComparison.Ordinal);

        var upload = Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv("indicator_code,period,value\nGOV-01,2024,81\n")), "13.07", app.Context));
        Assert.Equal(409, upload.Status);
        Assert.Equal(["period-locked"], upload.ErrorCodes);
        Assert.Equal("Rejected", upload.Upload.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ActionTheStateDoesNotAllow_Is409WithTheCurrentState_AndBadBodiesAre400()
    {
        await using var app = await TestApp.CreateAsync();
        Assert.Equal(200, (await PostAsync(app, app.KeyFor("13.07"), """{"action":"submit"}""")).Status);

        var approve = await PostAsync(app, app.AdminKey, """{"action":"approve"}""");
        Assert.Equal(409, approve.Status);
        Assert.True(approve.IsProblem);
        Assert.Equal("Submitted", approve.Json.GetProperty("state").GetString());
        Assert.Equal("Submitted", approve.Json.GetProperty("review").GetProperty("state").GetString());
        Assert.StartsWith("13.07 tahun 2024 berstatus Submitted", approve.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("only a Verified year can be approved", approve.Json.GetProperty("detail_en").GetString(), StringComparison.Ordinal);

        var noComment = await PostAsync(app, app.AdminKey, """{"action":"return"}""");
        Assert.Equal((400, "body"), (noComment.Status, noComment.Json.GetProperty("parameter").GetString()));
        Assert.Contains("comment", noComment.Json.GetProperty("detail_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("action", (await PostAsync(app, app.AdminKey, """{"action":"publish"}""")).Json.GetProperty("parameter").GetString());
        Assert.Equal("until", (await PostAsync(app, app.AdminKey, """{"action":"unlock","until":"31/03/2025"}""")).Json.GetProperty("parameter").GetString());
        Assert.Equal("body", (await PostAsync(app, app.AdminKey, "{not json")).Json.GetProperty("parameter").GetString());
        Assert.Equal(400, (await PostAsync(app, app.AdminKey, """{"action":"submit"}""", year: "20x4")).Status);
        Assert.Equal(404, (await PostAsync(app, app.AdminKey, """{"action":"submit"}""", regency: "99.99")).Status);
    }

    [Fact]
    public async Task WorkList_IsTheMinistrysWholeYear_AWalidatasProvince_AndARegencysOwnLine()
    {
        await using var app = await TestApp.CreateAsync();
        var walidata = await ProvinceKeyAsync(app, "13");
        await PostAsync(app, app.KeyFor("13.07"), """{"action":"submit"}""");
        await PostAsync(app, app.KeyFor("32.71"), """{"action":"submit"}""", regency: "32.71");

        async Task<IReadOnlyList<string?>> ListAsync(string key, string query)
        {
            var response = Response.Of(await app.Create<ReviewFunctions>().ListReviews(Requests.Get(query).WithBearer(key), app.Context));
            Assert.Equal(200, response.Status);
            return [.. response.Json.GetProperty("regencies").EnumerateArray().Select(r => r.GetProperty("regencyCode").GetString())];
        }

        Assert.Equal(["13.07", "32.71"], await ListAsync(app.AdminKey, "?year=2024&state=Submitted"));
        Assert.Equal(["13.07"], await ListAsync(app.AdminKey, "?year=2024&province=13&state=submitted"));
        Assert.Equal(["13.06", "13.07", "13.71"], await ListAsync(walidata, "?year=2024"));
        Assert.Empty(await ListAsync(walidata, "?year=2024&province=32"));
        Assert.Equal(["32.71"], await ListAsync(app.KeyFor("32.71"), "?year=2024"));

        var bad = Response.Of(await app.Create<ReviewFunctions>().ListReviews(Requests.Get("?year=2024&state=Done").WithBearer(app.AdminKey), app.Context));
        Assert.Equal((400, "state"), (bad.Status, bad.Json.GetProperty("parameter").GetString()));
        Assert.Equal(400, Response.Of(await app.Create<ReviewFunctions>().ListReviews(Requests.Get("?year=2024&province=1").WithBearer(app.AdminKey), app.Context)).Status);
        Assert.Equal(400, Response.Of(await app.Create<ReviewFunctions>().ListReviews(Requests.Get().WithBearer(app.AdminKey), app.Context)).Status);
    }

    [Fact]
    public async Task ProvinceKey_ReadsItsRegenciesUploadsCompletenessAndQuality_AndCannotUpload()
    {
        await using var app = await TestApp.CreateAsync();
        var walidata = await ProvinceKeyAsync(app, "13");
        var data = await app.Imports.ImportAsync(new Core.Ingestion.ImportRequest(), new MemoryStream("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,80\n32.71,GOV-01,2024,70\n"u8.ToArray()), CancellationToken.None);
        Assert.Equal(Core.Ingestion.UploadStatus.Completed, data.Upload.Status);

        var me = Response.Of(await app.Create<MeFunctions>().GetMe(Requests.Get().WithBearer(walidata), app.Context));
        Assert.Equal(("province", "13", "Sumatera Barat"), (me.Json.GetProperty("role").GetString(), me.Json.GetProperty("provinceCode").GetString(), me.Json.GetProperty("provinceName").GetString()));

        var completeness = Response.Of(await app.Create<CompletenessFunctions>().GetCompleteness(Requests.Get("?year=2024").WithBearer(walidata), app.Context));
        Assert.Equal(["13.06", "13.07", "13.71"], completeness.Json.GetProperty("regencies").EnumerateArray().Select(r => r.GetProperty("regencyCode").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(200, Response.Of(await app.Create<QualityFunctions>().GetQuality(Requests.Get("?year=2024").WithBearer(walidata), app.Context)).Status);
        Assert.Empty(Response.Of(await app.Create<QualityFunctions>().GetQuality(Requests.Get("?year=2024&regency=32.71").WithBearer(walidata), app.Context)).Json.GetProperty("flags").EnumerateArray());

        Assert.Equal(200, Response.Of(await app.Functions.ListUploads(Requests.Get().WithBearer(walidata), "13.07", app.Context)).Status);
        Assert.Equal(403, Response.Of(await app.Functions.ListUploads(Requests.Get().WithBearer(walidata), "32.71", app.Context)).Status);
        var upload = Response.Of(await app.Functions.PostUpload(Requests.Csv("indicator_code,period,value\nGOV-01,2024,81\n").WithBearer(walidata), "13.07", app.Context));
        Assert.Equal(403, upload.Status);
        Assert.Contains("province 13", upload.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("province", upload.Json.GetProperty("role").GetString());
    }

    [Fact]
    public async Task ReviewStatusAndWorkList_ShowTheOpenQualityFlags()
    {
        await using var app = await TestApp.CreateAsync();
        var walidata = await ProvinceKeyAsync(app, "13");
        // Four clean years of 13.07's BRA-03, then a 2024 value typed a thousandfold.
        var history = await app.Imports.ImportAsync(new Core.Ingestion.ImportRequest(), new MemoryStream(
            "regency_code,indicator_code,period,value\n13.07,BRA-03,2020,1180\n13.07,BRA-03,2021,1210\n13.07,BRA-03,2022,1230\n13.07,BRA-03,2023,1250\n13.07,BRA-03,2024,1250000\n13.71,BRA-03,2024,900\n"u8.ToArray()), CancellationToken.None);
        Assert.Equal(Core.Ingestion.UploadStatus.Completed, history.Upload.Status);

        var review = await GetAsync(app, walidata);
        Assert.Equal(1, review.Json.GetProperty("openFlags").GetInt32());
        var flag = Assert.Single(review.Json.GetProperty("flags").EnumerateArray());
        Assert.Equal(("possible-thousands-error", "BRA-03", 1250.0), (flag.GetProperty("code").GetString(), flag.GetProperty("subject").GetString(), flag.GetProperty("reference").GetDouble()));
        Assert.Equal(0, (await GetAsync(app, walidata, regency: "13.71")).Json.GetProperty("openFlags").GetInt32());
        Assert.Equal(0, (await GetAsync(app, walidata, year: "2023")).Json.GetProperty("openFlags").GetInt32());

        var list = Response.Of(await app.Create<ReviewFunctions>().ListReviews(Requests.Get("?year=2024").WithBearer(walidata), app.Context));
        Assert.Equal(
            [("13.06", 0), ("13.07", 1), ("13.71", 0)],
            list.Json.GetProperty("regencies").EnumerateArray().Select(r => (r.GetProperty("regencyCode").GetString(), r.GetProperty("openFlags").GetInt32())));

        // The submission's findings are the same flags.
        var submitted = await PostAsync(app, app.KeyFor("13.07"), """{"action":"submit"}""");
        Assert.Equal(1, submitted.Json.GetProperty("findings").GetProperty("qualityFlags").GetInt32());
        Assert.Equal(1, submitted.Json.GetProperty("review").GetProperty("openFlags").GetInt32());
    }
}
