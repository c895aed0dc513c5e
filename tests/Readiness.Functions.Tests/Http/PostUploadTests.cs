using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;

namespace Readiness.Functions.Tests.Http;

public class PostUploadTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private static readonly string[] PercentIndicators =
        ["GOV-01", "GOV-03", "ECO-01", "ECO-02", "LIV-01", "LIV-02", "LIV-04", "SOC-01", "SOC-03", "ENV-01", "ENV-03"];

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    /// <summary>Eleven percent indicators, every quarter of 2020–2024: 220 rows, more than two table transactions.</summary>
    internal static string LongFile(string regency = "13.07")
    {
        var csv = new StringBuilder(Header);
        for (var year = 2020; year <= 2024; year++)
        {
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                for (var i = 0; i < PercentIndicators.Length; i++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{regency},{PercentIndicators[i]},{year}Q{quarter},{Value(i, year, quarter)}\n");
                }
            }
        }

        return csv.ToString();
    }

    private static double Value(int indicator, int year, int quarter) => ((indicator * 7) + (quarter * 3) + year) % 100 + 0.5;

    [Fact]
    public async Task Post_LongFile_Returns200WithSummaryAndStoresEveryRow()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile())), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("Completed", response.Upload.GetProperty("status").GetString());
        Assert.Equal("13.07", response.Upload.GetProperty("regency").GetString());
        Assert.Equal("atomic", response.Upload.GetProperty("mode").GetString());
        Assert.Equal(220, response.Upload.GetProperty("imported").GetInt32());
        Assert.Equal(64, response.Upload.GetProperty("sha256").GetString()!.Length);
        Assert.True(response.Report.GetProperty("valid").GetBoolean());
        Assert.Equal("long", response.Report.GetProperty("format").GetString());
        Assert.Equal(220, response.Report.GetProperty("rows").GetInt32());
        Assert.Equal(0, response.Report.GetProperty("errors").GetArrayLength());

        var stored = await app.StoredAsync("13.07");
        Assert.Equal(220, stored.Count);
        Assert.Equal(Value(0, 2024, 1), stored["2024Q1|GOV-01"].Value);
        Assert.Equal(Value(10, 2020, 4), stored["2020Q4|ENV-03"].Value);
    }

    [Theory]
    [InlineData("13.07", "")]
    [InlineData("1307", "")]
    [InlineData("1308", "?regencyScheme=bps")]
    [InlineData("Kab. Limapuluh Kota", "")]
    [InlineData("50 Kota", "")]
    public async Task Post_RouteRegency_IsResolvedThroughTheRegistry(string route, string query)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv("indicator_code,period,value\nGOV-01,2024,87.5\n", query: query)), route, app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("13.07", response.Upload.GetProperty("regency").GetString());
        Assert.Equal(87.5, Assert.Single(await app.StoredAsync("13.07")).Value.Value);
    }

    [Fact]
    public async Task Post_SemicolonFileWithoutRegencyColumn_StoresCanonicalValues()
    {
        await using var app = await TestApp.CreateAsync();
        const string csv = "kode_indikator;periode;nilai\nGOV-01;2024;87,5\nGOV-03;Januari 2024;12,25\n";

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(csv, "application/vnd.ms-excel")), "Kota Bogor", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("32.71", response.Upload.GetProperty("regency").GetString());
        var stored = await app.StoredAsync("32.71");
        Assert.Equal([("2024-01|GOV-03", 12.25), ("2024|GOV-01", 87.5)], stored.Select(s => (s.Key, s.Value.Value)).OrderBy(s => s.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Post_DryRun_Returns200AndStoresNothing()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile(), query: "?dryRun=true")), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("Validated", response.Upload.GetProperty("status").GetString());
        Assert.True(response.Upload.GetProperty("dryRun").GetBoolean());
        Assert.True(response.Report.GetProperty("valid").GetBoolean());
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Post_InvalidFile_Returns422WithTheReportAndStoresNothing()
    {
        await using var app = await TestApp.CreateAsync();
        const string csv = Header +
            "13.07,GOV-01,2024,87.5\n" +
            "13.07,XYZ-99,2024,50\n" +
            "13.07,GOV-01,2024-13,50\n" +
            "13.07,GOV-03,2024,150\n" +
            "32.71,GOV-01,2023,50\n";

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(csv)), "13.07", app.Context));

        Assert.Equal(422, response.Status);
        Assert.False(response.IsProblem);
        Assert.Equal("Rejected", response.Upload.GetProperty("status").GetString());
        Assert.False(response.Report.GetProperty("valid").GetBoolean());
        Assert.Equal(["constraint-error", "invalid-period", "regency-mismatch", "unknown-indicator"], response.ErrorCodes.Order());
        var unknown = response.Report.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "unknown-indicator");
        Assert.Equal(3, unknown.GetProperty("row").GetInt32());
        Assert.Equal("XYZ-99", unknown.GetProperty("value").GetString());
        Assert.Equal(4, response.Report.GetProperty("rejected").GetInt32());
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Post_InvalidFileInPartialMode_Returns200AndStoresTheValidRows()
    {
        await using var app = await TestApp.CreateAsync();
        const string csv = Header + "13.07,GOV-01,2024,87.5\n13.07,XYZ-99,2024,50\n";

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(csv, query: "?mode=partial")), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("partial", response.Upload.GetProperty("mode").GetString());
        Assert.Equal(["unknown-indicator"], response.ErrorCodes);
        Assert.Equal(["2024|GOV-01"], (await app.StoredAsync("13.07")).Keys);
    }

    [Theory]
    [InlineData("?mode=sometimes", "mode")]
    [InlineData("?mode=atomic&mode=partial", "mode")]
    [InlineData("?dryRun=maybe", "dryRun")]
    [InlineData("?locale=fr-FR", "locale")]
    [InlineData("?regencyScheme=iso", "regencyScheme")]
    public async Task Post_BadOption_Returns400NamingTheParameter(string query, string parameter)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile(), query: query)), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(parameter, response.Parameter);
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(response.Json.GetProperty("detail").GetString()));
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_MissingBody_Returns400()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body([])), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("body", response.Parameter);
    }

    [Fact]
    public async Task Post_MultipartWithOneFile_Returns200AndKeepsTheFileName()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Form(FormPart.Field("note", "kuartal 1"), FormPart.File(Header + "13.07,GOV-01,2024Q1,87.5\n", "Data Januari.csv"));

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("Data Januari.csv", response.Upload.GetProperty("fileName").GetString());
        Assert.Equal(87.5, (await app.StoredAsync("13.07"))["2024Q1|GOV-01"].Value);
    }

    [Fact]
    public async Task Post_MultipartWithTwoFiles_Returns400AndStoresNothing()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Form(FormPart.File(LongFile(), "a.csv"), FormPart.File(LongFile(), "b.csv"));

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("file", response.Parameter);
        Assert.Empty(await app.StoredAsync("13.07"));
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_MultipartWithoutFile_Returns400()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Form(FormPart.Field("csv", LongFile()))), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("file", response.Parameter);
    }

    [Theory]
    [InlineData("99.99")]
    [InlineData("Gotham City")]
    [InlineData("13.99")]
    [InlineData("Kota Lima Puluh Kota")]
    public async Task Post_UnknownRegency_Returns404(string route)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile())), route, app.Context));

        Assert.Equal(404, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("code", response.Parameter);
        Assert.Equal(route, response.Json.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Post_AmbiguousRegencyName_Returns400NamingBothCandidates()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile())), "Bogor", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("code", response.Parameter);
        Assert.Equal(["32.01", "32.71"], response.Json.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order());
        Assert.Contains("Kabupaten Bogor", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Kota Bogor", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_Returns413WithTheReportAndStoresNothing()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.MaxUploadBytes = 1000));
        var request = Requests.Body(Encoding.UTF8.GetBytes(LongFile()), declareLength: false);

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(413, response.Status);
        Assert.Equal("Rejected", response.Upload.GetProperty("status").GetString());
        Assert.Equal(["file-too-large"], response.ErrorCodes);
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Post_DeclaredLengthOverTheLimit_Returns413WithoutImporting_AndDiscardsTheBodyBeforeAnswering()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.MaxUploadBytes = 1000));
        var request = Requests.Body(Encoding.UTF8.GetBytes(LongFile()));

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(413, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("file-too-large", response.Json.GetProperty("code").GetString());
        Assert.Equal(1000, response.Json.GetProperty("maxBytes").GetInt64());
        // Issue 12: an early answer reads the rest of the body first, so a proxy in front can finish sending it.
        Assert.Equal(request.Body.Length, request.Body.Position);
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_MultipartFileOverTheLimit_Returns413()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.MaxUploadBytes = 1000));

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Form(FormPart.File(LongFile()))), "13.07", app.Context));

        Assert.Equal(413, response.Status);
        Assert.Equal("file-too-large", response.Json.GetProperty("code").GetString());
        Assert.Empty(await app.StoredAsync("13.07"));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/pdf")]
    [InlineData("application/json")]
    [InlineData("multipart/mixed; boundary=x")]
    public async Task Post_NonCsvContentType_Returns415BeforeStoringAnything(string contentType)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body(Png, contentType)), "13.07", app.Context));

        Assert.Equal(415, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("Content-Type", response.Parameter);
        Assert.Equal("not-csv", response.Json.GetProperty("code").GetString());
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_MultipartFileOfAnImageType_Returns415()
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Form(new FormPart("file", "chart.png", "image/png", Png))), "13.07", app.Context));

        Assert.Equal(415, response.Status);
        Assert.Equal("file", response.Parameter);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task Post_BinaryBodyWithoutATextType_Returns415FromTheSniffer(string? contentType)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body(Png, contentType)), "13.07", app.Context));

        Assert.Equal(415, response.Status);
        Assert.False(response.IsProblem);
        Assert.Equal("Rejected", response.Upload.GetProperty("status").GetString());
        Assert.Equal(["not-csv"], response.ErrorCodes);
    }

    [Theory]
    [InlineData("text/csv; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData("application/csv")]
    [InlineData("application/vnd.ms-excel")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task Post_CsvUnderTheMediaTypesClientsUse_Returns200(string? contentType)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(Header + "13.07,GOV-01,2024,87.5\n", contentType)), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Single(await app.StoredAsync("13.07"));
    }

    [Fact]
    public async Task Post_StorageFailure_Returns500WithTheInvocationIdAsCorrelationId()
    {
        await using var app = await TestApp.CreateAsync();
        await app.Account.Container(StorageNames.Containers.Uploads).DeleteAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Csv(LongFile())), "13.07", app.Context));

        Assert.Equal(500, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal(app.InvocationId, response.Json.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("Exception", response.Json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BodyRefusedByTheWebServer_KeepsTheServersStatus()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Form(FormPart.File(LongFile()));
        request.Body = new FailingStream(request.Body, failAfter: 500, new BadHttpRequestException("Request body too large. The max request body size is 500 bytes.", 413));

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(413, response.Status);
        Assert.True(response.IsProblem);
        Assert.Contains("Request body too large", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_TruncatedForm_Returns400()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Form(FormPart.File(LongFile()));
        var whole = ((MemoryStream)request.Body).ToArray();
        request.Body = new MemoryStream(whole[..(whole.Length / 2)]);
        request.ContentLength = whole.Length / 2;

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(request), "13.07", app.Context));

        Assert.Equal(400, response.Status);
        Assert.Equal("body", response.Parameter);
    }

    /// <summary>A request body the server stops reading part-way, as Kestrel does past its own limit.</summary>
    private sealed class FailingStream(Stream inner, int failAfter, Exception failure) : Stream
    {
        private int _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Math.Min(count, 100)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Math.Min(buffer.Length, 100)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > failAfter ? throw failure : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
