using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Sources;
using Readiness.Development;
using Readiness.Functions.Tests.Http;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Access;

/// <summary>
/// Two apps over Azurite with data every endpoint can answer for: 2023/2024 observations and scores, a completed
/// upload and a failed background upload of 13.07, and keys of every kind (revoked, expired through a
/// <see cref="FakeTimeProvider"/>). <see cref="Untrusting"/> ignores <c>X-MS-CLIENT-PRINCIPAL</c> (the default);
/// <see cref="Trusting"/> runs with <c>Readiness:TrustAppServiceAuth</c> set.
/// </summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const string Own = "13.07";
    public const string Other = "32.71";

    /// <summary>The province of <see cref="Own"/>, and another.</summary>
    public const string OwnProvince = "13";
    public const string OtherProvince = "32";

    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2023,50
        13.07,GOV-01,2024,100
        13.07,ENV-03,2024Q1,15
        32.71,GOV-01,2024,60
        """;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    internal PreparedApp Untrusting { get; private set; } = null!;

    internal PreparedApp Trusting { get; private set; } = null!;

    /// <summary>A key that was valid and has been revoked.</summary>
    public string RevokedKey { get; private set; } = "";

    /// <summary>A key issued for one day, two days ago.</summary>
    public string ExpiredKey { get; private set; } = "";

    /// <summary>Well formed, never issued.</summary>
    public static string UnknownKey { get; } = "rdy_0123456789abcdef_" + new string('a', 64);

    /// <summary>An App Service Authentication principal with the app role <c>Readiness.Admin</c>.</summary>
    public static string EntraAdminPrincipal { get; } = Principal("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Readiness.Admin"},{"typ":"name","val":"Ops"}]}""");

    public static string Principal(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    public async Task InitializeAsync()
    {
        Untrusting = await PrepareAsync(await TestApp.CreateAsync(clock: Clock));
        Trusting = await PrepareAsync(await TestApp.CreateAsync(s => s.Configure<AccessOptions>(o => o.TrustAppServiceAuth = true), clock: Clock));

        var keys = Untrusting.App.Keys;
        var (revoked, revokedKey) = await keys.CreateAsync(Role.Regency, Own, null, "revoked", CancellationToken.None);
        Assert.True(await keys.RevokeAsync(revoked.Id, CancellationToken.None));
        RevokedKey = revokedKey;
        ExpiredKey = (await keys.CreateAsync(Role.Regency, Own, 1, "expires", CancellationToken.None)).Plaintext;
        Clock.Advance(TimeSpan.FromDays(2));
    }

    public async Task DisposeAsync()
    {
        await Untrusting.App.DisposeAsync();
        await Trusting.App.DisposeAsync();
    }

    /// <summary>The shipped catalog as JSON: a valid <c>PUT catalog</c> body.</summary>
    public static string CatalogJson { get; } = Core.Catalog.CatalogFile.ToJson(Core.Catalog.CatalogFile.Default);

    public static string RegistryCsv { get; } = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "samples", "registry.csv"));

    public static string SourceJson(string url = "https://data.example.go.id/13.07/indikator.csv") =>
        JsonSerializer.Serialize(new { url, mode = "partial" });

    private static async Task<PreparedApp> PrepareAsync(TestApp app)
    {
        var data = await app.Imports.ImportAsync(new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(Data)), CancellationToken.None);
        Assert.True(data.Report.Valid, data.Report.ToJson());
        await app.Scores.RecomputeAsync(null, CancellationToken.None);

        var upload = await app.Imports.ImportAsync(new ImportRequest { Regency = Samples.RegencyOf(Own) }, new MemoryStream(Encoding.UTF8.GetBytes("indicator_code,period,value\nGOV-02,2024,1\n")), CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, upload.Upload.Status);

        var queued = await app.Imports.ImportAsync(new ImportRequest { Regency = Samples.RegencyOf(Own), Async = true }, new MemoryStream(Encoding.UTF8.GetBytes("indicator_code,period,value\nGOV-02,2024,2\n")), CancellationToken.None);
        var failed = await app.Imports.MarkFailedAsync(new UploadWork(Own, queued.Upload.UploadId), "Failed in the test fixture.", CancellationToken.None);
        Assert.Equal(UploadStatus.Failed, failed!.Status);

        var ownProvince = await app.Keys.CreateAsync(Role.Province, null, null, "walidata 13", CancellationToken.None, OwnProvince);
        var otherProvince = await app.Keys.CreateAsync(Role.Province, null, null, "walidata 32", CancellationToken.None, OtherProvince);
        return new PreparedApp(app, upload.Upload.UploadId, queued.Upload.UploadId, ownProvince.Plaintext, otherProvince.Plaintext);
    }
}

/// <summary>An app with a completed upload and a failed (replayable) upload of <see cref="AccessFixture.Own"/>, and
/// province (Walidata) keys of <see cref="AccessFixture.OwnProvince"/> and <see cref="AccessFixture.OtherProvince"/>.</summary>
internal sealed record PreparedApp(TestApp App, string UploadId, string FailedUploadId, string ProvinceKey, string OtherProvinceKey)
{
    private static int _freshYear = 2030;

    /// <summary>A year no other cell has used, as text: a review action acts on a regency-year of its own.</summary>
    public static string FreshYear() => Interlocked.Increment(ref _freshYear).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ISourceStore Sources => App.Services.GetRequiredService<ISourceStore>();

    public Task SaveSourceAsync(string id) =>
        Sources.SaveAsync(new Source(AccessFixture.Own, id, new Uri("https://data.example.go.id/old.csv")), CancellationToken.None);
}
