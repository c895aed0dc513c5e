using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Functions.Http;
using Readiness.Functions.Tests.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Access;

/// <summary>The shared access check beyond the matrix: one 401 for every bad credential, canonical regencies, clear
/// 403s, completeness scoped to the caller, trusted principals, and keys kept out of logs and answers.</summary>
public class AccessGuardTests
{
    private const string SmallFile = "indicator_code,period,value\nGOV-01,2024,87.5\n";

    [Fact]
    public async Task Unauthorized_IsOneAnswerForMissingUnknownMalformedExpiredAndRevokedKeys()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await TestApp.CreateAsync(clock: clock);
        var (revoked, revokedKey) = await app.Keys.CreateAsync(Role.Admin, null, null, null, CancellationToken.None);
        await app.Keys.RevokeAsync(revoked.Id, CancellationToken.None);
        var expiredKey = (await app.Keys.CreateAsync(Role.Admin, null, 1, null, CancellationToken.None)).Plaintext;
        clock.Advance(TimeSpan.FromDays(1));
        var secretOfAValidKey = app.AdminKey[^64..];

        var requests = new[]
        {
            Requests.Get("?year=2024"),
            Requests.Get("?year=2024").WithBearer(AccessFixture.UnknownKey),
            Requests.Get("?year=2024").WithBearer("rdy_0123456789abcdef_" + secretOfAValidKey),
            Requests.Get("?year=2024").WithBearer("garbage"),
            Requests.Get("?year=2024").WithBearer(""),
            Requests.Get("?year=2024").WithApiKey(app.AdminKey.ToUpperInvariant()),
            Requests.Get("?year=2024").WithBearer(revokedKey),
            Requests.Get("?year=2024").WithApiKey(expiredKey),
        };
        var answers = new List<string>();
        foreach (var request in requests)
        {
            var result = Assert.IsType<ContentResult>(await app.Create<ScoreFunctions>().GetScores(request, app.Context));
            Assert.Equal(401, result.StatusCode);
            Assert.Equal("Bearer", request.HttpContext.Response.Headers.WWWAuthenticate.ToString());
            answers.Add(result.Content!);
        }

