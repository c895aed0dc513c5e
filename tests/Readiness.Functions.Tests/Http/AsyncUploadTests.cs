using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Functions.Http;
using Readiness.Functions.Queues;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

public class AsyncUploadTests
{
    private const string SmallFile = "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,87.5\n";

    [Fact]
    public async Task Post_AsyncTrue_Returns202WithTheStatusLocationAndQueuesTheUpload()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Csv(SmallFile, query: "?async=true");

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "Kabupaten Lima Puluh Kota", app.Context));

        Assert.Equal(202, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("Queued", response.Upload.GetProperty("status").GetString());
        Assert.Equal("13.07", response.Upload.GetProperty("regency").GetString());
        Assert.Equal(SmallFile.Length, response.Upload.GetProperty("bytes").GetInt64());
        Assert.False(response.Json.TryGetProperty("report", out _)); // no report until the background run
        Assert.Equal($"/api/regencies/13.07/uploads/{response.UploadId}", request.HttpContext.Response.Headers.Location.ToString());
        Assert.Empty(await app.StoredAsync("13.07"));
        var message = Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads));
        Assert.Equal(("13.07", response.UploadId), (UploadRequestMessage.TryParse(message)!.RegencyCode, UploadRequestMessage.TryParse(message)!.UploadId));
    }

    [Fact]
    public async Task Post_AboveTheAsyncThreshold_Returns202AndBelowItStays200()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.AsyncThresholdBytes = 1000));

        var large = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(PostUploadTests.LongFile())), "13.07", app.Context));
        var small = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(SmallFile)), "13.07", app.Context));

        Assert.Equal((202, "Queued"), (large.Status, large.Upload.GetProperty("status").GetString()));
        Assert.Equal((200, "Completed"), (small.Status, small.Upload.GetProperty("status").GetString()));
        Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads));
        Assert.Single(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Location_ShowsQueuedThenCompletedOnceTheQueueFunctionRan()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Csv(PostUploadTests.LongFile(), query: "?async");
        var posted = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));
        var location = request.HttpContext.Response.Headers.Location.ToString();
        var id = location[(location.LastIndexOf('/') + 1)..];

        var queued = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", id, app.Context));
        foreach (var message in await app.DrainAsync(StorageNames.Queues.Uploads))
        {
            await app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None);
        }

        var done = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", id, app.Context));

        Assert.Equal(202, posted.Status);
        Assert.Equal(posted.UploadId, id);
        Assert.Equal((200, "Queued"), (queued.Status, queued.Upload.GetProperty("status").GetString()));
        Assert.Equal((200, "Completed", 220), (done.Status, done.Upload.GetProperty("status").GetString(), done.Upload.GetProperty("imported").GetInt32()));
        Assert.True(done.Report.GetProperty("valid").GetBoolean());
        Assert.Equal(220, (await app.StoredAsync("13.07")).Count);
    }

    [Fact]
    public async Task Post_AsyncDryRun_IsQueuedAndValidatedInTheBackgroundStoringNothing()
    {
        await using var app = await TestApp.CreateAsync();
        var posted = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(SmallFile, query: "?async=true&dryRun=true")), "13.07", app.Context));

        await app.Create<UploadQueueFunctions>().ProcessUpload(Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads)), app.Context, CancellationToken.None);

        var done = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", posted.UploadId, app.Context));
        Assert.Equal(202, posted.Status);
        Assert.Equal("Validated", done.Upload.GetProperty("status").GetString());
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Post_AsyncFalse_StaysSynchronous()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(SmallFile, query: "?async=false")), "13.07", app.Context));

        Assert.Equal((200, "Completed"), (response.Status, response.Upload.GetProperty("status").GetString()));
        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
    }

    [Theory]
    [InlineData("?async=later")]
    [InlineData("?async=true&async=false")]
    public async Task Post_BadAsyncOption_Returns400NamingIt(string query)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(SmallFile, query: query)), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("async", response.Parameter);
        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
    }

    [Theory]
    [InlineData("?async=true", true)]
    [InlineData("?async", true)]
    [InlineData("?ASYNC=Yes", true)]
    [InlineData("?async=0", false)]
    [InlineData("", false)]
    public void AsyncOption_IsAFlagCarriedIntoTheImportRequest(string query, bool expected)
    {
        var parsed = UploadOptions.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));

        Assert.True(parsed.Ok);
        var options = parsed.Value;

        Assert.Equal(expected, options.Async);
        Assert.Equal(expected, options.ToRequest(Samples.RegencyOf("13.07"), null, "key:k1").Async);
    }

    [Fact]
    public void StatusLocation_EscapesTheRouteValues()
    {
        Assert.Equal("/api/regencies/13.07/uploads/20240101T000000000-ab", UploadFunctions.StatusLocation("13.07", "20240101T000000000-ab"));
        Assert.Equal("/api/regencies/a%2Fb/uploads/x%20y", UploadFunctions.StatusLocation("a/b", "x y"));
    }
}
