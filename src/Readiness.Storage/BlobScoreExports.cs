using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Parquet.Serialization;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;

namespace Readiness.Storage;

/// <summary>Writes <c>exports/scores/{year}.csv</c> and <c>exports/scores/{year}.parquet</c>.</summary>
public sealed class BlobScoreExports(StorageAccount account) : IScoreExports
{
    private readonly BlobContainerClient _container = account.Container(StorageNames.Containers.Exports);

    public static string CsvPath(int year) => $"scores/{year}.csv";

    public static string ParquetPath(int year) => $"scores/{year}.parquet";

    public async Task ExportAsync(int year, IReadOnlyList<RegencyScore> ranked, CancellationToken cancellationToken)
    {
        using (var csv = new MemoryStream())
        {
            ScoreCsv.Write(ranked, csv);
            csv.Position = 0;
            await _container.GetBlobClient(CsvPath(year)).UploadAsync(csv, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" } }, cancellationToken);
        }

        using var parquet = new MemoryStream();
        // The same flat rows the API returns and the CSV holds.
        await ParquetSerializer.SerializeAsync(ranked.Select(ScoreRow.From), parquet, cancellationToken: cancellationToken);
        parquet.Position = 0;
        await _container.GetBlobClient(ParquetPath(year)).UploadAsync(parquet, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" } }, cancellationToken);
    }
}
