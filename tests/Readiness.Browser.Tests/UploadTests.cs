using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Readiness.TestSupport;

namespace Readiness.Browser.Tests;

/// <summary>Uploads from the page with the real sample files, compared with what the API stored.</summary>
[Collection(PortalCollection.Name)]
public class UploadTests(PortalFixture fixture)
{
    private async Task<PortalPage> SignedInAsync(string key)
    {
        var portal = await PortalPage.OpenAsync(fixture);
        await portal.SignInAsync(key);
        return portal;
    }

    /// <summary>The stored summary of the upload the page shows, read from the API.</summary>
    private async Task<JsonElement> StoredAsync(IPage page, string regency)
    {
        var id = await page.Locator(".result .hint .mono").TextContentAsync();
        using var client = fixture.Host.ClientWithKey(fixture.Host.AdminKey);
        return await client.GetFromJsonAsync<JsonElement>($"api/regencies/{regency}/uploads/{id}");
    }

    private static async Task ExpectCountsAsync(IPage page, JsonElement upload)
    {
        foreach (var name in new[] { "imported", "updated", "unchanged", "rejected" })
        {
            await Assertions.Expect(page.Locator($"[data-count={name}] dd")).ToHaveTextAsync(upload.GetProperty(name).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task ValidWindows1252File_IsStored_AndTheCountsAreShown()
    {
        await using var portal = await SignedInAsync(await fixture.Host.CreateKeyAsync("13.71"));
        var page = portal.Page;

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(Samples.SamplePath("13.71-padang-1252.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".outcome")).ToHaveTextAsync("Berkas diterima dan disimpan.");
        var stored = await StoredAsync(page, "13.71");
        Assert.Equal("Completed", stored.GetProperty("upload").GetProperty("status").GetString());
        Assert.Equal("portal", stored.GetProperty("upload").GetProperty("source").GetString()); // the page marks its uploads
        Assert.True(stored.GetProperty("upload").GetProperty("imported").GetInt32() > 0);
        await ExpectCountsAsync(page, stored.GetProperty("upload"));
        // The preview decodes the file as the server did (Windows-1252): no replacement characters.
        await Assertions.Expect(page.Locator("table.preview tbody tr")).Not.ToHaveCountAsync(0);
        Assert.DoesNotContain("\uFFFD", await page.Locator("table.preview").InnerTextAsync(), StringComparison.Ordinal);
        await portal.ScreenshotAsync("upload-valid");
        Assert.Empty(portal.Problems);
    }

    [Fact]
    public async Task InvalidFile_ShowsTheReportWithExcelCells_AndMarksThemInThePreview()
    {
        await using var portal = await SignedInAsync(await fixture.Host.CreateKeyAsync("32.01"));
        var page = portal.Page;

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(Samples.SamplePath("32.01-bogor-invalid.csv"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Berkas ditolak");
        var stored = await StoredAsync(page, "32.01");
        var errors = stored.GetProperty("report").GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        var rows = page.Locator("table.report").First.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(errors.Count);
        for (var i = 0; i < errors.Count; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            var error = errors[i];
            var cell = error.TryGetProperty("cell", out var c) ? c.GetString()! : "baris " + error.GetProperty("row").GetInt32();
            await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync(cell);
            await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync(error.GetProperty("code").GetString()!);
            await Assertions.Expect(cells.Nth(3)).ToHaveTextAsync(error.GetProperty("message_id").GetString()!);
            await Assertions.Expect(cells.Nth(4)).Not.ToBeEmptyAsync();
            if (error.TryGetProperty("cell", out var marked))
            {
                await Assertions.Expect(page.Locator($"table.preview td[data-cell={marked.GetString()}]")).ToHaveClassAsync("bad");
            }
        }

        Assert.Contains(errors, e => e.TryGetProperty("cell", out var a3) && a3.GetString() == "A3");
        await Assertions.Expect(page.Locator("[data-count=imported] dd")).ToHaveTextAsync("0");
        await portal.ScreenshotAsync("upload-invalid");

        // The same report in English, from the report's own English messages.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.report").First.Locator("tbody tr").First.Locator("td").Nth(3))
            .ToHaveTextAsync(errors[0].GetProperty("message").GetString()!);
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("The file was refused");
    }

    [Fact]
    public async Task OversizeFile_Gets413_AndTheIndonesianMessageSaysHowToSplitIt()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        var body = new StringBuilder("indicator_code,period,value\n");
        while (body.Length < PortalFixture.MaxUploadBytes + (40 * 1024))
        {
            body.Append("GOV-01,2024,87.5\n");
        }

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(new FilePayload { Name = "besar.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(body.ToString()) });
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync(),
            response => response.Url.Contains("/uploads", StringComparison.Ordinal) && response.Request.Method == "POST");

        Assert.Equal(413, answer.Status);
        var status = page.Locator("#upload-status");
        await Assertions.Expect(status).ToContainTextAsync("Berkas terlalu besar: batasnya 64 KB");
        await Assertions.Expect(status).ToContainTextAsync("Bagi data menjadi beberapa berkas");
        await portal.ScreenshotAsync("upload-oversize");
    }

    [Fact]
    public async Task EmptyFile_IsRefusedInThePage_WithHowToFixIt()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(new FilePayload { Name = "kosong.csv", MimeType = "text/csv", Buffer = [] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("Berkas \"kosong.csv\" kosong (0 bita)");
        Assert.DoesNotContain(portal.Urls, url => url.Contains("/uploads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DryRun_ChecksWithoutStoring()
    {
        await using var portal = await SignedInAsync(await fixture.Host.CreateKeyAsync("13.71"));
        var page = portal.Page;

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(Samples.SamplePath("13.71-padang-1252.csv"));
        await page.GetByLabel("Periksa saja (tidak disimpan)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Tidak ada yang disimpan (periksa saja)");
        var stored = await StoredAsync(page, "13.71");
        Assert.Equal("Validated", stored.GetProperty("upload").GetProperty("status").GetString());
        Assert.True(stored.GetProperty("upload").GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task QueuedUpload_IsFollowedUntilItIsStored()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        var sample = Samples.SamplePath("13.07-lima-puluh-kota-2024.csv");
        Assert.True(new FileInfo(sample).Length > PortalFixture.AsyncThresholdBytes);

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(sample);
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync(),
            response => response.Url.Contains("/uploads", StringComparison.Ordinal) && response.Request.Method == "POST");

        Assert.Equal(202, answer.Status);
        await Assertions.Expect(page.Locator("#upload-status")).ToContainTextAsync("diproses di latar belakang");
        await Assertions.Expect(page.Locator(".outcome")).ToHaveTextAsync("Berkas diterima dan disimpan.", new() { Timeout = 60_000 });
        var stored = await StoredAsync(page, "13.07");
        Assert.Equal("Completed", stored.GetProperty("upload").GetProperty("status").GetString());
        await ExpectCountsAsync(page, stored.GetProperty("upload"));
        Assert.Contains(portal.Urls, url => url.Contains("/api/regencies/13.07/uploads/", StringComparison.Ordinal));
    }
}
