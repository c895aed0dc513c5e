namespace Readiness.Functions.Tests.Http;

public class GetUploadTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private static async Task<Response> PostAsync(TestApp app, string csv, string query = "") =>
        Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(csv, query: query)), "13.07", app.Context));

    [Fact]
    public async Task Get_StoredUpload_Returns200WithTheSameSummaryAsThePost()
    {
        await using var app = await TestApp.CreateAsync();
        var posted = await PostAsync(app, PostUploadTests.LongFile());

        var response = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "Kabupaten Lima Puluh Kota", posted.UploadId, app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal(posted.UploadId, response.UploadId);
        Assert.Equal("Completed", response.Upload.GetProperty("status").GetString());
        Assert.Equal(220, response.Upload.GetProperty("imported").GetInt32());
        Assert.Equal(posted.Upload.GetProperty("sha256").GetString(), response.Upload.GetProperty("sha256").GetString());
        Assert.True(response.Report.GetProperty("valid").GetBoolean());
        Assert.Equal(posted.Report.GetProperty("rows").GetInt32(), response.Report.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task Get_RejectedUpload_ReturnsItsStoredReport()
    {
        await using var app = await TestApp.CreateAsync();
        var posted = await PostAsync(app, Header + "13.07,GOV-01,2024,87.5\n13.07,GOV-01,2024Q5,1\n");
        Assert.Equal(422, posted.Status);

        var response = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", posted.UploadId, app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("Rejected", response.Upload.GetProperty("status").GetString());
        Assert.Equal(["invalid-period"], response.ErrorCodes);
        Assert.Equal(1, response.Report.GetProperty("rejected").GetInt32());
    }

    [Theory]
    [InlineData("20240101T000000000-deadbeef")]
    [InlineData("../../etc/passwd")]
    public async Task Get_UnknownUpload_Returns404(string id)
    {
        await using var app = await TestApp.CreateAsync();
        await PostAsync(app, PostUploadTests.LongFile());

        var response = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", id, app.Context));

        Assert.Equal(404, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("id", response.Parameter);
    }

    [Fact]
    public async Task Get_UploadUnderAnotherRegency_Returns404()
    {
        await using var app = await TestApp.CreateAsync();
        var posted = await PostAsync(app, PostUploadTests.LongFile());

        var response = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "32.71", posted.UploadId, app.Context));

        Assert.Equal(404, response.Status);
        Assert.Equal("id", response.Parameter);
    }

    [Fact]
    public async Task Get_UnknownRegency_Returns404NamingTheRoute()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "99.99", "20240101T000000000-deadbeef", app.Context));

        Assert.Equal(404, response.Status);
        Assert.Equal("code", response.Parameter);
    }

    [Fact]
    public async Task List_ReturnsTheRecentUploadsNewestFirst()
    {
        await using var app = await TestApp.CreateAsync();
        var first = await PostAsync(app, Header + "13.07,GOV-01,2024,80\n");
        var second = await PostAsync(app, Header + "13.07,GOV-01,2024,85\n", "?dryRun=true");
        var third = await PostAsync(app, Header + "13.07,GOV-01,2024,90\n");

        var all = Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get()), "13.07", app.Context));
        var top = Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get("?top=2")), "13.07", app.Context));

        Assert.Equal(200, all.Status);
        Assert.Equal("13.07", all.Json.GetProperty("regency").GetString());
        Assert.Equal(3, all.Json.GetProperty("count").GetInt32());
        Assert.Equal([third.UploadId, second.UploadId, first.UploadId], Ids(all));
        Assert.Equal(["Completed", "Validated", "Completed"], all.Json.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("status").GetString()));
        Assert.Equal([third.UploadId, second.UploadId], Ids(top));
        Assert.Equal(2, top.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task List_OfARegencyWithoutUploads_IsEmpty()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get()), "Kota Bogor", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("32.71", response.Json.GetProperty("regency").GetString());
        Assert.Equal(0, response.Json.GetProperty("uploads").GetArrayLength());
    }

    [Theory]
    [InlineData("?top=0")]
    [InlineData("?top=101")]
    [InlineData("?top=-1")]
    [InlineData("?top=abc")]
    [InlineData("?top=5&top=6")]
    public async Task List_TopOutOfRange_Returns400(string query)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get(query)), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("top", response.Parameter);
    }

    [Fact]
    public async Task List_AmbiguousRegency_Returns400()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get()), "Bogor", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("code", response.Parameter);
        Assert.Equal(2, response.Json.GetProperty("candidates").GetArrayLength());
    }

    private static List<string> Ids(Response list) =>
        [.. list.Json.GetProperty("uploads").EnumerateArray().Select(u => u.GetProperty("uploadId").GetString()!)];
}
