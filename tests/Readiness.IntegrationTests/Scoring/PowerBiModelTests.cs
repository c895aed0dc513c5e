using Microsoft.Extensions.DependencyInjection;
using Parquet;
using Parquet.Schema;
using Readiness.Core;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Scoring;

/// <summary>The Power BI star schema read back with Parquet.Net: types, row counts equal to the tables, every fact key
/// joining its dimension, and the type-2 rows of the 26 regencies whose code changed in 2022.</summary>
public class PowerBiModelTests
{
    private static readonly RegencyRegistry National = RegistryCsv.Load(SharedData.File(SharedData.NationalRegistryFile));

    private const string Data = """
        regency_code,indicator_code,period,value
        91.01,GOV-01,2021,50
        91.01,ENV-03,2021Q1,20
        91.03,GOV-01,2021,90
        92.71,BRA-02,2021,Ya
        93.01,GOV-01,2023,55
        91.03,GOV-01,2023,90
        96.71,GOV-01,2023,70
        13.71,GOV-01,2023,80
        13.71,ENV-03,2023-05,12.5
        """;

    [Fact]
    public async Task TheQueuePathsReRank_WritesTheModel_WithoutAnExportCall()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(regencies: National.Regencies);
        Assert.True((await pipeline.ImportAsync(Data)).Report.Valid);

        // As the score queue function runs them: the upload's regencies scored, then the delayed re-rank.
        var scored = await pipeline.Scores.HandleAsync(new Core.Ports.ScoreRequest([2023], ["13.71", "91.03", "93.01", "96.71"], "upload"), CancellationToken.None);
        Assert.Empty(scored.PowerBiFiles);
        var ranked = await pipeline.Scores.HandleAsync(new Core.Ports.ScoreRequest([2023], [], "upload", RankOnly: true), CancellationToken.None);

        Assert.Contains("powerbi/fact_scores/year=2023/fact_scores.parquet", ranked.PowerBiFiles);
        var container = pipeline.Account.Container(StorageNames.Containers.Exports);
        var facts = await Table.ReadAsync((await container.GetBlobClient("powerbi/fact_scores/year=2023/fact_scores.parquet").DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(4, facts.Rows);
        Assert.Equal(["13.71", "91.03", "93.01", "96.71"], (await facts.Strings("RegencyCode")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheStarSchema_ReadsBackTyped_WithTheTablesRowCounts_AndNoOrphanKey()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(regencies: National.Regencies);
        Assert.True((await pipeline.ImportAsync(Data)).Report.Valid);
        await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);

        var files = await pipeline.Services.GetRequiredService<PowerBiExportService>().ExportAsync(CancellationToken.None);

        Assert.Equal(4 + (3 * 2), files.Count);
        Assert.Contains("powerbi/fact_scores/year=2021/fact_scores.parquet", files);
        var container = pipeline.Account.Container(StorageNames.Containers.Exports);
        async Task<Table> Read(string path) => await Table.ReadAsync((await container.GetBlobClient(path).DownloadContentAsync()).Value.Content.ToArray());

        var regencies = await Read(BlobPowerBiExports.DimensionPath("dim_regency"));
        Assert.Equal(514 + 26, regencies.Rows);
        Assert.Equal(typeof(int), regencies.Type("RegencyKey"));
        Assert.Equal(typeof(string), regencies.Type("RegencyCode"));
        Assert.Equal(typeof(DateOnly), regencies.Type("ValidFrom"));
        Assert.Equal(typeof(bool), regencies.Type("IsCurrent"));
        var keys = (await regencies.Ints("RegencyKey")).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        // SCD2: the 26 changed regencies have a closed version (former code, former province, to 2022-12-31) and a current one.
        var codes = await regencies.Strings("RegencyCode");
        var versionCodes = await regencies.Strings("VersionCode");
        var provinces = await regencies.Strings("ProvinceCode");
        var validTo = await regencies.Dates("ValidTo");
        var current = await regencies.Bools("IsCurrent");
        var changed = Enumerable.Range(0, regencies.Rows).Where(i => versionCodes[i] != codes[i]).ToList();
        Assert.Equal(26, changed.Count);
        Assert.All(changed, i => Assert.Equal((new DateOnly(2022, 12, 31), false), (validTo[i], current[i])));
        Assert.Equal(514, current.Count(c => c));
        var merauke = Enumerable.Range(0, regencies.Rows).Where(i => codes[i] == "93.01").Select(i => (keys[i], versionCodes[i], provinces[i], current[i])).ToList();
        Assert.Equal([(93010, "91.01", "91", false), (93011, "93.01", "93", true)], merauke);

        var scoresTable = new Dictionary<int, int>();
        foreach (var year in new[] { 2021, 2023 })
        {
            var facts = await Read(BlobPowerBiExports.FactPath("fact_scores", year));
            var stored = await pipeline.Scores.YearAsync(year, null, CancellationToken.None);
            Assert.Equal(stored.Count, facts.Rows);
            Assert.Equal(["RegencyKey", .. ScoreCsv.Columns], facts.Names);
            Assert.Equal((typeof(string), typeof(double), typeof(int?), typeof(DateTime?)), (facts.Type("RegencyCode"), facts.Type("Overall"), facts.Type("PeerRank"), facts.Type("ComputedAt")));
            var factKeys = await facts.Ints("RegencyKey");
            Assert.All(factKeys, k => Assert.Contains(k, keys));
            scoresTable[year] = stored.Count;

            var indicatorFacts = await Read(BlobPowerBiExports.FactPath("fact_indicator_scores", year));
            Assert.Equal(stored.Count * 24, indicatorFacts.Rows);
            Assert.All(await indicatorFacts.Ints("RegencyKey"), k => Assert.Contains(k, keys));
            var indicatorCodes = await (await Read(BlobPowerBiExports.DimensionPath("dim_indicator"))).Strings("IndicatorCode");
            Assert.All(await indicatorFacts.Strings("IndicatorCode"), c => Assert.Contains(c, indicatorCodes));
            var dimensionCodes = await (await Read(BlobPowerBiExports.DimensionPath("dim_dimension"))).Strings("DimensionCode");
            Assert.All(await indicatorFacts.Strings("DimensionCode"), c => Assert.Contains(c, dimensionCodes));
            var values = await Read(BlobPowerBiExports.FactPath("fact_values", year));
            Assert.Equal((await indicatorFacts.Bools("Reported")).Count(r => r), values.Rows);
            Assert.Equal(typeof(double), values.Type("Value"));
        }

        // Merauke's 2021 score joins its 2021 version (Papua), its 2023 score the current one.
        var f2021 = await Read(BlobPowerBiExports.FactPath("fact_scores", 2021));
        var codes2021 = (await f2021.Strings("RegencyCode")).ToList();
        var keys2021 = await f2021.Ints("RegencyKey");
        Assert.Equal(93010, keys2021[codes2021.IndexOf("93.01")]);
        var years = await Read(BlobPowerBiExports.DimensionPath("dim_year"));
        var yearValues = await years.Ints("Year");
        Assert.Equal(new[] { 2021, 2023 }, yearValues);

        // Every table has its Power Query file in infra/powerbi/model/, typing exactly the columns of the Parquet file.
        foreach (var (table, path) in BlobPowerBiExports.Dimensions.Select(d => (d, BlobPowerBiExports.DimensionPath(d)))
            .Concat(BlobPowerBiExports.Facts.Select(f => (f, BlobPowerBiExports.FactPath(f, 2023)))))
        {
            var names = (await Read(path)).Names;
            var query = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.OfThisBuild, "infra", "powerbi", "model", table + ".pq"));
            var typed = System.Text.RegularExpressions.Regex.Matches(query, "\\{\"([A-Za-z0-9]+)\", (?:type|Int64|Percentage)").Select(m => m.Groups[1].Value);
            Assert.Equal(names.Order(), typed.Order());
        }
    }

