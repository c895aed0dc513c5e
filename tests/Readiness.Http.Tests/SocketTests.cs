using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>
/// What only a socket shows: bodies answered before they were read (over the limit, without credentials), sent the
/// way browsers send them (no <c>Expect: 100-continue</c>), a lying <c>Content-Length</c>; and the host's own answers
/// (unknown routes and methods, an exception escaping a function).
/// </summary>
public class SocketTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    /// <summary>Above the default 20 MB upload limit, below the Functions host's 100 MB cap.</summary>
    private static readonly byte[] Oversize = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("13.07,GOV-01,2024,72.5\n", 25 * 1024 * 1024 / 23)));

    [Fact]
    public async Task OversizeUpload_WithoutExpectContinue_Gets413Json_AfterItsBodyWasRead_SoTheConnectionServesTheNextRequest()
    {
        await using var wire = new Wire(api.Host.BaseAddress);
        await wire.SendAsync("POST", "/api/regencies/13.07/uploads",
            [("Authorization", "Bearer " + api.RegencyKey), ("Content-Type", "text/csv"), ("Content-Length", Oversize.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            Oversize);

        var refused = await wire.ReadResponseAsync();
        await wire.SendAsync("GET", "/api/indicators", [("Authorization", "Bearer " + api.RegencyKey)], []);
        var next = await wire.ReadResponseAsync();

        Assert.Equal(413, refused.Status);
        Assert.StartsWith("application/problem+json", refused.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.FileTooLarge, JsonDocument.Parse(refused.Body).RootElement.GetProperty("code").GetString());
        Assert.False(refused.Headers.TryGetValue("connection", out var connection) && connection == "close");
        Assert.Equal(200, next.Status);
    }

    [Fact]
    public async Task OversizeUpload_WithoutAKey_Gets401_AfterItsBodyWasRead()
    {
        await using var wire = new Wire(api.Host.BaseAddress);
        await wire.SendAsync("POST", "/api/regencies/13.07/uploads",
            [("Content-Type", "text/csv"), ("Content-Length", Oversize.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            Oversize);

        var refused = await wire.ReadResponseAsync();
        await wire.SendAsync("GET", "/api/indicators", [], []);
        var next = await wire.ReadResponseAsync();

        Assert.Equal(401, refused.Status);
        Assert.Equal("Bearer", refused.Headers["www-authenticate"]);
        Assert.Equal(401, next.Status);
    }

    [Fact]
    public async Task OversizeChunkedUpload_Gets413Json_CountedWhileStreaming()
    {
        using var content = new StreamContent(new MemoryStream(Oversize));
        content.Headers.ContentType = new("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/regencies/13.07/uploads") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await api.Officer.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await ApiHostFixture.JsonAsync(response);
        Assert.Equal(ErrorCodes.FileTooLarge, body.GetProperty("report").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task ContentLengthLargerThanTheBodySent_IsAnsweredWhenTheBodyStopsComing_NotA500()
    {
        await using var wire = new Wire(api.Host.BaseAddress);
        var sent = Encoding.ASCII.GetBytes("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n");
        await wire.SendAsync("POST", "/api/regencies/13.07/uploads",
            [("Authorization", "Bearer " + api.RegencyKey), ("Content-Type", "text/csv"), ("Content-Length", "100000")], sent);

        // The rest never comes: Kestrel's minimum body data rate (240 B/s after a 5 s grace) ends the wait.
        var response = await wire.ReadResponseAsync();

        Assert.Equal(408, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        using var list = await api.Officer.GetAsync("api/regencies/13.07/uploads?top=100");
        Assert.DoesNotContain((await ApiHostFixture.JsonAsync(list)).GetProperty("uploads").EnumerateArray(), u => u.GetProperty("status").GetString() == "Completed" && u.GetProperty("bytes").GetInt64() == sent.Length);
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("GET", "/indicators")]
    [InlineData("DELETE", "/api/indicators")]
    [InlineData("PATCH", "/api/regencies/13.07/uploads")]
    public async Task UnknownRouteOrMethod_Is404(string method, string path)
    {
        using var response = await api.Officer.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/')));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/INDICATORS")]
    [InlineData("API/Indicators/")]
    [InlineData("api/indicators/")]
    public async Task Routes_AreCaseInsensitive_AndTolerateATrailingSlash(string path)
    {
        using var response = await api.Officer.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(response)?.MediaType);
    }

    [Fact]
    public async Task ExceptionEscapingAFunction_IsABare500()
    {
        // Without ImportService the upload functions' class cannot be made: the failure is outside the function's guard.
        await using var broken = await LocalApiHost.StartAsync(new LocalApiHostOptions
        {
            LoadSampleRegistry = false,
            RunQueues = false,
            ConfigureServices = services => services.RemoveAll<ImportService>(),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.None,
        });

        using var response = await broken.Client.GetAsync("api/regencies/13.07/uploads");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
