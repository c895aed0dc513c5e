using System.Text.Json.Nodes;
using Readiness.Core.Quality;
using Readiness.Core.Validation;

namespace Readiness.Core.Tests.Quality;

/// <summary>A data-quality finding as a warning of the upload's report: its evidence as fields, so the portal and API
/// clients can show it; an ordinary warning's JSON stays as it was.</summary>
public class QualityWarningTests
{
    private static YearValue[] History(params double[] values) => [.. values.Select((v, i) => new YearValue(2020 + i, v))];

    private static JsonObject Json(ValidationIssue issue)
    {
        var report = new ValidationReport();
        report.AddWarning(issue);
        return JsonNode.Parse(report.ToJson())!["warnings"]![0]!.AsObject();
    }

    [Fact]
    public void Finding_AsTheApiWritesIt_NamesItsBasisAndImportance()
    {
        var finding = new QualityFinding(QualityCodes.RuleViolation, FindingBasis.Rule, "13.07", 2024, "r1", "A,B", 3, "m", "p") { Importance = RuleImportance.High };

        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(finding, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!.AsObject();
        var back = System.Text.Json.JsonSerializer.Deserialize<QualityFinding>(json.ToJsonString(), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        Assert.Equal(("rule", "high"), ((string?)json["basis"], (string?)json["importance"]));
        Assert.Equal((FindingBasis.Rule, RuleImportance.High), (back.Basis, back.Importance));
    }

    [Fact]
    public void Thousands_CarriesThePreviousValueYearAndRatio()
    {
        var finding = OutlierDetector.AgainstHistory("13.07", "BRA-03", 2024, 1_250_000, History(1180, 1210, 1230, 1250), OutlierThresholds.Default)!;

        var json = Json(QualityService.ToWarning(finding));

        Assert.Equal(QualityCodes.PossibleThousandsError, (string?)json["code"]);
        Assert.Equal(("13.07", 2024, "previous"), ((string?)json["regency"], (int?)json["year"], (string?)json["basis"]));
        Assert.Equal(["BRA-03"], json["indicators"]!.AsArray().Select(n => (string?)n));
        Assert.Equal((1_250_000.0, 1250.0, 2023, 1000.0), ((double?)json["observed"], (double?)json["previous_value"], (int?)json["previous_year"], (double?)json["ratio"]));
        Assert.Equal("1250000", (string?)json["value"]);
        Assert.False(json.ContainsKey("median") || json.ContainsKey("rule") || json.ContainsKey("lower_fence"));
        Assert.Equal(0, (int?)json["row"]);
    }

    [Fact]
    public void HistoryOutlier_CarriesTheMedianMadAndModifiedZ()
    {
        var finding = OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 9, History(90, 91, 92, 93), OutlierThresholds.Default)!;

        var json = Json(QualityService.ToWarning(finding));

        Assert.Equal(("history", 91.5, 1.0, 2023), ((string?)json["basis"], (double?)json["median"], (double?)json["mad"], (int?)json["previous_year"]));
        Assert.Equal(0.6745 * (9 - 91.5) / 4.575, (double)json["modified_z"]!, 9);
        Assert.False(json.ContainsKey("previous_value") || json.ContainsKey("ratio") || json.ContainsKey("right"));
    }

    [Fact]
    public void PeerOutlier_CarriesTheFences()
    {
        var fences = PeerFences.From([.. Enumerable.Range(0, 40).Select(i => 100.0 + i)], OutlierThresholds.Default)!;
        var finding = OutlierDetector.AgainstPeers("13.07", "BRA-03", 2024, 5000, fences)!;

        var json = Json(QualityService.ToWarning(finding));

        Assert.Equal(("peers", fences.Lower, fences.Upper), ((string?)json["basis"], (double?)json["lower_fence"], (double?)json["upper_fence"]));
        Assert.False(json.ContainsKey("median") || json.ContainsKey("previous_year"));
    }

    [Fact]
    public void RuleViolation_CarriesTheRuleItsImportanceAndBothSides()
    {
        var finding = new QualityFinding(QualityCodes.RuleViolation, FindingBasis.Rule, "13.07", 2024, "SOC-01-VS-LIV-01", "SOC-01,LIV-01", 98, "m", "p")
        {
            Importance = RuleImportance.High,
            Reference = 40,
        };

        var warning = QualityService.ToWarning(finding);
        var json = Json(warning);

        Assert.Equal(("SOC-01-VS-LIV-01", "high", 98.0, 40.0), ((string?)json["rule"], (string?)json["importance"], (double?)json["observed"], (double?)json["right"]));
        Assert.Equal(["SOC-01", "LIV-01"], json["indicators"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("13.07 2024: m", warning.Message);
        Assert.Equal("13.07 2024: p", warning.MessageId);
    }

    [Fact]
    public void AnOrdinaryWarning_KeepsItsJson()
    {
        var json = Json(new ValidationIssue { Row = 3, Column = "value", Cell = "D3", Code = "late", Message = "m", MessageId = "p", Value = "1" });

        Assert.Equal(["row", "column", "cell", "code", "message", "message_id", "value"], json.Select(p => p.Key));
    }
}
