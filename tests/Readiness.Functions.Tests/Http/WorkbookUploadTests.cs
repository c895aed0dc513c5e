using Microsoft.AspNetCore.Mvc;
using Readiness.Core;
using Readiness.Core.Catalog;
using Readiness.Functions.Http;
using SpreadCheetah;

namespace Readiness.Functions.Tests.Http;

/// <summary>Workbooks on the HTTP paths (issue 13): uploads under every media type a client labels them with, and the xlsx template.</summary>
public class WorkbookUploadTests
{
    private static async Task<byte[]> Workbook()
    {
        using var buffer = new MemoryStream();
        await using (var spreadsheet = await Spreadsheet.CreateNewAsync(buffer))
        {
            await spreadsheet.StartWorksheetAsync("Data");
            await spreadsheet.AddRowAsync([new Cell("kode_indikator"), new Cell("periode"), new Cell("nilai")]);
            await spreadsheet.AddRowAsync([new Cell("GOV-01"), new Cell("2024"), new Cell(87.5)]);
            await spreadsheet.AddRowAsync([new Cell("BRA-03"), new Cell("2024"), new Cell(1250)]);
            await spreadsheet.FinishAsync();
        }

        return buffer.ToArray();
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("application/vnd.ms-excel")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task Post_Workbook_IsImportedWhateverItIsLabelled(string? contentType)
    {
        await using var app = await TestApp.CreateAsync();

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body(await Workbook(), contentType)), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("xlsx", response.Report.GetProperty("fileType").GetString());
        Assert.Equal("Data", response.Report.GetProperty("sheet").GetString());
        var stored = await app.StoredAsync("13.07");
        Assert.Equal((87.5, 1250.0), (stored["2024|GOV-01"].Value, stored["2024|BRA-03"].Value));
    }

    [Fact]
    public async Task Post_WorkbookAsAFormFile_IsImported_AndArchivedAsItCame()
    {
        await using var app = await TestApp.CreateAsync();
        var bytes = await Workbook();

        var response = Response.Of(await app.Functions.PostUpload(
            app.AsAdmin(Requests.Form(new FormPart("file", "isian.xlsx", WorkbookTemplate.ContentType, bytes))), "13.07", app.Context));

        Assert.Equal(200, response.Status);
        Assert.Equal("isian.xlsx", response.Upload.GetProperty("fileName").GetString());
        var upload = (await app.Imports.ListAsync("13.07", 1, CancellationToken.None)).Single();
        Assert.EndsWith(".xlsx", upload.BlobPath, StringComparison.Ordinal);
        var blob = app.Account.Container(StorageNames.Containers.Uploads).GetBlobClient(upload.BlobPath);
        Assert.Equal(WorkbookTemplate.ContentType, (await blob.GetPropertiesAsync()).Value.ContentType);
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Post_OdsSpreadsheet_Returns415NamingLibreOfficesSaveAs()
    {
        await using var app = await TestApp.CreateAsync();
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("mimetype").Open();
            entry.Write("application/vnd.oasis.opendocument.spreadsheet"u8);
        }

        var response = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body(buffer.ToArray(), "application/vnd.oasis.opendocument.spreadsheet")), "13.07", app.Context));

        Assert.Equal(415, response.Status);
        var error = response.Report.GetProperty("errors")[0];
        Assert.Contains("Save As", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_Xlsx_IsAWorkbookTheUploadReads()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Get("?format=xlsx&regency=50%20Kota&year=2024");

        var result = await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(request), app.Context);

        var file = Assert.IsType<FileContentResult>(result);
        Assert.Equal(WorkbookTemplate.ContentType, file.ContentType);
        Assert.Equal("attachment; filename=\"template-long-13.07-2024.xlsx\"", request.HttpContext.Response.Headers.ContentDisposition.ToString());
        Assert.Equal("PK"u8.ToArray(), file.FileContents[..2]);

        // Uploaded unfilled, it is read as the workbook it is: every row asks for its value, in Data!D cells.
        var upload = Response.Of(await app.Functions.PostUpload(app.AsAdmin(Requests.Body(file.FileContents, WorkbookTemplate.ContentType, "?dryRun=true")), "13.07", app.Context));
        Assert.Equal(422, upload.Status);
        Assert.Equal(["missing-value"], upload.ErrorCodes);
        Assert.Equal("Data!D2", upload.Report.GetProperty("errors")[0].GetProperty("cell").GetString());
    }

    [Fact]
    public async Task Template_XlsxWide_UsesTheLayoutOption()
    {
        await using var app = await TestApp.CreateAsync();
        var request = Requests.Get("?format=xlsx&layout=wide&year=2024");

        var file = Assert.IsType<FileContentResult>(await app.Create<CatalogFunctions>().GetTemplate(app.AsAdmin(request), app.Context));

        Assert.Contains("template-wide-2024.xlsx", request.HttpContext.Response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(file.FileContents);
    }
}
