using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Parquet.Serialization;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;

namespace Readiness.Storage;

/// <summary>Writes <c>exports/scores/{year}.csv</c>, <c>.xlsx</c> and <c>.parquet</c>: every column of the <c>scores</c>
/// table (<see cref="ScoreCsv.Columns"/>), on every row.</summary>
public sealed class BlobScoreExports(StorageAccount account) : IScoreExports
{
    private readonly BlobContainerClient _container = account.Container(StorageNames.Containers.Exports);

    public static string CsvPath(int year) => $"scores/{year}.csv";

    public static string XlsxPath(int year) => $"scores/{year}.xlsx";

    public static string ParquetPath(int year) => $"scores/{year}.parquet";

    public async Task ExportAsync(int year, IReadOnlyList<RegencyScore> ranked, CancellationToken cancellationToken)
    {
        using (var csv = new MemoryStream())
        {
            ScoreCsv.Write(ranked, csv);
            await UploadAsync(CsvPath(year), csv, "text/csv; charset=utf-8", cancellationToken);
        }

        using (var xlsx = new MemoryStream())
        {
            await ScoreXlsx.WriteAsync(ranked, xlsx, cancellationToken);
            await UploadAsync(XlsxPath(year), xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", cancellationToken);
        }

        using var parquet = new MemoryStream();
        // The same flat rows the API returns and the CSV holds.
        await ParquetSerializer.SerializeAsync(ranked.Select(ScoreRow.From), parquet, cancellationToken: cancellationToken);
        await UploadAsync(ParquetPath(year), parquet, "application/vnd.apache.parquet", cancellationToken);
    }

    public async Task RemoveAsync(int year, CancellationToken cancellationToken)
    {
        foreach (var path in new[] { CsvPath(year), XlsxPath(year), ParquetPath(year) })
        {
            await _container.GetBlobClient(path).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private async Task UploadAsync(string path, MemoryStream content, string contentType, CancellationToken cancellationToken)
    {
        content.Position = 0;
        await _container.GetBlobClient(path).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }
}
