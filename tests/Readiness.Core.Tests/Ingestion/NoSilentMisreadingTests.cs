using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Validation;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Ingestion;

/// <summary>Issue 13, item 3: CSV from real spreadsheets is never stored on a guess (golden reports in Golden/ too).</summary>
public class NoSilentMisreadingTests
{
    [Fact]
    public async Task CountsSavedAsShown_AreThousands_BecauseACountIsWhole()
    {
        var (report, values) = await Read("kode_wilayah,kode_indikator,periode,nilai\n13.07,BRA-03,2024,1.250\n13.07,BRA-03,2024Q1,3.400\n13.07,BRA-03,2024Q2,2.005\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal([1250, 3400, 2005], values.Select(v => v.Value));
        Assert.Equal("id-ID", report.Locale);
        var warning = Assert.Single(report.Warnings);
        Assert.Equal(ErrorCodes.AmbiguousNumberFormat, warning.Code);
        Assert.Contains("BRA-03 is a count", warning.Message, StringComparison.Ordinal);
        Assert.Contains("locale=en-US", warning.Message, StringComparison.Ordinal);
        Assert.Contains("adalah jumlah", warning.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValuesNothingDecides_AreErrorsNamingBothReadingsAndTheOption()
    {
        var (report, values) = await Read("kode_wilayah,kode_indikator,periode,nilai\n13.07,BRA-01,2024,1.250\n13.07,GOV-04,2024,7\n");

        Assert.False(report.Valid);
        Assert.Equal([7.0], values.Select(v => v.Value));
        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.AmbiguousNumberFormat, "D2"), (error.Code, error.Cell));
        Assert.Contains("1250 in id-ID style", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.25 in en-US style", error.Message, StringComparison.Ordinal);
        Assert.Contains("locale=id-ID", error.Message, StringComparison.Ordinal);
        Assert.Contains("locale=id-ID", error.MessageId, StringComparison.Ordinal);

        // The option decides.
        var (forced, forcedValues) = await Read("kode_wilayah,kode_indikator,periode,nilai\n13.07,BRA-01,2024,1.250\n", new ReadOptions { Locale = NumberStyle.DecimalComma });
        Assert.True(forced.Valid, forced.ToJson());
        Assert.Equal([1250.0], forcedValues.Select(v => v.Value));
    }

    [Fact]
    public async Task AFractionalCount_InTheFilesStyle_IsAnErrorNotAValue()
    {
        var (report, values) = await Read("kode_wilayah,kode_indikator,periode,nilai\n13.07,GOV-01,2024,87.5\n13.07,BRA-03,2024,1.250\n");

        Assert.Equal([87.5], values.Select(v => v.Value));
        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.AmbiguousNumberFormat, "D3"), (error.Code, error.Cell));
        Assert.Contains("in the other style it is 1250", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodesTypedAsNumbers_InADecimalCommaExport_AreRepairedWithAWarning()
    {
        var (report, values) = await Read("kode_wilayah;kode_indikator;periode;nilai\n13,07;GOV-01;2024;87,5\n35,1;GOV-01;2024;80\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(["13.07", "35.10"], values.Select(v => v.Regency.Code));
        Assert.Equal(2, report.Warnings.Count(w => w.Code == ErrorCodes.RegencyCodeRepaired));
        Assert.Contains(report.Warnings, w => w.Cell == "A3" && w.Message.Contains("35.10", StringComparison.Ordinal) && w.MessageId!.Contains("koma desimal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATitleBlockAboveTheHeader_IsFound_WithItsRowNamed()
    {
        var (report, values) = await Read("Laporan Indikator Smart City,,,\nKabupaten Lima Puluh Kota 2024,,,\nkode_wilayah,kode_indikator,periode,nilai\n13.07,GOV-01,2024,87.5\n13.07,GOV-02,2024,9\n");

        Assert.Equal([(4, 87.5)], values.Select(v => (v.Row, v.Value)));
        Assert.Equal(2, report.Rows);
        var warning = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.HeaderBelowTitle);
        Assert.Equal(3, warning.Row);
        Assert.Contains("Laporan Indikator Smart City", warning.Message, StringComparison.Ordinal);
        Assert.Contains(report.Errors, e => e is { Row: 5, Cell: "D5", Code: ErrorCodes.ConstraintError });
        Assert.DoesNotContain(report.Errors, e => e.Code == ErrorCodes.MissingLabel);
    }
}
