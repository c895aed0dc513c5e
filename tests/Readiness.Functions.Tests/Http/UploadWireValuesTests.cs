namespace Readiness.Functions.Tests.Http;

/// <summary>An upload's mode, locale and regency scheme are typed inside the app and answered as they always were.</summary>
public class UploadWireValuesTests
{
    private const string Csv = "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,87\n";

    [Theory]
    [InlineData("", "atomic", null, "kemendagri")]
    [InlineData("?mode=partial&locale=id&regencyScheme=bps", "partial", "id-ID", "bps")]
    [InlineData("?locale=en-us&regencyScheme=Kemendagri", "atomic", "en-US", "kemendagri")]
    public async Task PostAndGet_AnswerModeLocaleAndSchemeByTheirNames(string query, string mode, string? locale, string scheme)
    {
        await using var app = await TestApp.CreateAsync();

        var posted = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(Csv, query: query)), "13.07", app.Context));
        var read = Response.Of(await app.Functions.GetUpload(app.AsAdmin(Requests.Get()), "13.07", posted.UploadId, app.Context));

        Assert.Equal(200, posted.Status);
        foreach (var upload in new[] { posted.Upload, read.Upload })
        {
            Assert.Equal(mode, upload.GetProperty("mode").GetString());
            Assert.Equal(locale, upload.TryGetProperty("locale", out var value) ? value.GetString() : null);
            Assert.Equal(scheme, upload.GetProperty("regencyScheme").GetString());
        }
    }
}