        Assert.Single(answers.Distinct());
        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(Requests.Get("?year=2024"), app.Context));
        Assert.Equal(ApiAccess.UnauthorizedDetail, response.Json.GetProperty("detail").GetString());
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task BearerAndXApiKey_AreBothAccepted_AndTheSchemeIsCaseInsensitive()
    {
        await using var app = await TestApp.CreateAsync();
        var functions = app.Create<CatalogFunctions>();

        var bearer = await functions.GetIndicators(Requests.Get().WithBearer(app.KeyFor("13.07")), app.Context);
        var header = await functions.GetIndicators(Requests.Get().WithApiKey(app.KeyFor("13.07")), app.Context);
        var lower = Requests.Get();
        lower.Headers.Authorization = "bearer " + app.KeyFor("13.07");

        Assert.Equal(200, Response.Of(bearer).Status);
        Assert.Equal(200, Response.Of(header).Status);
        Assert.Equal(200, Response.Of(await functions.GetIndicators(lower, app.Context)).Status);
    }

    [Theory]
    [InlineData("13.07", "")]
    [InlineData("1307", "")]
    [InlineData("Kabupaten Lima Puluh Kota", "")]
    [InlineData("50 Kota", "")]
    [InlineData("1308", "?regencyScheme=bps")]
    public async Task RegencyKey_ActsForItsRegency_HoweverTheRouteNamesIt(string route, string query)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile, query: query)), route, app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("13.07", response.Upload.GetProperty("regency").GetString());
    }

    [Theory]
    [InlineData("32.71", "")]
    [InlineData("Kota Bogor", "")]
    [InlineData("1307", "?regencyScheme=bps")] // BPS 1307 is Kabupaten Agam (13.06), not 13.07
    public async Task RegencyKey_ForAnotherRegency_Is403NamingWhatTheKeyMayDo(string route, string query)
    {
        await using var app = await TestApp.CreateAsync();
        var before = await app.Imports.ListAsync("13.06", 10, CancellationToken.None);

        var response = Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile, query: query)), route, app.Context));

        Assert.Equal(403, response.Status);
        Assert.True(response.IsProblem);
        var detail = response.Json.GetProperty("detail").GetString()!;
        Assert.Contains("This key is for regency 13.07", detail, StringComparison.Ordinal);
        Assert.Contains("may upload data for 13.07", detail, StringComparison.Ordinal);
        Assert.Equal("regency", response.Json.GetProperty("role").GetString());
        Assert.Equal("13.07", response.Json.GetProperty("regency").GetString());
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        Assert.Equal(before.Count, (await app.Imports.ListAsync("13.06", 10, CancellationToken.None)).Count);
        Assert.Empty(await app.StoredAsync("32.71"));
    }

    [Fact]
    public async Task RegencyKey_OnAnAdminEndpoint_Is403SayingItIsForOperators()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().RecomputeScores(app.As("13.07", Requests.Send("POST")), app.Context));

        Assert.Equal(403, response.Status);
        Assert.Contains("ministry operators", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultiRegencyFolder_IsReadableByAdminsOnly()
    {
        await using var app = await TestApp.CreateAsync();

        Assert.Equal(403, Response.Of(await app.Functions.ListUploads(app.As("13.07", Requests.Get()), "all", app.Context)).Status);
        Assert.Equal(200, Response.Of(await app.Functions.ListUploads(app.AsAdmin(Requests.Get()), "all", app.Context)).Status);
    }

    [Fact]
    public async Task UnknownRegency_Is401WithoutAKey_And404WithOne()
    {
        await using var app = await TestApp.CreateAsync();

        var anonymous = Response.Of(await app.Functions.ListUploads(Requests.Get(), "99.99", app.Context));
        var regency = Response.Of(await app.Functions.ListUploads(app.As("13.07", Requests.Get()), "99.99", app.Context));
        var badScheme = Response.Of(await app.Functions.ListUploads(app.As("13.07", Requests.Get("?regencyScheme=x")), "13.07", app.Context));

        Assert.Equal(401, anonymous.Status);
        Assert.Equal(404, regency.Status);
        Assert.Equal("code", regency.Parameter);
        Assert.Equal(400, badScheme.Status);
        Assert.Equal("regencyScheme", badScheme.Parameter);
    }

    [Fact]
    public async Task Completeness_IsEveryRegencyForAnAdmin_AndItsOwnRowForARegencyKey()
    {
        await using var app = await TestApp.CreateAsync();
        await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile)), "13.07", app.Context);
        var functions = app.Create<CompletenessFunctions>();

        var admin = Response.Of(await functions.GetCompleteness(app.AsAdmin(Requests.Get("?year=2024")), app.Context));
        var own = Response.Of(await functions.GetCompleteness(app.As("13.07", Requests.Get("?year=2024")), app.Context));
        var other = Response.Of(await functions.GetCompleteness(app.As("32.71", Requests.Get("?year=2024")), app.Context));

        Assert.Equal(Samples.Registry.Count, admin.Json.GetProperty("count").GetInt32());
        var row = Assert.Single(own.Json.GetProperty("regencies").EnumerateArray());
        Assert.Equal("13.07", row.GetProperty("regencyCode").GetString());
        Assert.Equal(["GOV-01"], row.GetProperty("reported").EnumerateArray().Select(e => e.GetString()));
        var otherRow = Assert.Single(other.Json.GetProperty("regencies").EnumerateArray());
        Assert.Equal("32.71", otherRow.GetProperty("regencyCode").GetString());
        Assert.Empty(otherRow.GetProperty("reported").EnumerateArray());
        Assert.Equal(400, Response.Of(await functions.GetCompleteness(app.AsAdmin(Requests.Get()), app.Context)).Status);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Readiness.Reader"}]}""")]
    [InlineData("""{"auth_typ":"aad","claims":[]}""")]
    [InlineData("""{"auth_typ":"aad"}""")]
    [InlineData("not json")]
    public async Task TrustedPrincipal_WithoutTheAdminRole_Is401(string principal)
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<AccessOptions>(o => o.TrustAppServiceAuth = true));
        var request = Requests.Get();
        request.Headers[AccessPolicy.PrincipalHeader] = AccessFixture.Principal(principal);

        var response = Response.Of(await app.Create<SourceFunctions>().ListSources(request, app.Context));

        Assert.Equal(401, response.Status);
    }

    [Fact]
    public async Task TrustedPrincipal_IsNotBase64_Is401()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<AccessOptions>(o => o.TrustAppServiceAuth = true));
        var request = Requests.Get();
        request.Headers[AccessPolicy.PrincipalHeader] = "%%%";

        Assert.Equal(401, Response.Of(await app.Create<SourceFunctions>().ListSources(request, app.Context)).Status);
    }

    [Fact]
    public async Task Keys_NeverAppearInLogsOrAnswers_AndOperatorActionsNameTheCaller()
    {
        await using var app = await TestApp.CreateAsync();
        var adminId = (await app.Keys.ListAsync(CancellationToken.None)).Single(k => k.Role == Role.Admin).Id;
        var answers = new List<string?>
        {
            (await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile)), "13.07", app.Context) as ContentResult)?.Content,
            (await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile)), "32.71", app.Context) as ContentResult)?.Content,
            (await app.Functions.PostUpload(Requests.Csv(SmallFile).WithBearer(AccessFixture.UnknownKey), "13.07", app.Context) as ContentResult)?.Content,
            (await app.Create<ScoreFunctions>().RecomputeScores(app.AsAdmin(Requests.Send("POST", "?year=2024")), app.Context) as ContentResult)?.Content,
            (await app.Create<ScoreFunctions>().RecomputeScores(app.As("32.71", Requests.Send("POST", "?year=2024")), app.Context) as ContentResult)?.Content,
        };
        string[] secrets = [app.AdminKey, app.KeyFor("13.07"), app.KeyFor("32.71"), AccessFixture.UnknownKey];

        foreach (var secret in secrets.SelectMany(k => new[] { k, k[^64..] }))
        {
            Assert.DoesNotContain(app.Log.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
            Assert.DoesNotContain(answers, a => a?.Contains(secret, StringComparison.Ordinal) ?? false);
        }

        Assert.Contains(app.Log.Entries, e => e.Message.Contains($"by key:{adminId}", StringComparison.Ordinal));
        Assert.Contains(app.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("refused for key:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokingAKey_TakesEffectOnTheNextRequest()
    {
        await using var app = await TestApp.CreateAsync();
        var (key, plaintext) = await app.Keys.CreateAsync(Role.Regency, "13.07", null, "rotated", CancellationToken.None);
        Assert.Equal(200, Response.Of(await app.Functions.PostUpload(Requests.Csv(SmallFile).WithBearer(plaintext), "13.07", app.Context)).Status);

        await app.Keys.RevokeAsync(key.Id, CancellationToken.None);

        Assert.Equal(401, Response.Of(await app.Functions.PostUpload(Requests.Csv(SmallFile).WithBearer(plaintext), "13.07", app.Context)).Status);
        // The regency's other key still works: keys rotate without a gap.
        Assert.Equal(200, Response.Of(await app.Functions.PostUpload(app.As("13.07", Requests.Csv(SmallFile)), "13.07", app.Context)).Status);
        Assert.Equal(2, (await app.Imports.ListAsync("13.07", 10, CancellationToken.None)).Count(u => u.Status == UploadStatus.Completed));
    }
}
