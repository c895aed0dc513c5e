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
        await ParquetSerializer.SerializeAsync(ranked.Select(ParquetScore.From), parquet, cancellationToken: cancellationToken);
        parquet.Position = 0;
        await _container.GetBlobClient(ParquetPath(year)).UploadAsync(parquet, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" } }, cancellationToken);
    }

    /// <summary>The Parquet row: the same columns as the <c>scores</c> table and the CSV export.</summary>
    public sealed class ParquetScore
    {
        public int Year { get; set; }
        public string RegencyCode { get; set; } = "";
        public string RegencyName { get; set; } = "";
        public string ProvinceCode { get; set; } = "";
        public string ProvinceName { get; set; } = "";
        public double Overall { get; set; }
        public double Governance { get; set; }
        public double Branding { get; set; }
        public double Economy { get; set; }
        public double Living { get; set; }
        public double Society { get; set; }
        public double Environment { get; set; }
        public double Coverage { get; set; }
        public int Level { get; set; }
        public string LevelName { get; set; } = "";
        public int? NationalRank { get; set; }
        public int? ProvinceRank { get; set; }
        public double? Trend { get; set; }
        public int IndicatorsReported { get; set; }
        public int IndicatorsTotal { get; set; }
        public string CatalogVersion { get; set; } = "";

        public static ParquetScore From(RegencyScore s) => new()
        {
            Year = s.Year,
            RegencyCode = s.RegencyCode,
            RegencyName = s.RegencyName,
            ProvinceCode = s.ProvinceCode,
            ProvinceName = s.ProvinceName,
            Overall = s.Overall,
            Governance = s.Governance,
            Branding = s.Branding,
            Economy = s.Economy,
            Living = s.Living,
            Society = s.Society,
            Environment = s.Environment,
            Coverage = s.Coverage,
            Level = s.Level,
            LevelName = s.LevelName,
            NationalRank = s.NationalRank,
            ProvinceRank = s.ProvinceRank,
            Trend = s.Trend,
            IndicatorsReported = s.IndicatorsReported,
            IndicatorsTotal = s.IndicatorsTotal,
            CatalogVersion = s.CatalogVersion,
        };
    }
}