    /// <summary>A Parquet file read back with Parquet.Net's own reader.</summary>
    private sealed class Table(ParquetReader reader, MemoryStream bytes) : IAsyncDisposable
    {
        public int Rows => (int)reader.OpenRowGroupReader(0).RowCount;

        public IReadOnlyList<string> Names => [.. reader.Schema.GetDataFields().Select(f => f.Name)];

        public static async Task<Table> ReadAsync(byte[] content)
        {
            var bytes = new MemoryStream(content);
            // With DateOnly for DATE columns, a DateOnly proves a DATE column and a DateTime a timestamp.
            return new Table(await ParquetReader.CreateAsync(bytes, new ParquetOptions { UseDateOnlyTypeForDates = true }), bytes);
        }

        public Type Type(string name)
        {
            var field = Field(name);
            // Parquet.Net 6 reads UTF-8 string columns as character memory (binary columns would be byte[]).
            if (field.ClrType == typeof(ReadOnlyMemory<char>) || field.ClrType == typeof(ReadOnlyMemory<char>?))
            {
                return typeof(string);
            }

            return field.IsNullable && field.ClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(field.ClrType) : field.ClrType;
        }

        public async Task<int[]> Ints(string name) => await Values<int>(name);

        public async Task<bool[]> Bools(string name) => await Values<bool>(name);

        public async Task<DateOnly[]> Dates(string name) => await Values<DateOnly>(name);

        public async Task<string[]> Strings(string name)
        {
            var values = new string?[Rows];
            await reader.OpenRowGroupReader(0).ReadAsync(Field(name), values.AsMemory());
            return [.. values.Select(v => v ?? "")];
        }

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await bytes.DisposeAsync();
        }

        private async Task<T[]> Values<T>(string name)
            where T : struct
        {
            var values = new T[Rows];
            await reader.OpenRowGroupReader(0).ReadAsync(Field(name), values.AsMemory());
            return values;
        }

        private DataField Field(string name) => reader.Schema.GetDataFields().Single(f => f.Name == name);
    }
}
