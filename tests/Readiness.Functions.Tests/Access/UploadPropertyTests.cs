using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CsCheck;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core;
using Readiness.Functions.Tests.Http;
using Readiness.TestSupport;
using Xunit.Abstractions;

namespace Readiness.Functions.Tests.Access;

/// <summary>
/// Properties of the upload function over random input, against a real Azurite account created once per test and
/// real writes (<c>dryRun=false</c>): whatever the bytes, the answer is 200/202 or a 4xx with a JSON body, never a
/// 500 or an exception, and when the answer is a 4xx the observations table is exactly as it was. CsCheck prints
/// the seed of a failing case (rerun it with <c>CsCheck_Seed</c>); cases run one at a time so each can be compared
/// with the table before it.
/// </summary>
public class UploadPropertyTests(ITestOutputHelper output)
{
    public const int RandomBytesIterations = 1500;
    public const int MutatedCsvIterations = 2500;

    private const string Valid = """"
        kode_wilayah;kode_indikator;periode;nilai;satuan;keterangan
        13.07;GOV-01;Januari 2024;87,5;persen;"catatan; dengan ""kutip"""
        Kab. Lima Puluh Kota;BRA-02;2024;Ya;;
        1307;ECO-04;2024Q2;-3,5;persen;
        13.07;ENV-03;Agu 2024;1.234,5;;
        """";

    private static readonly string[] ContentTypes = ["text/csv", "text/plain; charset=utf-8", "application/octet-stream", "application/vnd.ms-excel"];

    [Fact]
    public async Task RandomBytes_AreAReportOrA4xx_AndARefusedUploadStoresNothing()
    {
        await using var app = await TestApp.CreateAsync();
        var gen = Gen.Select(Gen.Byte.Array[0, 2000], Gen.Int[0, ContentTypes.Length - 1], Gen.Bool);

        var (cases, refused, elapsed) = await CheckAsync(app, gen.Select(t => (t.Item1, ContentTypes[t.Item2], t.Item3)), RandomBytesIterations,
            t => $"{t.Item1.Length} bytes as {t.Item2}, partial={t.Item3}: {Convert.ToHexString(t.Item1.AsSpan(0, Math.Min(t.Item1.Length, 96)))}");

        output.WriteLine($"{cases} random-byte uploads in {elapsed.TotalSeconds:0.0} s, {refused} refused");
        Assert.True(cases >= RandomBytesIterations);
        Assert.True(refused > cases / 2, "random bytes should mostly be refused");
    }

    [Fact]
    public async Task MutatedValidCsv_IsAReportOrA4xx_AndARefusedUploadStoresNothing()
    {
        await using var app = await TestApp.CreateAsync();
        var gen = Gen.Select(CsvMutations.Of(Valid, "\"';,\t\n\r\0%.-=+@ab1Z9é\uFFFD|/#?", 0, 12), Gen.Bool);

        var (cases, refused, elapsed) = await CheckAsync(app, gen.Select(t => (Encoding.UTF8.GetBytes(t.Item1), "text/csv", t.Item2)), MutatedCsvIterations,
            t => $"partial={t.Item3}: {JsonSerializer.Serialize(Encoding.UTF8.GetString(t.Item1))}");

        output.WriteLine($"{cases} mutated-CSV uploads in {elapsed.TotalSeconds:0.0} s, {refused} refused");
        Assert.True(cases >= MutatedCsvIterations);
        Assert.InRange(refused, 1, cases - 1); // both verdicts happen
    }

    /// <summary>Posts every generated body as the admin and checks the properties.</summary>
    private static async Task<(int Cases, int Refused, TimeSpan Elapsed)> CheckAsync(TestApp app, Gen<(byte[] Body, string ContentType, bool Partial)> gen, int iterations, Func<(byte[] Body, string ContentType, bool Partial), string> print)
    {
        var table = app.Account.Table(StorageNames.Tables.Observations);
        var snapshot = await DumpAsync(table);
        int cases = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        await gen.SampleAsync(async input =>
        {
            var request = app.AsAdmin(Requests.Body(input.Body, input.ContentType, input.Partial ? "?mode=partial&dryRun=false" : "?dryRun=false"));
            var result = await app.Functions.PostUpload(request, "13.07", app.Context);

            var content = Assert.IsType<ContentResult>(result);
            Assert.True(content.StatusCode is 200 or 202 or (>= 400 and < 500), $"status {content.StatusCode}: {content.Content}");
            using (var json = JsonDocument.Parse(content.Content!))
            {
                // A JSON body whatever the verdict, and a refusal names its correlation id.
                Assert.True(content.StatusCode < 400 || json.RootElement.GetProperty("correlationId").GetString() == app.InvocationId);
            }

            var after = await DumpAsync(table);
            if (content.StatusCode >= 400)
            {
                Assert.Equal(snapshot, after);
                Interlocked.Increment(ref refused);
            }

            snapshot = after;
            Interlocked.Increment(ref cases);
        }, iter: iterations, threads: 1, print: print);
        return (cases, refused, clock.Elapsed);
    }

    /// <summary>Every observation's keys and ETag: any insert, update or delete changes it.</summary>
    private static async Task<List<string>> DumpAsync(TableClient table)
    {
        var rows = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            rows.Add($"{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}");
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }
}
