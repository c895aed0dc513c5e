using Readiness.Core.Catalog;
using Readiness.Core.Quality;

namespace Readiness.Core.Tests.Quality;

public class QualityCatalogTests
{
    private static string CatalogWith(string quality) => $$"""
        {
          "version": "q-1",
          {{quality}}
          "indicators": [
            { "code": "PART", "dimension": "governance", "unit": "count", "min": 0, "scoring": { "method": "target", "target": 10 } },
            { "code": "WHOLE", "dimension": "governance", "unit": "count", "min": 0, "scoring": { "method": "target", "target": 10 } }
          ]
        }
        """;

    private const string PartOfWhole = """
        "validationRules": [
          { "code": "part-of-whole", "name": "Bagian tidak melebihi keseluruhan", "nameEnglish": "A part cannot exceed its whole",
            "left": "PART", "operator": "<=", "right": "WHOLE", "importance": "high", "missingValueStrategy": "never-skip", "tolerance": 0.5 }
        ],
        """;

    [Fact]
    public void Parse_ReadsRulesAndThresholdsWithDefaultsForAbsentFields()
    {
        var catalog = CatalogFile.Parse(CatalogWith(PartOfWhole + """
            "qualityThresholds": { "default": { "modifiedZ": 4 }, "part": { "minPeers": 50 } },
            """));

        var rule = Assert.Single(catalog.Quality.Rules);
        Assert.Equal(("part-of-whole", "Bagian tidak melebihi keseluruhan", "A part cannot exceed its whole"), (rule.Code, rule.NameIndonesian, rule.NameEnglish));
        Assert.Equal((RuleOperator.LessOrEqual, MissingValueStrategy.NeverSkip, RuleImportance.High, 0.5), (rule.Operator, rule.MissingValues, rule.Importance, rule.Tolerance));
        Assert.Equal(["PART", "WHOLE"], rule.Indicators);
        Assert.Equal(4, catalog.Quality.Defaults.ModifiedZ);
        Assert.Equal(OutlierThresholds.Default.MinPeers, catalog.Quality.Defaults.MinPeers);
        Assert.Equal(new OutlierThresholds(ModifiedZ: 4, MinPeers: 50), catalog.Quality.ThresholdsFor("PART"));
        Assert.Equal(catalog.Quality.Defaults, catalog.Quality.ThresholdsFor("WHOLE"));
    }

    [Fact]
    public void Parse_WithoutTheSections_HasNoRulesAndTheDefaultThresholds()
    {
        var catalog = CatalogFile.Parse(CatalogWith(""));
        Assert.Empty(catalog.Quality.Rules);
        Assert.Equal(OutlierThresholds.Default, catalog.Quality.ThresholdsFor("PART"));
    }

    [Fact]
    public void ToJson_RoundTripsTheRulesAndThresholds()
    {
        var catalog = CatalogFile.Parse(CatalogWith(PartOfWhole + """ "qualityThresholds": { "WHOLE": { "iqrFactor": 2 } }, """));
        var again = CatalogFile.Parse(CatalogFile.ToJson(catalog));
        Assert.Equal(catalog.Quality.Rules, again.Quality.Rules);
        Assert.Equal(2, again.Quality.ThresholdsFor("WHOLE").IqrFactor);
    }

    [Fact]
    public void Parse_MaxIsTheIndicatorsDeclaredBound_AndARuleOnItRoundTrips()
    {
        // A count reported monthly and summed over the year, with a yearly ceiling declared: each month passes the range
        // check, their sum need not.
        var catalog = CatalogFile.Parse(CatalogWith("""
            "validationRules": [
              { "code": "year-within-max", "left": "PART", "operator": "<=", "right": "max(WHOLE)" }
            ],
            """).Replace("\"code\": \"WHOLE\", \"dimension\": \"governance\", \"unit\": \"count\", \"min\": 0,", "\"code\": \"WHOLE\", \"dimension\": \"governance\", \"unit\": \"count\", \"min\": 0, \"max\": 120,", StringComparison.Ordinal));

        var rule = Assert.Single(catalog.Quality.Rules);
        Assert.Equal(120, rule.Right.Evaluate(_ => null, missingAsZero: false));
        Assert.Equal(["PART"], rule.Indicators);
        Assert.Equal(rule, Assert.Single(CatalogFile.Parse(CatalogFile.ToJson(catalog)).Quality.Rules));
    }

    [Theory]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "<=", "right": "max(WHOLE)" }""", "validation rule r: 'right' at position 5 of \"max(WHOLE)\": indicator 'WHOLE' declares no max in the catalog")]
    [InlineData("""{ "code": "r", "left": "PART + NOPE", "operator": "<", "right": "1" }""", "validation rule r: 'left' at position 8 of \"PART + NOPE\": unknown indicator 'NOPE'")]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "<", "right": "(WHOLE" }""", "validation rule r: 'right' at position 7 of \"(WHOLE\": ')' expected")]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "=<", "right": "1" }""", "'operator' must be one of ==, !=, <, <=, >, >=, not '=<'")]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "<", "right": "1", "importance": "urgent" }""", "'importance' must be one of high, medium, low, not 'urgent'")]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "<", "right": "1", "missingValueStrategy": "skip" }""", "'missingValueStrategy' must be one of skip-if-any-missing, skip-if-all-missing, never-skip, not 'skip'")]
    [InlineData("""{ "code": "r", "left": "PART", "operator": "<", "right": "1", "tolerance": -1 }""", "'tolerance' must be a non-negative number")]
    [InlineData("""{ "code": "r", "operator": "<", "right": "1" }""", "'left' is required")]
    [InlineData("""{ "left": "PART", "operator": "<", "right": "1" }""", "a validation rule has no 'code'")]
    public void Parse_RejectsABadRuleWithWhereAndWhy(string rule, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(CatalogWith($"\"validationRules\": [{rule}],")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "NOPE": { "modifiedZ": 3 } }""", "qualityThresholds names unknown indicator 'NOPE'")]
    [InlineData("""{ "default": { "modifiedZ": 0 } }""", "must be positive numbers")]
    [InlineData("""{ "PART": { "minPeers": 2 } }""", "minPeers at least 4")]
    [InlineData("""{ "PART": { "thousandsTolerance": 1 } }""", "thousandsTolerance must lie between 1 and 30")]
    [InlineData("""{ "PART": { "minRelativeMad": 1 } }""", "minRelativeMad must lie between 0 and 1")]
    public void Parse_RejectsBadThresholds(string thresholds, string expected)
    {
        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(CatalogWith($"\"qualityThresholds\": {thresholds},")));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsATwiceListedRule()
    {
        var rule = """{ "code": "r", "left": "PART", "operator": "<", "right": "1" }""";
        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(CatalogWith($"\"validationRules\": [{rule}, {rule}],")));
        Assert.Contains("validation rule r is listed twice", error.Message, StringComparison.Ordinal);
    }
}
