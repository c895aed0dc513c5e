using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>The upload routes over a real socket: bodies as clients send them (raw, multipart, chunked), refusals,
/// the background path with its <c>Location</c>, reading and listing uploads, and the admin's replay.</summary>
public class UploadTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    private const string Valid = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2024,72.5
        13.07,GOV-02,2024,2.41
        """;

    private static string Uploads(string regency = ApiHostFixture.Regency) => $"api/regencies/{regency}/uploads";

    [Fact]
    public async Task RawCsvBody_IsImported_AndAnsweredWithTheJsonSummary()
    {
        using var response = await api.Officer.PostAsync(Uploads(), ApiHostFixture.Csv(Valid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(response)?.MediaType);
        var body = await ApiHostFixture.JsonAsync(response);
        Assert.Equal("Completed", body.GetProperty("upload").GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("upload").GetProperty("values").GetInt32());
    }

    [Fact]
    public async Task MultipartForm_WithTheSampleFile_IsImportedUnderItsFileName()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ApiHostFixture.SampleFile);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "lima-puluh-kota.csv");

        using var response = await api.Officer.PostAsync(Uploads(), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upload = (await ApiHostFixture.JsonAsync(response)).GetProperty("upload");
        Assert.Equal("lima-puluh-kota.csv", upload.GetProperty("fileName").GetString());
        Assert.Equal("Completed", upload.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ChunkedBody_WithoutContentLength_IsImported()
    {
        using var content = new UnknownLengthContent(Encoding.UTF8.GetBytes(Valid), "text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, Uploads()) { Content = content };

        using var response = await api.Officer.SendAsync(request);

        Assert.True(request.Headers.TransferEncodingChunked ?? content.Headers.ContentLength is null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await ApiHostFixture.JsonAsync(response)).GetProperty("upload").GetProperty("values").GetInt32());
    }

    [Fact]
    public async Task InvalidFile_Is422_WithTheReportNamingCells()
    {
        using var response = await api.Officer.PostAsync(Uploads(), ApiHostFixture.Csv("regency_code,indicator_code,period,value\n13.07,GOV-99,2024,5\n"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/json", ApiHostFixture.TypeOf(response)?.MediaType);
        var body = await ApiHostFixture.JsonAsync(response);
        Assert.Equal("Rejected", body.GetProperty("upload").GetProperty("status").GetString());
        Assert.NotEmpty(body.GetProperty("report").GetProperty("errors").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("correlationId").GetString()));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/pdf")]
    public async Task NotCsvMediaType_Is415Problem(string mediaType)
    {
        using var content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);

        using var response = await api.Officer.PostAsync(Uploads(), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", ApiHostFixture.TypeOf(response)?.MediaType);
    }

    [Fact]
    public async Task NoKey_Is401WithBearerChallenge_AndKeyOfAnotherRegency_Is403()
    {
        using var anonymous = await api.Anonymous.PostAsync(Uploads(), ApiHostFixture.Csv(Valid));
        using var other = await api.Host.ClientWithKey(api.OtherRegencyKey).PostAsync(Uploads(), ApiHostFixture.Csv(Valid));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", Assert.Single(anonymous.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", ApiHostFixture.TypeOf(other)?.MediaType);
    }

    [Fact]
    public async Task ApiKeyHeader_IsAcceptedLikeBearer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uploads()) { Headers = { { "X-Api-Key", api.RegencyKey } } };

        using var response = await api.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AsyncUpload_Is202WithLocation_AndTheQueueFunctionCompletesIt()
    {
        using var response = await api.Officer.PostAsync(Uploads() + "?async=true", ApiHostFixture.Csv(Valid));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        var id = (await ApiHostFixture.JsonAsync(response)).GetProperty("upload").GetProperty("uploadId").GetString();
        Assert.Equal($"/api/regencies/13.07/uploads/{id}", location.OriginalString);

        // The queue is polled with host.json's back-off (10 s at most while idle).
        var status = "";
        for (var attempt = 0; attempt < 150 && status is not ("Completed" or "Failed" or "Rejected"); attempt++)
        {
            await Task.Delay(200);
            using var poll = await api.Officer.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            status = (await ApiHostFixture.JsonAsync(poll)).GetProperty("upload").GetProperty("status").GetString();
        }

        Assert.Equal("Completed", status);
    }

    [Fact]
    public async Task GetUpload_AndList_AnswerWhatWasStored_UnknownIs404()
    {
        using var posted = await api.Officer.PostAsync(Uploads(), ApiHostFixture.Csv(Valid));
        var id = (await ApiHostFixture.JsonAsync(posted)).GetProperty("upload").GetProperty("uploadId").GetString();

        using var one = await api.Officer.GetAsync($"{Uploads()}/{id}");
        using var list = await api.Officer.GetAsync(Uploads() + "?top=100");
        using var unknown = await api.Officer.GetAsync($"{Uploads()}/no-such-upload");
        using var badTop = await api.Officer.GetAsync(Uploads() + "?top=0");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(id, (await ApiHostFixture.JsonAsync(one)).GetProperty("upload").GetProperty("uploadId").GetString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains((await ApiHostFixture.JsonAsync(list)).GetProperty("uploads").EnumerateArray(), u => u.GetProperty("uploadId").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", ApiHostFixture.TypeOf(unknown)?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
    }

    [Fact]
    public async Task Replay_OfACompletedUpload_Is409_UnknownIs404_ForAnOfficer403()
    {
        using var posted = await api.Officer.PostAsync(Uploads(), ApiHostFixture.Csv(Valid));
        var id = (await ApiHostFixture.JsonAsync(posted)).GetProperty("upload").GetProperty("uploadId").GetString();

        using var final = await api.Admin.PostAsync($"{Uploads()}/{id}/replay", null);
        using var unknown = await api.Admin.PostAsync($"{Uploads()}/no-such-upload/replay", null);
        using var officer = await api.Officer.PostAsync($"{Uploads()}/{id}/replay", null);

        Assert.Equal(HttpStatusCode.Conflict, final.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officer.StatusCode);
    }

    [Fact]
    public async Task UnknownRegency_Is404Problem_NamingTheCode()
    {
        using var response = await api.Admin.PostAsync(Uploads("99.99"), ApiHostFixture.Csv(Valid));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("code", (await ApiHostFixture.JsonAsync(response)).GetProperty("parameter").GetString());
    }

    /// <summary>A body whose length is not known in advance: HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            foreach (var chunk in _bytes.Chunk(7))
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
