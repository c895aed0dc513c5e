using System.Text;
using System.Text.Json;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Functions.Http;

namespace Readiness.Functions.Tests.Http;

public class ScoreFunctionsTests
{
    /// <summary>A regency whose names a spreadsheet would run as formulas.</summary>
    private static readonly Regency Hostile = new("99.01", "=HYPERLINK(\"http://evil.example\",\"x\")", "99", "@SUM(1+1)", "9901", []);

    // 13.07 leads 2024 and has a 2023 score (trend); 13.71 and 32.71 tie; 99.01 trails.
    private const string Data = """
        regency_code,indicator_code,period,value
        13.07,GOV-01,2023,50
        13.07,GOV-01,2024,100
        13.07,ENV-03,2024Q1,15
        13.07,ENV-03,2024Q2,45
        13.71,GOV-01,2024,60
        32.71,GOV-01,2024,60
        99.01,GOV-01,2024,10
        """;

    private static async Task<TestApp> ScoredAsync()
    {
        var app = await TestApp.CreateAsync(extraRegencies: [Hostile]);
        var result = await app.Imports.ImportAsync(new ImportRequest(), new MemoryStream(Encoding.UTF8.GetBytes(Data)), CancellationToken.None);
        Assert.True(result.Report.Valid, result.Report.ToJson());
        await app.Scores.RecomputeAsync(null, CancellationToken.None);
        return app;
    }

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    [Fact]
    public async Task Scores_OfAYear_AreTheRankedTableAsJsonWithTheCsvColumns()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024")), app.Context));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(2024, response.Json.GetProperty("year").GetInt32());
        Assert.Equal(4, response.Json.GetProperty("count").GetInt32());
        var rows = response.Json.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal(["13.07", "13.71", "32.71", "99.01"], rows.Select(r => r.GetProperty("regencyCode").GetString()));
        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.GetProperty("nationalRank").GetInt32()));
        Assert.Equal(ScoreCsv.Columns.Select(Camel), rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(50.0 / 6, rows[0].GetProperty("overall").GetDouble(), 9);
        Assert.Equal(25, rows[0].GetProperty("governance").GetDouble(), 9);
        Assert.Equal("Kabupaten Lima Puluh Kota", rows[0].GetProperty("regencyName").GetString());
        Assert.False(rows[1].TryGetProperty("trend", out _)); // no previous year
    }

    [Fact]
    public async Task Scores_OfAProvince_AreThatProvincesRows()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024&province=13")), app.Context));

        var rows = response.Json.GetProperty("scores").EnumerateArray().ToList();
        Assert.Equal("13", response.Json.GetProperty("province").GetString());
        Assert.Equal([("13.07", 1), ("13.71", 2)], rows.Select(r => (r.GetProperty("regencyCode").GetString(), r.GetProperty("provinceRank").GetInt32())));
    }

    [Theory]
    [InlineData("?year=2024&format=csv", null)]
    [InlineData("?year=2024&format=CSV", "application/json")]
    [InlineData("?year=2024", "text/csv")]
    [InlineData("?year=2024", "text/csv, application/json;q=0.5")]
    public async Task Scores_AsCsv_AreTheScoreCsvOfTheYearAsADownload(string query, string? accept)
    {
        await using var app = await ScoredAsync();
        var request = Requests.Get(query, accept);

        var response = CsvResponse.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(request), app.Context), request);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/csv; charset=utf-8", response.ContentType);
        Assert.Equal("attachment; filename=scores-2024.csv", response.Disposition);
        Assert.Equal("Accept", request.HttpContext.Response.Headers.Vary.ToString());
        Assert.Equal(string.Join(',', ScoreCsv.Columns), response.Lines[0]);
        Assert.Equal(5, response.Lines.Length);
        Assert.StartsWith("2024,13.07,Kabupaten Lima Puluh Kota,13,Sumatera Barat,", response.Lines[1], StringComparison.Ordinal);
        Assert.Equal(ScoreCsv.ToText(await app.Scores.YearAsync(2024, null, CancellationToken.None)), response.Text);
    }

    [Fact]
    public async Task Scores_AsCsv_NeutraliseFormulas()
    {
        await using var app = await ScoredAsync();
        var request = Requests.Get("?year=2024&format=csv");

        var response = CsvResponse.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(request), app.Context), request);

        var hostile = Assert.Single(response.Lines, l => l.StartsWith("2024,99.01,", StringComparison.Ordinal));
        Assert.Contains("'=HYPERLINK", hostile, StringComparison.Ordinal);
        Assert.Contains("'@SUM(1+1)", hostile, StringComparison.Ordinal);
        var cells = hostile.Split(',');
        Assert.DoesNotContain(cells, c => c.TrimStart('"').StartsWith('=') || c.TrimStart('"').StartsWith('@'));
    }

    [Fact]
    public async Task Scores_AsCsvOfAProvince_NameTheProvinceInTheFile()
    {
        await using var app = await ScoredAsync();
        var request = Requests.Get("?year=2024&province=13", "text/csv");

        var response = CsvResponse.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(request), app.Context), request);

        Assert.Equal("attachment; filename=scores-2024-13.csv", response.Disposition);
        Assert.Equal(3, response.Lines.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("text/html,application/xhtml+xml,*/*;q=0.8")]
    [InlineData("application/json, text/csv;q=0.9")]
    [InlineData("text/csv;q=0")]
    public async Task Scores_WithoutAskingForCsv_AreJson(string? accept)
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024", accept)), app.Context));

        Assert.Equal(4, response.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Scores_OfAYearWithoutScores_AreAnEmptyList()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2019")), app.Context));

        Assert.Equal((200, 0), (response.Status, response.Json.GetProperty("count").GetInt32()));
        Assert.Equal(0, response.Json.GetProperty("scores").GetArrayLength());
    }

    [Theory]
    [InlineData("", "year")]
    [InlineData("?province=13", "year")]
    [InlineData("?year=", "year")]
    [InlineData("?year=dua-ribu", "year")]
    [InlineData("?year=1800", "year")]
    [InlineData("?year=2024.0", "year")]
    [InlineData("?year=-2024", "year")]
    [InlineData("?year=2024&year=2023", "year")]
    [InlineData("?year=2024&format=xlsx", "format")]
    [InlineData("?year=2024&province=Sumbar", "province")]
    [InlineData("?year=2024&province=1", "province")]
    [InlineData("?year=2024&status=approved", "status")]
    [InlineData("?year=2024&status=", "status")]
    [InlineData("?year=2024&status=final&status=provisional", "status")]
    public async Task Scores_WithABadOption_Return400NamingIt(string query, string parameter)
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get(query)), app.Context));

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(parameter, response.Parameter);
    }

    [Fact]
    public async Task Scores_ByStatus_KeepTheRowsOfThatStatus_AndSayWhichWasAskedFor()
    {
        await using var app = await ScoredAsync();

        var all = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024")), app.Context));
        var provisional = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024&status=provisional")), app.Context));
        var final = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024&status=final")), app.Context));

        // Nothing is approved here: every row is provisional, and a final-only table is empty (and says so by its count).
        Assert.All(all.Json.GetProperty("scores").EnumerateArray(), r => Assert.Equal("provisional", r.GetProperty("status").GetString()));
        Assert.False(all.Json.TryGetProperty("status", out _));
        Assert.Equal((4, "provisional"), (provisional.Json.GetProperty("count").GetInt32(), provisional.Json.GetProperty("status").GetString()));
        Assert.Equal((200, 0, "final"), (final.Status, final.Json.GetProperty("count").GetInt32(), final.Json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Scores_OfAnUnknownProvince_Return404()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024&province=77")), app.Context));

        Assert.Equal((404, "province"), (response.Status, response.Parameter));
    }

    [Theory]
    [InlineData("13.07")]
    [InlineData("50 Kota")]
    [InlineData("1308")]
    public async Task RegencyScores_AreEveryYearWithTheDimensionBreakdown(string code)
    {
        await using var app = await ScoredAsync();
        var query = code == "1308" ? "?regencyScheme=bps" : "";

        var response = Response.Of(await app.Create<ScoreFunctions>().GetRegencyScores(app.AsAdmin(Requests.Get(query)), code, app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal(("13.07", "Kabupaten Lima Puluh Kota", "13"), (
            response.Json.GetProperty("regency").GetProperty("code").GetString(),
            response.Json.GetProperty("regency").GetProperty("name").GetString(),
            response.Json.GetProperty("regency").GetProperty("provinceCode").GetString()));
        var years = response.Json.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal([2023, 2024], years.Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal(2, response.Json.GetProperty("count").GetInt32());
        var dimensions = years[1].GetProperty("dimensions").EnumerateArray().ToList();
        Assert.Equal(["governance", "branding", "economy", "living", "society", "environment"], dimensions.Select(d => d.GetProperty("dimension").GetString()));
        Assert.Equal(25, dimensions[0].GetProperty("score").GetDouble(), 9);
        Assert.Equal(25, dimensions[5].GetProperty("score").GetDouble(), 9);
        Assert.True(dimensions[0].GetProperty("coverage").GetDouble() > 0);
        Assert.Equal(0, dimensions[1].GetProperty("coverage").GetDouble());
        Assert.Equal((50.0 / 6) - (12.5 / 6), years[1].GetProperty("trend").GetDouble(), 9);
    }

    [Fact]
    public async Task RegencyScores_OfARegencyThatNeverReported_AreEmpty()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetRegencyScores(app.AsAdmin(Requests.Get()), "13.06", app.Context));

        Assert.Equal((200, 0), (response.Status, response.Json.GetProperty("count").GetInt32()));
        Assert.Equal("Kabupaten Agam", response.Json.GetProperty("regency").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("99.99", 404)]
    [InlineData("all", 404)]
    [InlineData("Bogor", 400)]
    public async Task RegencyScores_OfAnUnknownOrAmbiguousRegency_AreAProblem(string code, int status)
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetRegencyScores(app.AsAdmin(Requests.Get()), code, app.Context));

        Assert.Equal((status, "code"), (response.Status, response.Parameter));
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task Explain_ListsEveryIndicatorWithItsInputsAndTheMissingOnes()
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().ExplainScore(app.AsAdmin(Requests.Get()), "13.07", "2024", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal(2024, response.Json.GetProperty("year").GetInt32());
        Assert.Equal(50.0 / 6, response.Json.GetProperty("overall").GetDouble(), 9);
        var indicators = response.Json.GetProperty("indicators").EnumerateArray().ToList();
        Assert.Equal(24, indicators.Count);
        Assert.Equal(24, response.Json.GetProperty("indicatorsTotal").GetInt32());
        var env = Assert.Single(indicators, i => i.GetProperty("code").GetString() == "ENV-03");
        Assert.Equal("environment", env.GetProperty("dimension").GetString());
        Assert.True(env.GetProperty("reported").GetBoolean());
        Assert.Equal(30, env.GetProperty("value").GetDouble(), 9);
        Assert.Equal(1, env.GetProperty("score").GetDouble(), 9);
        Assert.Equal(["2024Q1", "2024Q2"], env.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(2, env.GetProperty("observationCount").GetInt32());
        Assert.True(env.GetProperty("weight").GetDouble() > 0);
        var missing = response.Json.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(22, missing.Count);
        Assert.DoesNotContain("GOV-01", missing);
        Assert.DoesNotContain("ENV-03", missing);
        Assert.Equal(
            indicators.Where(i => !i.GetProperty("reported").GetBoolean()).Select(i => i.GetProperty("code").GetString()),
            missing);
        var unreported = Assert.Single(indicators, i => i.GetProperty("code").GetString() == missing[0]);
        Assert.False(unreported.TryGetProperty("value", out _));
        Assert.Equal(0, unreported.GetProperty("periods").GetArrayLength());
        var dimensions = response.Json.GetProperty("dimensions").EnumerateArray().ToList();
        Assert.Equal(6, dimensions.Count);
        Assert.All(dimensions, d => Assert.Equal(1.0, d.GetProperty("weight").GetDouble()));
    }

    [Theory]
    [InlineData("13.06", "2024", 404, "year")] // known regency, no score that year
    [InlineData("13.07", "2019", 404, "year")]
    [InlineData("99.99", "2024", 404, "code")]
    [InlineData("13.07", "tahun", 400, "year")]
    [InlineData("13.07", "20245", 400, "year")]
    public async Task Explain_WithoutAScore_IsAProblemNamingThePart(string code, string year, int status, string parameter)
    {
        await using var app = await ScoredAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().ExplainScore(app.AsAdmin(Requests.Get()), code, year, app.Context));

        Assert.Equal((status, parameter), (response.Status, response.Parameter));
        Assert.True(response.IsProblem);
    }

    [Fact]
    public async Task Scores_WhenStorageFails_Return500WithTheCorrelationId()
    {
        await using var app = await ScoredAsync();
        await app.Account.Table(Readiness.Core.StorageNames.Tables.Scores).DeleteAsync();

        var response = Response.Of(await app.Create<ScoreFunctions>().GetScores(app.AsAdmin(Requests.Get("?year=2024")), app.Context));

        Assert.Equal(500, response.Status);
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
    }
}
