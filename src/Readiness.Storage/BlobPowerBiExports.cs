using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Readiness.Core;
using Readiness.Core.Scoring;

namespace Readiness.Storage;

/// <summary>
/// The Power BI star schema as Parquet in the <c>exports</c> container: <c>powerbi/{dimension}/{dimension}.parquet</c>
/// and, per year, <c>powerbi/{fact}/year={yyyy}/{fact}.parquet</c>, so incremental refresh filters files by the year in
/// their path (infra/powerbi/README.md).
/// </summary>
public sealed class BlobPowerBiExports(StorageAccount account) : IPowerBiExports
{
    public const string Prefix = "powerbi/";

    public static readonly string[] Facts = ["fact_scores", "fact_indicator_scores", "fact_values"];

    public static readonly string[] Dimensions = ["dim_regency", "dim_indicator", "dim_dimension", "dim_year"];

    private readonly BlobContainerClient _container = account.Container(StorageNames.Containers.Exports);

    public static string DimensionPath(string table) => $"{Prefix}{table}/{table}.parquet";

    public static string FactPath(string table, int year) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{table}/year={year}/{table}.parquet");

    public async Task<IReadOnlyList<string>> WriteAsync(PowerBiModel model, CancellationToken cancellationToken)
    {
        var written = new List<string>
        {
            await UploadAsync(DimensionPath("dim_regency"), ParquetTable.ColumnsOf(model.Regencies), cancellationToken),
            await UploadAsync(DimensionPath("dim_indicator"), ParquetTable.ColumnsOf(model.Indicators), cancellationToken),
            await UploadAsync(DimensionPath("dim_dimension"), ParquetTable.ColumnsOf(model.Dimensions), cancellationToken),
            await UploadAsync(DimensionPath("dim_year"), ParquetTable.ColumnsOf(model.Years), cancellationToken),
        };
        foreach (var year in model.Facts)
        {
            var scores = year.Scores;
            written.Add(await UploadAsync(
                FactPath("fact_scores", year.Year),
                [ParquetTable.Of("RegencyKey", typeof(int), scores, r => r.RegencyKey), .. ParquetTable.ColumnsOf([.. scores.Select(r => r.Score)])],
                cancellationToken));
            written.Add(await UploadAsync(FactPath("fact_indicator_scores", year.Year), ParquetTable.ColumnsOf(year.IndicatorScores), cancellationToken));
            written.Add(await UploadAsync(FactPath("fact_values", year.Year), ParquetTable.ColumnsOf(year.Values), cancellationToken));
        }

        // The model is replaced whole: files of a year no longer scored (or of a table no longer written) go.
        var keep = written.ToHashSet(StringComparer.Ordinal);
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix }, cancellationToken))
        {
            if (!keep.Contains(blob.Name))
            {
                await _container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
            }
        }

        return written;
    }

    private async Task<string> UploadAsync(string path, IReadOnlyList<ParquetTable.Column> columns, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await ParquetTable.WriteAsync(buffer, columns, cancellationToken);
        buffer.Position = 0;
        await _container.GetBlobClient(path).UploadAsync(buffer, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" } }, cancellationToken);
        return path;
    }
}
