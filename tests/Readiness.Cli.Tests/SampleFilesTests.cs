using Readiness.Cli.Infrastructure;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Validation;
using Readiness.Development;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>The files in samples/ are what the demo and the README promise.</summary>
public sealed class SampleFilesTests
{
    public static readonly string[] InvalidSampleErrorCodes =
    [
        ErrorCodes.AmbiguousRegency, ErrorCodes.UnknownIndicator, ErrorCodes.InvalidPeriod,
        ErrorCodes.ConstraintError, ErrorCodes.DuplicateRow, ErrorCodes.RegencyMismatch,
    ];

    public static TheoryData<string> SampleNames => [.. SampleFiles.List(Path.Combine(RepositoryRoot.OfThisBuild, "samples")).Select(f => f.Name)];

    [Fact]
    public void Samples_AreTheDocumentedFiveInDemoOrder()
    {
        Assert.Equal(
            ["13.07-lima-puluh-kota-2024.csv", "13.71-padang-1252.csv", "32.01-bogor-invalid.csv", "national-2024-long.csv", "wide-2023.csv"],
            SampleNames);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task EverySample_ValidatesAsTheDemoExpects(string name)
    {
        string[] regency = SampleFiles.RegencyOf(name) is { } code ? ["--regency", code] : [];

        var run = await Cli.RunAsync(["validate", Cli.Sample(name), "--registry", Cli.Registry, .. regency]);

        Assert.True(run.ExitCode == (SampleFiles.ExpectedInvalid(name) ? 1 : 0), run.ToString());
    }

    [Fact]
    public async Task InvalidSample_HasOneErrorOfEachDocumentedKind()
    {
        var (report, _) = await ReadAsync("32.01-bogor-invalid.csv");

        Assert.False(report.Valid);
        Assert.Equal(InvalidSampleErrorCodes.Order(), report.Errors.Select(e => e.Code).Order());
        Assert.Equal(2, report.Accepted);
    }

    [Fact]
    public async Task MessySample_IsAnIndonesianExcelExport()
    {
        var bytes = await File.ReadAllBytesAsync(Cli.Sample("13.07-lima-puluh-kota-2024.csv"));
        var (report, values) = await ReadAsync("13.07-lima-puluh-kota-2024.csv");

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("\r\n", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.True(report.Valid);
        Assert.Equal((";", "utf-8-bom", "id-ID"), (report.Delimiter, report.Encoding, report.Locale));
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.BlankRow);
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.BlankColumn);
        Assert.Equal(24, values.Select(v => v.Indicator.Code).Distinct().Count());
        Assert.Contains(values, v => v.Indicator.Code == "BRA-01" && v.Value == 1234.5);
        Assert.Contains(values, v => v.Indicator.Code == "ECO-02" && v.Value == 85);
        Assert.Contains(values, v => v.Period == Period.OfMonth(2024, 8));
        Assert.Contains(values, v => v.Period == Period.OfMonth(2024, 10));
    }

    [Fact]
    public async Task Windows1252Sample_IsReadAsWindows1252()
    {
        var (report, values) = await ReadAsync("13.71-padang-1252.csv");

        Assert.True(report.Valid);
        Assert.Equal(("windows-1252", "\t"), (report.Encoding, report.Delimiter));
        Assert.Contains(values, v => v.Note is { } note && note.Contains('–', StringComparison.Ordinal));
    }

    [Fact]
    public async Task NationalSample_HasEveryIndicatorForSeveralRegenciesAndEveryPeriodKind()
    {
        var (report, values) = await ReadAsync("national-2024-long.csv");

        Assert.True(report.Valid);
        var complete = values.GroupBy(v => v.Regency.Code).Count(g => g.Select(v => v.Indicator.Code).Distinct().Count() == CatalogFile.Default.Indicators.Count);
        Assert.True(complete >= 3, $"{complete} regencies have all indicators");
        Assert.True(values.Select(v => v.Regency.Code).Distinct().Count() >= 6);
        Assert.Equal([PeriodKind.Year, PeriodKind.Quarter, PeriodKind.Month], values.Select(v => v.Period.Kind).Distinct().Order());
    }

    [Fact]
    public async Task WideSample_IsWideWithSeveralRegencies()
    {
        var (report, values) = await ReadAsync("wide-2023.csv");

        Assert.True(report.Valid);
        Assert.Equal("wide", report.Format);
        Assert.True(values.Select(v => v.Regency.Code).Distinct().Count() >= 5);
    }

    [Theory]
    [InlineData("13.07-lima-puluh-kota-2024.csv", "13.07")]
    [InlineData("32.01-bogor-invalid.csv", "32.01")]
    [InlineData("national-2024-long.csv", null)]
    [InlineData("1307-no-dot.csv", null)]
    public void RegencyOf_ReadsAKemendagriCodePrefix(string name, string? expected) =>
        Assert.Equal(expected, SampleFiles.RegencyOf(name));

    private static Task<(ValidationReport Report, List<NormalizedValue> Values)> ReadAsync(string name)
    {
        var reader = new ObservationReader(CatalogFile.Default, Samples.Registry);
        var regency = SampleFiles.RegencyOf(name) is { } code ? Samples.Registry.Resolve(code).Regency : null;
        return reader.ReadAllAsync(() => File.OpenRead(Cli.Sample(name)), new ReadOptions { UploadRegency = regency });
    }
}
