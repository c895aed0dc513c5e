using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Readiness.Core.Access;
using Readiness.Development;
using Readiness.TestSupport;

namespace Readiness.Http.Tests.Contract;

/// <summary>
/// The OpenAPI document against the app: it reads as a valid OpenAPI 3.1 document; its operations are exactly the
/// HTTP functions of the built <c>functions.metadata</c> (methods, route, operation id = function name); it is what
/// <c>GET /api/openapi.json</c> serves; its examples fit its schemas; and a real call of every operation, for each
/// status listed in <see cref="Calls"/>, answers what the document describes (checked by the fixture's clients,
/// <see cref="ContractCheckingHandler"/>, as every other test of this project is).
/// </summary>
public class OpenApiContractTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    /// <summary>A real call: the operation it goes to, how to make it, and the status it must answer.</summary>
    public sealed record Call(string OperationId, int Status, Func<ApiHostFixture, Task<HttpResponseMessage>> Send);

    private const string Valid = "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n";

    /// <summary>Every operation with at least its success status, and the errors a client must handle.</summary>
    private static readonly Dictionary<string, Call> CallsByName = new()
    {
        ["upload csv"] = new("PostUpload", 200, a => a.Officer.PostAsync(Uploads, Csv(Valid))),
        ["upload form, dry run"] = new("PostUpload", 200, a => a.Officer.PostAsync(Uploads + "?dryRun=true", Form(Encoding.UTF8.GetBytes(Valid), "data.csv", "text/csv"))),
        // An empty template has no values: 422 with its report, read as a workbook.
        ["upload empty xlsx template"] = new("PostUpload", 422, async a =>
        {
            using var template = await a.Officer.GetAsync("api/template?format=xlsx&regency=13.07&year=2024");
            var bytes = await template.Content.ReadAsByteArrayAsync();
            return await a.Officer.PostAsync(Uploads + "?dryRun=true", new ByteArrayContent(bytes) { Headers = { ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") } });
        }),
        ["upload from the portal"] = new("PostUpload", 200, a => a.Officer.SendAsync(new HttpRequestMessage(HttpMethod.Post, Uploads) { Content = Csv(Valid), Headers = { { "X-Readiness-Client", "portal" } } })),
        ["upload async"] = new("PostUpload", 202, a => a.Officer.PostAsync(Uploads + "?async=true", Csv(Valid))),
        ["upload bad option"] = new("PostUpload", 400, a => a.Officer.PostAsync(Uploads + "?mode=sometimes", Csv(Valid))),
        ["upload no key"] = new("PostUpload", 401, a => a.Anonymous.PostAsync(Uploads, Csv(Valid))),
        ["upload other regency"] = new("PostUpload", 403, a => a.Officer.PostAsync("api/regencies/31.71/uploads", Csv(Valid))),
        ["upload unknown regency"] = new("PostUpload", 404, a => a.Admin.PostAsync("api/regencies/99.99/uploads", Csv(Valid))),
        ["upload image type"] = new("PostUpload", 415, a => a.Officer.PostAsync(Uploads, new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]) { Headers = { ContentType = new("image/png") } })),
        ["upload image bytes"] = new("PostUpload", 415, a => a.Officer.PostAsync(Uploads, new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) { Headers = { ContentType = new("text/csv") } })),
        ["upload invalid"] = new("PostUpload", 422, a => a.Admin.PostAsync("api/regencies/32.01/uploads", new ByteArrayContent(File.ReadAllBytes(Samples.SamplePath("32.01-bogor-invalid.csv"))) { Headers = { ContentType = new("text/csv") } })),
        ["list uploads"] = new("ListUploads", 200, a => a.Officer.GetAsync(Uploads + "?top=5")),
        ["list uploads bad top"] = new("ListUploads", 400, a => a.Officer.GetAsync(Uploads + "?top=0")),
        ["get upload"] = new("GetUpload", 200, async a => await a.Officer.GetAsync(await LatestUploadAsync(a))),
        ["get unknown upload"] = new("GetUpload", 404, a => a.Officer.GetAsync(Uploads + "/nope")),
        ["replay queued"] = new("ReplayUpload", 202, ReplayQueuedAsync),
        ["replay completed"] = new("ReplayUpload", 409, async a => await a.Admin.PostAsync(await LatestUploadAsync(a) + "/replay", null)),
        ["replay unknown"] = new("ReplayUpload", 404, a => a.Admin.PostAsync(Uploads + "/nope/replay", null)),
        ["replay by officer"] = new("ReplayUpload", 403, a => a.Officer.PostAsync(Uploads + "/nope/replay", null)),
        ["recent uploads"] = new("ListRecentUploads", 200, a => a.Admin.GetAsync("api/uploads?top=5")),
        ["recent uploads by officer"] = new("ListRecentUploads", 403, a => a.Officer.GetAsync("api/uploads")),
        ["scores json"] = new("GetScores", 200, a => a.Officer.GetAsync("api/scores?year=2024")),
        ["scores csv"] = new("GetScores", 200, a => a.Officer.GetAsync("api/scores?year=2024&format=csv")),
        ["scores no year"] = new("GetScores", 400, a => a.Officer.GetAsync("api/scores")),
        ["scores unknown province"] = new("GetScores", 404, a => a.Officer.GetAsync("api/scores?year=2024&province=99")),
        ["regency scores"] = new("GetRegencyScores", 200, a => a.Officer.GetAsync("api/regencies/13.07/scores")),
        ["regency scores ambiguous"] = new("GetRegencyScores", 400, a => a.Officer.GetAsync("api/regencies/Bogor/scores")),
        ["regency scores unknown"] = new("GetRegencyScores", 404, a => a.Officer.GetAsync("api/regencies/99.99/scores")),
        ["explain"] = new("ExplainScore", 200, a => a.Officer.GetAsync("api/regencies/13.07/scores/2024/explain")),
        ["explain bad year"] = new("ExplainScore", 400, a => a.Officer.GetAsync("api/regencies/13.07/scores/abc/explain")),
        ["explain no score"] = new("ExplainScore", 404, a => a.Officer.GetAsync("api/regencies/13.07/scores/2019/explain")),
        ["recompute"] = new("RecomputeScores", 200, a => a.Admin.PostAsync("api/scores/recompute?year=2024", null)),
        ["recompute bad year"] = new("RecomputeScores", 400, a => a.Admin.PostAsync("api/scores/recompute?year=soon", null)),
        ["indicators"] = new("GetIndicators", 200, a => a.Officer.GetAsync("api/indicators")),
        ["indicators no key"] = new("GetIndicators", 401, a => a.Anonymous.GetAsync("api/indicators")),
        ["template csv"] = new("GetTemplate", 200, a => a.Officer.GetAsync("api/template?format=wide&regency=13.07&year=2024")),
        ["template xlsx"] = new("GetTemplate", 200, a => a.Officer.GetAsync("api/template?format=xlsx")),
        ["template bad format"] = new("GetTemplate", 400, a => a.Officer.GetAsync("api/template?format=pdf")),
        ["template unknown regency"] = new("GetTemplate", 404, a => a.Officer.GetAsync("api/template?regency=99.99")),
        ["catalog"] = new("PutCatalog", 200, a => a.Admin.PutAsync("api/catalog", new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepositoryRoot.OfThisBuild, "catalog", "catalog.json"))) { Headers = { ContentType = new("application/json") } })),
        ["catalog invalid"] = new("PutCatalog", 400, a => a.Admin.PutAsync("api/catalog", new StringContent("{}", Encoding.UTF8, "application/json"))),
        ["catalog by officer"] = new("PutCatalog", 403, a => a.Officer.PutAsync("api/catalog", new StringContent("{}", Encoding.UTF8, "application/json"))),
        ["registry"] = new("PutRegistry", 200, a => a.Admin.PutAsync("api/registry", new ByteArrayContent(File.ReadAllBytes(Samples.SamplePath("registry.csv"))) { Headers = { ContentType = new("text/csv") } })),
        ["registry invalid"] = new("PutRegistry", 400, a => a.Admin.PutAsync("api/registry", Csv("not,a,registry\n"))),
        ["completeness"] = new("GetCompleteness", 200, a => a.Admin.GetAsync("api/completeness?year=2024")),
        ["completeness no year"] = new("GetCompleteness", 400, a => a.Officer.GetAsync("api/completeness")),
        ["completeness of a province"] = new("GetCompleteness", 200, a => a.Admin.GetAsync("api/completeness?year=2024&province=13")),
        ["completeness with calendar"] = new("GetCompleteness", 200, a => WithCalendarAsync(a, () => a.Admin.GetAsync("api/completeness?year=2018"))),
        ["completeness unknown province"] = new("GetCompleteness", 404, a => a.Admin.GetAsync("api/completeness?year=2024&province=99")),
        ["quality"] = new("GetQuality", 200, a => a.Admin.GetAsync("api/quality?year=2024&province=13")),
        ["quality bad regency"] = new("GetQuality", 400, a => a.Officer.GetAsync("api/quality?year=2024&regency=13")),
        ["quality unknown regency"] = new("GetQuality", 404, a => a.Admin.GetAsync("api/quality?year=2024&regency=99.99")),
        ["me officer"] = new("GetMe", 200, a => a.Officer.GetAsync("api/me")),
        ["me admin"] = new("GetMe", 200, a => a.Admin.GetAsync("api/me")),
        ["me no key"] = new("GetMe", 401, a => a.Anonymous.GetAsync("api/me")),
        ["put source"] = new("PutSource", 200, a => a.Admin.PutAsync("api/regencies/13.07/sources/contract", Json("""{"url":"https://data.example.go.id/13.07/indikator.csv","mode":"partial"}"""))),
        ["put source invalid"] = new("PutSource", 400, a => a.Admin.PutAsync("api/regencies/13.07/sources/contract", Json("""{"url":"nowhere"}"""))),
        ["put source too large"] = new("PutSource", 413, a => a.Admin.PutAsync("api/regencies/13.07/sources/contract", Json(new string(' ', 17 * 1024) + "{}"))),
        ["put source unknown regency"] = new("PutSource", 404, a => a.Admin.PutAsync("api/regencies/99.99/sources/contract", Json("{}"))),
        ["list sources"] = new("ListSources", 200, a => a.Admin.GetAsync("api/sources")),
        ["list sources by officer"] = new("ListSources", 403, a => a.Officer.GetAsync("api/sources")),
        ["delete source"] = new("DeleteSource", 204, async a =>
        {
            using var put = await a.Admin.PutAsync("api/regencies/13.07/sources/gone", Json("""{"url":"https://data.example.go.id/gone.csv"}"""));
            return await a.Admin.DeleteAsync("api/regencies/13.07/sources/gone");
        }),
        ["delete unknown source"] = new("DeleteSource", 404, a => a.Admin.DeleteAsync("api/regencies/13.07/sources/never")),
        ["portal page"] = new("GetPortal", 200, a => a.Anonymous.GetAsync("api/portal/")),
        ["portal reference page"] = new("GetPortal", 200, a => a.Anonymous.GetAsync("api/portal/reference.html")),
        ["portal reference script"] = new("GetPortal", 200, a => a.Anonymous.GetAsync("api/portal/js/reference.js")),
        ["portal folder redirect"] = new("GetPortal", 308, a => a.CheckedClient(null, followRedirects: false).GetAsync("api/portal")),
        ["portal missing file"] = new("GetPortal", 404, a => a.Anonymous.GetAsync("api/portal/nothing.html")),
        ["portal not modified"] = new("GetPortal", 304, a => Revalidate(a, "api/portal/reference.html")),
        ["me province"] = new("GetMe", 200, async a => await (await ProvinceAsync(a)).GetAsync("api/me")),
        ["completeness by province"] = new("GetCompleteness", 200, async a => await (await ProvinceAsync(a)).GetAsync("api/completeness?year=2024")),
        ["quality by province"] = new("GetQuality", 200, async a => await (await ProvinceAsync(a)).GetAsync("api/quality?year=2024")),
        // A submitted year is locked: the upload that would change it is refused whole, 409 with its report.
        ["upload period locked"] = new("PostUpload", 409, async a =>
        {
            using var submitted = await a.Officer.PostAsync(Review(2022), Json("""{"action":"submit"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            return await a.Officer.PostAsync(Uploads, Csv("regency_code,indicator_code,period,value\n13.07,GOV-01,2022,72.5\n"));
        }),
        // A year past its due day and before its closing day takes the upload and flags it late.
        ["upload late"] = new("PostUpload", 200, a => WithCalendarAsync(a, async () =>
        {
            var late = await a.Officer.PostAsync(Uploads, Csv("regency_code,indicator_code,period,value\n13.07,GOV-01,2018,72.5\n"));
            Assert.True((await ApiHostFixture.JsonAsync(late)).GetProperty("upload").GetProperty("late").GetBoolean());
            return late;
        })),
        ["review with calendar"] = new("GetReview", 200, a => WithCalendarAsync(a, () => a.Officer.GetAsync(Review(2018)))),
        ["review"] = new("GetReview", 200, a => a.Officer.GetAsync(Review(2024))),
        ["review by province"] = new("GetReview", 200, async a => await (await ProvinceAsync(a)).GetAsync(Review(2024))),
        ["review bad year"] = new("GetReview", 400, a => a.Officer.GetAsync($"api/regencies/{ApiHostFixture.Regency}/years/soon/review")),
        ["review other province"] = new("GetReview", 403, async a => await (await ProvinceAsync(a)).GetAsync($"api/regencies/{ApiHostFixture.OtherRegency}/years/2024/review")),
        ["review unknown regency"] = new("GetReview", 404, a => a.Admin.GetAsync("api/regencies/99.99/years/2024/review")),
        ["submit"] = new("PostReview", 200, a => a.Officer.PostAsync(Review(2021), Json("""{"action":"submit","comment":"Data 2021 lengkap."}"""))),
        ["verify by province"] = new("PostReview", 200, async a =>
        {
            using var submitted = await a.Officer.PostAsync(Review(2020), Json("""{"action":"submit"}"""));
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            return await (await ProvinceAsync(a)).PostAsync(Review(2020), Json("""{"action":"verify"}"""));
        }),
        ["unlock"] = new("PostReview", 200, a => a.Admin.PostAsync(Review(2019), Json("""{"action":"unlock","until":"2030-04-30"}"""))),
        ["review bad action"] = new("PostReview", 400, a => a.Officer.PostAsync(Review(2023), Json("""{"action":"publish"}"""))),
        ["review bad body"] = new("PostReview", 400, a => a.Officer.PostAsync(Review(2023), Json("[1,"))),
        ["return without comment"] = new("PostReview", 400, a => a.Admin.PostAsync(Review(2023), Json("""{"action":"return"}"""))),
        ["approve by officer"] = new("PostReview", 403, a => a.Officer.PostAsync(Review(2023), Json("""{"action":"approve"}"""))),
        ["submit other regency"] = new("PostReview", 403, a => a.Officer.PostAsync($"api/regencies/{ApiHostFixture.OtherRegency}/years/2023/review", Json("""{"action":"submit"}"""))),
        ["verify open year"] = new("PostReview", 409, a => a.Admin.PostAsync(Review(2023), Json("""{"action":"verify"}"""))),
        ["review action unknown regency"] = new("PostReview", 404, a => a.Admin.PostAsync("api/regencies/99.99/years/2023/review", Json("""{"action":"submit"}"""))),
        ["review no key"] = new("PostReview", 401, a => a.Anonymous.PostAsync(Review(2023), Json("""{"action":"submit"}"""))),
        ["review too large"] = new("PostReview", 413, a => a.Officer.PostAsync(Review(2023), Json(new string(' ', 17 * 1024) + "{}"))),
        ["work list"] = new("ListReviews", 200, a => a.Admin.GetAsync("api/review?year=2024")),
        ["work list by province"] = new("ListReviews", 200, async a => await (await ProvinceAsync(a)).GetAsync("api/review?year=2021&state=submitted")),
        ["work list by officer"] = new("ListReviews", 200, a => a.Officer.GetAsync("api/review?year=2024&province=13")),
        ["work list no year"] = new("ListReviews", 400, a => a.Admin.GetAsync("api/review")),
        ["work list bad state"] = new("ListReviews", 400, a => a.Admin.GetAsync("api/review?year=2024&state=Done")),
        ["work list bad province"] = new("ListReviews", 400, a => a.Admin.GetAsync("api/review?year=2024&province=1x")),
        ["work list unknown province"] = new("ListReviews", 404, a => a.Admin.GetAsync("api/review?year=2024&province=99")),
        ["history"] = new("GetHistory", 200, a => a.Officer.GetAsync($"api/regencies/{ApiHostFixture.Regency}/history")),
        ["history filtered by province"] = new("GetHistory", 200, async a => await (await ProvinceAsync(a)).GetAsync($"api/regencies/{ApiHostFixture.Regency}/history?indicator=GOV-01&period=2024")),
        ["history bad period"] = new("GetHistory", 400, a => a.Officer.GetAsync($"api/regencies/{ApiHostFixture.Regency}/history?period=soon")),
        ["history unknown indicator"] = new("GetHistory", 400, a => a.Officer.GetAsync($"api/regencies/{ApiHostFixture.Regency}/history?indicator=NOPE-99")),
        ["history other regency"] = new("GetHistory", 403, a => a.Officer.GetAsync($"api/regencies/{ApiHostFixture.OtherRegency}/history")),
        ["history unknown regency"] = new("GetHistory", 404, a => a.Admin.GetAsync("api/regencies/99.99/history")),
        ["health"] = new("GetHealth", 200, a => a.Anonymous.GetAsync("api/health")),
        ["openapi"] = new("GetOpenApi", 200, a => a.Anonymous.GetAsync("api/openapi.json")),
        ["openapi not modified"] = new("GetOpenApi", 304, a => Revalidate(a, "api/openapi.json")),
    };

    private static string Uploads => $"api/regencies/{ApiHostFixture.Regency}/uploads";

    public static TheoryData<string> Calls => [.. CallsByName.Keys];

    public async Task InitializeAsync()
    {
        // One regency's file and its scores, so the score routes have something to answer with.
        using var imported = await api.Officer.PostAsync(Uploads, new ByteArrayContent(ApiHostFixture.SampleFile) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        using var recomputed = await api.Admin.PostAsync("api/scores/recompute?year=2024", null);
        Assert.Equal(HttpStatusCode.OK, recomputed.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Document_ReadsAsAValidOpenApi31Document()
    {
        var read = OpenApiModelFactory.Parse(OpenApiContract.Shared.Text, "json", new OpenApiReaderSettings());

        Assert.True(read.Diagnostic!.Errors.Count == 0, "Reading the document: " + string.Join("; ", read.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        var document = read.Document!;
        var errors = document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, "Validating the document: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiContract.Shared.Operations.Count, document.Paths.Sum(p => p.Value.Operations?.Count ?? 0));
    }

    [Fact]
    public void EveryHttpFunction_IsDocumented_WithItsMethodsAndRoute()
    {
        var documented = OpenApiContract.Shared.Operations;
        var missing = HttpFunctions()
            .Where(f => !documented.Any(o => o.OperationId == f.Name && o.Method == f.Method && o.Path == f.Path))
            .Select(f => documented.FirstOrDefault(o => o.OperationId == f.Name) is { } wrong
                ? $"{f.Name} is documented as {wrong.Method.ToUpperInvariant()} {wrong.Path} but the function serves {f.Method.ToUpperInvariant()} {f.Path}: correct paths.\"{f.Path}\".{f.Method}"
                : $"{f.Name} ({f.Method.ToUpperInvariant()} /api{f.Path}) is missing: add under \"paths\" the key \"{f.Path}\" (if it is not there yet) with an operation \"{f.Method}\" whose operationId is \"{f.Name}\", with its parameters, requestBody, responses (every status it answers; errors as $ref to #/components/responses/…) and security ([] when it is public)")
            .ToList();

        Assert.True(missing.Count == 0, $"HTTP functions of functions.metadata not in {OpenApiContract.DocumentPath}:\n- {string.Join("\n- ", missing)}\n{OpenApiContract.HowTo}");
    }

    [Fact]
    public void EveryDocumentedOperation_IsAnHttpFunction()
    {
        var functions = HttpFunctions();
        var extra = OpenApiContract.Shared.Operations
            .Where(o => !functions.Any(f => f.Name == o.OperationId && f.Method == o.Method && f.Path == o.Path))
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} ({o.OperationId})")
            .ToList();

        Assert.True(extra.Count == 0, $"Operations of {OpenApiContract.DocumentPath} that no HTTP function serves (a removed or renamed function? the operationId must be the [Function] name):\n- {string.Join("\n- ", extra)}");
    }

    [Fact]
    public async Task ServedDocument_IsTheCheckedInFile_Anonymous()
    {
        using var response = await api.Anonymous.GetAsync("api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(OpenApiContract.FullPath), await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public void EveryExample_MatchesItsSchema()
    {
        var contract = OpenApiContract.Shared;
        var checkedExamples = 0;
        var failures = new List<string>();
        foreach (var (pointer, media) in MediaObjects(contract.Root))
        {
            if (media["schema"] is not { } schema || media["example"] is not { } example || pointer.Contains("text~1", StringComparison.Ordinal))
            {
                continue;
            }

            checkedExamples++;
            using var instance = JsonDocument.Parse(example.ToJsonString());
            var results = contract.Evaluate(schema, instance.RootElement);
            if (!results.IsValid)
            {
                failures.Add($"{pointer}: {OpenApiContract.Describe(results)}");
            }
        }

        Assert.True(checkedExamples >= 5, $"only {checkedExamples} examples found");
        Assert.True(failures.Count == 0, "Examples that do not fit their schema:\n- " + string.Join("\n- ", failures));
    }

    /// <summary>The calls cover every documented operation with at least one success.</summary>
    [Fact]
    public void Calls_CoverEveryDocumentedOperation()
    {
        var uncovered = OpenApiContract.Shared.Operations
            .Where(o => !CallsByName.Values.Any(c => c.OperationId == o.OperationId && c.Status < 400))
            .Select(o => o.OperationId)
            .ToList();

        Assert.True(uncovered.Count == 0, "Add a successful call of each to OpenApiContractTests.CallsByName: " + string.Join(", ", uncovered));
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Call_AnswersItsStatus_AsTheDocumentDescribes(string name)
    {
        var call = CallsByName[name];

        // The fixture's clients throw ContractViolationException for an answer the document does not describe.
        using var response = await call.Send(api);

        Assert.Equal(call.Status, (int)response.StatusCode);
        Assert.Equal(call.OperationId, OpenApiContract.Shared.Find(response.RequestMessage!.Method.Method, response.RequestMessage.RequestUri!.AbsolutePath)?.OperationId);
    }

    /// <summary>The HTTP functions of the built <c>functions.metadata</c> (copied next to this assembly from the
    /// functions project through the local host's reference), one row per method.</summary>
    private static List<(string Name, string Method, string Path)> HttpFunctions()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata was not copied next to the test assembly ({path}); build the functions project.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        return
        [
            .. metadata.RootElement.EnumerateArray()
                .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                    .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                    .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => (
                        f.GetProperty("name").GetString()!,
                        m.GetString()!.ToLowerInvariant(),
                        OpenApiContract.NormalizeTemplate(b.GetProperty("route").GetString()!))))),
        ];
    }

    /// <summary>Every media type object of the document with its JSON pointer.</summary>
    private static IEnumerable<(string Pointer, JsonObject Media)> MediaObjects(JsonNode node, string pointer = "")
    {
        if (node is not JsonObject item)
        {
            yield break;
        }

        if (item["content"] is JsonObject content)
        {
            foreach (var (type, media) in content)
            {
                if (media is JsonObject mediaObject)
                {
                    yield return ($"{pointer}/content/{type.Replace("/", "~1", StringComparison.Ordinal)}", mediaObject);
                }
            }
        }

        foreach (var (key, child) in item)
        {
            if (key != "content" && child is not null)
            {
                foreach (var found in MediaObjects(child, $"{pointer}/{key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}"))
                {
                    yield return found;
                }
            }
        }
    }

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Form(byte[] file, string fileName, string type)
    {
        var part = new ByteArrayContent(file) { Headers = { ContentType = new(type) } };
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    private static async Task<string> LatestUploadAsync(ApiHostFixture a)
    {
        using var list = await a.Officer.GetAsync(Uploads + "?top=1");
        var id = (await ApiHostFixture.JsonAsync(list)).GetProperty("uploads")[0].GetProperty("uploadId").GetString();
        return $"{Uploads}/{id}";
    }

    /// <summary>A background upload that no queue function takes (a host of its own without queues) stays queued:
    /// the replay puts it back, 202.</summary>
    private static async Task<HttpResponseMessage> ReplayQueuedAsync(ApiHostFixture a)
    {
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions { RunQueues = false });
        using var admin = new HttpClient(new ContractCheckingHandler(new HttpClientHandler())) { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        using var queued = await admin.PostAsync(Uploads + "?async=true", Csv(Valid));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        using var replayed = await admin.PostAsync(queued.Headers.Location + "/replay", null);
        // Copied out: the host and its client are gone when the test reads the answer.
        var copy = new HttpResponseMessage(replayed.StatusCode) { RequestMessage = replayed.RequestMessage, Content = new ByteArrayContent(await replayed.Content.ReadAsByteArrayAsync()) };
        copy.Content.Headers.ContentType = replayed.Content.Headers.ContentType;
        return copy;
    }

    /// <summary>Sends while the catalog has a reporting calendar whose 2018 is due and not yet closed, then puts the
    /// shipped catalog (no calendar) back, so the other calls see the year as they always do.</summary>
    private static async Task<HttpResponseMessage> WithCalendarAsync(ApiHostFixture a, Func<Task<HttpResponseMessage>> send)
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "catalog", "catalog.json"));
        var catalog = JsonNode.Parse(shipped)!.AsObject();
        catalog["reportingCalendar"] = JsonNode.Parse("""[{"year": 2018, "opens": "2018-01-01", "due": "2019-01-31", "closes": "2099-12-31"}]""");
        using (var put = await a.Admin.PutAsync("api/catalog", Json(catalog.ToJsonString())))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        try
        {
            return await send();
        }
        finally
        {
            using var restored = await a.Admin.PutAsync("api/catalog", Json(shipped));
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
    }

    private static string Review(int year) => $"api/regencies/{ApiHostFixture.Regency}/years/{year}/review";

    /// <summary>A client with a new key of the province of <see cref="ApiHostFixture.Regency"/> (a Walidata, 13).</summary>
    private static async Task<HttpClient> ProvinceAsync(ApiHostFixture a)
    {
        var (_, key) = await a.Host.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Province, null, null, "walidata 13", CancellationToken.None, "13");
        return a.CheckedClient(key);
    }

    private static async Task<HttpResponseMessage> Revalidate(ApiHostFixture a, string path)
    {
        using var first = await a.Anonymous.GetAsync(path);
        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        return await a.Anonymous.SendAsync(again);
    }
}
