using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Access;
using Readiness.Functions.Http;
using Readiness.Functions.OpenApi;
using Readiness.Functions.Portal;
using Readiness.Functions.Tests.Http;
using Readiness.Functions.Tests.Metadata;
using static Readiness.Functions.Tests.Access.AccessFixture;

namespace Readiness.Functions.Tests.Access;

/// <summary>Who presents what: every column of the authorization matrix.</summary>
public enum Credential
{
    None,
    UnknownKey,
    MalformedKey,
    RevokedKey,
    ExpiredKey,
    OtherRegencyKey,
    OwnRegencyKey,
    /// <summary>A province (Walidata) key of the own regency's province.</summary>
    OwnProvinceKey,
    OtherProvinceKey,
    OwnRegencyKeyAsXApiKey,
    AdminKey,
    AdminKeyAsXApiKey,
    EntraAdminTrusted,
    EntraAdminUntrusted,
}

/// <summary>
/// The authorization matrix: every HTTP endpoint × every kind of credential, asserting the status code. An
/// endpoint's row is its declared permission and the status it answers an allowed caller; the expected status of
/// each cell follows from the rules of issue 5 (<see cref="Expected"/>). The endpoint list must match the HTTP
/// functions of the built <c>functions.metadata</c>, so a new endpoint cannot be added without its row.
/// </summary>
public class AuthorizationMatrixTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    /// <summary>One row: the function, what it declares (null: public, no check at all), what it answers when allowed,
    /// and how to call it.</summary>
    internal sealed record Endpoint(string Function, Permission? Permission, int Allowed, Func<PreparedApp, Func<HttpRequest, HttpRequest>, Task<IActionResult>> Call);

    internal static readonly Endpoint[] Endpoints =
    [
        new(nameof(UploadFunctions.PostUpload), Permission.ActForRegency, 200, (p, auth) =>
            p.App.Functions.PostUpload(auth(Requests.Csv("indicator_code,period,value\nGOV-01,2024,87.5\n")), Own, p.App.Context)),
        new(nameof(UploadFunctions.GetUpload), Permission.ReadForRegency, 200, (p, auth) =>
            p.App.Functions.GetUpload(auth(Requests.Get()), Own, p.UploadId, p.App.Context)),
        new(nameof(UploadFunctions.ListUploads), Permission.ReadForRegency, 200, (p, auth) =>
            p.App.Functions.ListUploads(auth(Requests.Get()), Own, p.App.Context)),
        new(nameof(UploadFunctions.ReplayUpload), Permission.Admin, 202, (p, auth) =>
            p.App.Functions.ReplayUpload(auth(Requests.Send("POST")), Own, p.FailedUploadId, p.App.Context)),
        new(nameof(ScoreFunctions.GetScores), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<ScoreFunctions>().GetScores(auth(Requests.Get("?year=2024")), p.App.Context)),
        new(nameof(ScoreFunctions.GetRegencyScores), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<ScoreFunctions>().GetRegencyScores(auth(Requests.Get()), Own, p.App.Context)),
        new(nameof(ScoreFunctions.ExplainScore), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<ScoreFunctions>().ExplainScore(auth(Requests.Get()), Own, "2024", p.App.Context)),
        new(nameof(ScoreFunctions.RecomputeScores), Permission.Admin, 200, (p, auth) =>
            p.App.Create<ScoreFunctions>().RecomputeScores(auth(Requests.Send("POST", "?year=2024")), p.App.Context)),
        new(nameof(CatalogFunctions.GetIndicators), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<CatalogFunctions>().GetIndicators(auth(Requests.Get()), p.App.Context)),
        new(nameof(CatalogFunctions.GetTemplate), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<CatalogFunctions>().GetTemplate(auth(Requests.Get("?regency=13.07&year=2024")), p.App.Context)),
        new(nameof(CatalogFunctions.PutCatalog), Permission.Admin, 200, (p, auth) =>
            p.App.Create<CatalogFunctions>().PutCatalog(auth(Requests.Send("PUT", body: CatalogJson, contentType: "application/json")), p.App.Context)),
        new(nameof(RegistryFunctions.PutRegistry), Permission.Admin, 200, (p, auth) =>
            p.App.Create<RegistryFunctions>().PutRegistry(auth(Requests.Send("PUT", body: RegistryCsv, contentType: "text/csv")), p.App.Context)),
        // Any key may ask; a regency key's answer is its own row (AccessGuardTests checks the scope).
        new(nameof(CompletenessFunctions.GetCompleteness), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<CompletenessFunctions>().GetCompleteness(auth(Requests.Get("?year=2024")), p.App.Context)),
        new(nameof(MeFunctions.GetMe), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<MeFunctions>().GetMe(auth(Requests.Get()), p.App.Context)),
        new(nameof(RecentUploadsFunctions.ListRecentUploads), Permission.Admin, 200, (p, auth) =>
            p.App.Create<RecentUploadsFunctions>().ListRecentUploads(auth(Requests.Get("?top=5")), p.App.Context)),
        // The portal's files are public: the page asks for the key and sends it with every API call.
        new(nameof(PortalFunctions.GetPortal), null, 200, (_, auth) =>
        {
            var request = Requests.Get();
            request.Path = "/api/portal/";
            return Task.FromResult(new PortalFunctions().GetPortal(auth(request), ""));
        }),
        // The OpenAPI document is public: integrators generate clients from it before they have a key.
        new(nameof(OpenApiFunctions.GetOpenApi), null, 200, (_, auth) => Task.FromResult(new OpenApiFunctions().GetOpenApi(auth(Requests.Get())))),
        // Any key may ask; a regency key's answer is its own regency's flags.
        new(nameof(QualityFunctions.GetQuality), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<QualityFunctions>().GetQuality(auth(Requests.Get("?year=2024&province=13")), p.App.Context)),
        // Issue 14: the review of a regency-year is read by its regency, its province and the ministry; submitting it
        // (on a year of its own per cell) is the regency's or the ministry's; the work list answers any key its scope.
        new(nameof(ReviewFunctions.GetReview), Permission.ReadForRegency, 200, (p, auth) =>
            p.App.Create<ReviewFunctions>().GetReview(auth(Requests.Get()), Own, "2024", p.App.Context)),
        new(nameof(ReviewFunctions.PostReview), Permission.ActForRegency, 200, (p, auth) =>
            p.App.Create<ReviewFunctions>().PostReview(auth(Requests.Send("POST", body: """{"action":"submit"}""", contentType: "application/json")), Own, PreparedApp.FreshYear(), p.App.Context)),
        new(nameof(ReviewFunctions.ListReviews), Permission.ReadPublished, 200, (p, auth) =>
            p.App.Create<ReviewFunctions>().ListReviews(auth(Requests.Get("?year=2024&state=Open")), p.App.Context)),
        // Health is public: a load balancer or availability test probes it without a key.
        new(nameof(HealthFunctions.GetHealth), null, 200, (p, auth) =>
            p.App.Create<HealthFunctions>().GetHealth(auth(Requests.Get()), CancellationToken.None)),
        // Issue 14: a regency's value history is read by its regency, its province and the ministry, as its uploads are.
        new(nameof(HistoryFunctions.GetHistory), Permission.ReadForRegency, 200, (p, auth) =>
            p.App.Create<HistoryFunctions>().GetHistory(auth(Requests.Get("?indicator=GOV-01&period=2024")), Own, p.App.Context)),
        new(nameof(SourceFunctions.ListSources), Permission.Admin, 200, (p, auth) =>
            p.App.Create<SourceFunctions>().ListSources(auth(Requests.Get()), p.App.Context)),
        new(nameof(SourceFunctions.PutSource), Permission.Admin, 200, (p, auth) =>
            p.App.Create<SourceFunctions>().PutSource(auth(Requests.Send("PUT", body: SourceJson(), contentType: "application/json")), Own, "portal", p.App.Context)),
        new(nameof(SourceFunctions.DeleteSource), Permission.Admin, 204, async (p, auth) =>
        {
            await p.SaveSourceAsync("old");
            return await p.App.Create<SourceFunctions>().DeleteSource(auth(Requests.Send("DELETE")), Own, "old", p.App.Context);
        }),
    ];

    public static TheoryData<string, Credential> Cells
    {
        get
        {
            var cells = new TheoryData<string, Credential>();
            foreach (var endpoint in Endpoints)
            {
                foreach (var credential in Enum.GetValues<Credential>())
                {
                    cells.Add(endpoint.Function, credential);
                }
            }

            return cells;
        }
    }

    /// <summary>The rules: bad credentials are 401 alike; admins may do everything; a regency key reads what is
    /// published and acts for its own regency only; a province key reads what is published and what its province's
    /// regencies have (uploads, review), and acts for none of them (no upload, no submission).</summary>
    internal static int Expected(Endpoint endpoint, Credential credential) => endpoint.Permission is null ? endpoint.Allowed : credential switch
    {
        Credential.None or Credential.UnknownKey or Credential.MalformedKey or Credential.RevokedKey or Credential.ExpiredKey
            or Credential.EntraAdminUntrusted => StatusCodes.Status401Unauthorized,
        Credential.AdminKey or Credential.AdminKeyAsXApiKey or Credential.EntraAdminTrusted => endpoint.Allowed,
        Credential.OwnRegencyKey or Credential.OwnRegencyKeyAsXApiKey => endpoint.Permission == Permission.Admin ? StatusCodes.Status403Forbidden : endpoint.Allowed,
        Credential.OtherRegencyKey or Credential.OtherProvinceKey => endpoint.Permission == Permission.ReadPublished ? endpoint.Allowed : StatusCodes.Status403Forbidden,
        Credential.OwnProvinceKey => endpoint.Permission is Permission.ReadPublished or Permission.ReadForRegency ? endpoint.Allowed : StatusCodes.Status403Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(credential)),
    };

    [Fact]
    public void Matrix_CoversEveryHttpFunctionOfTheBuiltApp()
    {
        Assert.Equal(
            FunctionMetadataTests.DeclaredHttpFunctions(),
            Endpoints.Select(e => e.Function).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_WithCredential_AnswersTheStatusOfTheRules(string function, Credential credential)
    {
        var endpoint = Endpoints.Single(e => e.Function == function);
        var app = credential == Credential.EntraAdminTrusted ? fixture.Trusting : fixture.Untrusting;
        HttpRequest? sent = null;
        var presented = "";

        var result = await endpoint.Call(app, request =>
        {
            sent = request;
            presented = Present(app, request, credential);
            return request;
        });

        var expected = Expected(endpoint, credential);
        var status = result switch
        {
            ContentResult content => content.StatusCode,
            StatusCodeResult code => code.StatusCode,
            FileContentResult => StatusCodes.Status200OK,
            _ => null,
        };
        Assert.True(expected == status, $"{function} with {credential}: expected {expected}, got {status} {(result as ContentResult)?.Content}");
        if (result is ContentResult { Content: { } body })
        {
            Assert.True(presented.Length == 0 || !body.Contains(presented, StringComparison.Ordinal), "the credential is echoed");
        }

        if (expected >= 400)
        {
            var response = Response.Of(result);
            Assert.True(response.IsProblem);
            Assert.Equal(app.App.InvocationId, response.Json.GetProperty("correlationId").GetString());
            Assert.Equal(expected == 401 ? "Bearer" : "", sent!.HttpContext.Response.Headers.WWWAuthenticate.ToString());
        }
    }

    /// <summary>Puts the credential on the request; returns the secret presented (for the no-echo check).</summary>
    private string Present(PreparedApp app, HttpRequest request, Credential credential)
    {
        switch (credential)
        {
            case Credential.None:
                return "";
            case Credential.EntraAdminTrusted or Credential.EntraAdminUntrusted:
                request.Headers[Core.Access.AccessPolicy.PrincipalHeader] = EntraAdminPrincipal;
                return "";
            case Credential.OwnRegencyKeyAsXApiKey:
                request.WithApiKey(app.App.KeyFor(Own));
                return app.App.KeyFor(Own);
            case Credential.AdminKeyAsXApiKey:
                request.WithApiKey(app.App.AdminKey);
                return app.App.AdminKey;
        }

        var key = credential switch
        {
            Credential.UnknownKey => UnknownKey,
            Credential.MalformedKey => "rdy_not-a-key",
            Credential.RevokedKey => fixture.RevokedKey,
            Credential.ExpiredKey => fixture.ExpiredKey,
            Credential.OtherRegencyKey => app.App.KeyFor(Other),
            Credential.OwnRegencyKey => app.App.KeyFor(Own),
            Credential.OwnProvinceKey => app.ProvinceKey,
            Credential.OtherProvinceKey => app.OtherProvinceKey,
            Credential.AdminKey => app.App.AdminKey,
            _ => throw new ArgumentOutOfRangeException(nameof(credential)),
        };
        request.WithBearer(key);
        return key;
    }
}
