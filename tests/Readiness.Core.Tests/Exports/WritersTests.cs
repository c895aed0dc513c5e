using System.Text;
using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Exports;

public class WritersTests
{
    private static RegencyScore Score(string name, double overall, double? trend) =>
        ScoreCalculator.ScoreRegency(Regency("13.07") with { Name = name }, 2024, [new Observation("13.07", "GOV-01", Period.OfYear(2024), overall, null, null, "u", DateTimeOffset.UnixEpoch)], TestData.Catalog)
        with
        { NationalRank = 1, ProvinceRank = 1, Trend = trend };

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+62 812")]
    [InlineData("-cmd")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tx")]
    public void ScoreCsv_NeutralisesFormulaTextButNotNumbers(string hostile)
    {
        var csv = ScoreCsv.ToText([Score(hostile, 50, -3.5)]);

        using var reader = CsvReader.FromText(csv);
        Assert.True(reader.Read());
        Assert.Equal("'" + hostile, reader.GetString(2));
        Assert.Equal("-3.5", reader.GetString(17));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadTemplate_FilledIn_ValidatesAgainstTheCatalog(bool wide)
    {
        using var buffer = new MemoryStream();
        UploadTemplate.Write(TestData.Catalog, wide, "13.07", 2024, buffer);
        var template = Encoding.UTF8.GetString(buffer.ToArray());
        var filled = wide
            ? template.TrimEnd('\n') + string.Concat(Enumerable.Repeat("1", 1)) + "\n"
            : string.Join('\n', template.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : line.Replace(",2024,,", ",2024,1,", StringComparison.Ordinal)));

        var (empty, _) = await Read(template);
        var (report, values) = await Read(filled);

        Assert.Equal(wide ? "wide" : "long", report.Format);
        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(wide ? 1 : 24, values.Count);
        Assert.Equal(wide ? 0 : 24, empty.ErrorCount);
    }

    [Fact]
    public void ScoreReport_IsSelfContainedHtmlWithEveryRegencyEncoded()
    {
        var html = ScoreReport.ToHtml(2024, [Score("Kota <b>Padang</b>", 80, null), Score("Kabupaten Agam", 40, 2)], TestData.Catalog, DateTimeOffset.UnixEpoch);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Kota &lt;b&gt;Padang&lt;/b&gt;", html, StringComparison.Ordinal);
        // Sorting and filtering 514 rows need a script (issue 16); it is inline, and nothing is fetched from anywhere.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
        Assert.Contains("<script>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        foreach (var dimension in Enum.GetNames<Dimension>())
        {
            Assert.Contains($"<figure class=\"chart\" data-dimension=\"{dimension}\">", html, StringComparison.Ordinal);
        }
    }
}
