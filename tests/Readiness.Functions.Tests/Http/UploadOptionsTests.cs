using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using Readiness.Functions.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

public class UploadOptionsTests
{
    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));

    [Fact]
    public void NoOptions_AreAtomicStoringKemendagriWithTheLocaleFromTheFile()
    {
        var options = UploadOptions.Parse(Query("?code=function-key"));

        Assert.True(options.Ok);
        Assert.Equal(new UploadOptions { Mode = ImportMode.Atomic, DryRun = false, Locale = null, Scheme = RegencyScheme.Kemendagri }, options.Value);
    }

    [Theory]
    [InlineData("?mode=PARTIAL&dryRun=true&locale=id-ID&regencyScheme=bps", ImportMode.Partial, true, NumberStyle.DecimalComma, RegencyScheme.Bps)]
    [InlineData("?mode=atomic&dryRun&locale=en-us&regencyScheme=Kemendagri", ImportMode.Atomic, true, NumberStyle.DecimalPoint, RegencyScheme.Kemendagri)]
    [InlineData("?dryRun=false&locale=auto", ImportMode.Atomic, false, null, RegencyScheme.Kemendagri)]
    public void Options_AreReadCaseInsensitively(string query, ImportMode mode, bool dryRun, NumberStyle? locale, RegencyScheme scheme)
    {
        var parsed = UploadOptions.Parse(Query(query));

        Assert.True(parsed.Ok);
        Assert.Null(parsed.Error);
        var options = parsed.Value;
        Assert.Equal((mode, dryRun, locale, scheme), (options.Mode, options.DryRun, options.Locale, options.Scheme));
        var request = options.ToRequest(Samples.RegencyOf("13.07"), "data.csv", "key:k1");
        Assert.Equal(("13.07", mode, dryRun, locale, scheme, "data.csv", UploadSource.Http, "key:k1"), (request.Regency?.Code, request.Mode, request.DryRun, request.Locale, request.Scheme, request.FileName, request.Source, request.KeyId));
    }

    [Theory]
    [InlineData(null, UploadSource.Http)]
    [InlineData("portal", UploadSource.Portal)]
    [InlineData(" Portal ", UploadSource.Portal)]
    [InlineData("my-script", UploadSource.Http)]
    [InlineData("", UploadSource.Http)]
    public void ClientHeader_MarksThePortalsUploads_AnyOtherValueIsAnApiClient(string? header, UploadSource source)
    {
        var headers = new HeaderDictionary();
        if (header is not null)
        {
            headers[UploadOptions.ClientHeader] = header;
        }

        var options = UploadOptions.Parse(Query("?dryRun=true")).Value with { Source = UploadOptions.ClientSource(headers) };

        Assert.Equal((source, true), (options.ToRequest(null, null, "key:k1").Source, options.DryRun));
    }

    [Fact]
    public void ClientHeader_GivenTwice_IsAnApiClient()
    {
        var headers = new HeaderDictionary { [UploadOptions.ClientHeader] = new Microsoft.Extensions.Primitives.StringValues(["portal", "portal"]) };

        Assert.Equal(UploadSource.Http, UploadOptions.ClientSource(headers));
    }

    [Theory]
    [InlineData("?mode=all", "mode", "all")]
    [InlineData("?dryRun=perhaps", "dryRun", "perhaps")]
    [InlineData("?locale=de-DE", "locale", "de-DE")]
    [InlineData("?regencyScheme=iso3166", "regencyScheme", "iso3166")]
    [InlineData("?locale=id-ID&locale=en-US", "locale", "id-ID,en-US")]
    public void BadOption_IsNamedWithItsValue(string query, string parameter, string value)
    {
        var parsed = UploadOptions.Parse(Query(query));

        Assert.False(parsed.Ok);
        Assert.Throws<InvalidOperationException>(() => parsed.Value);
        var error = parsed.Error;
        Assert.Equal((parameter, value), (error.Parameter, error.Value));
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true, 20)]
    [InlineData("?top=1", true, 1)]
    [InlineData("?top=100", true, 100)]
    [InlineData("?top=101", false, 0)]
    [InlineData("?top=+5", false, 0)]
    public void Top_IsAWholeNumberUpToTheMaximum(string query, bool ok, int expected)
    {
        var top = QueryOptions.Top(Query(query), 20, 100);

        Assert.Equal(ok, top.Ok);
        Assert.Equal(ok, top.Error is null);
        if (ok)
        {
            Assert.Equal(expected, top.Value);
        }
    }
}
