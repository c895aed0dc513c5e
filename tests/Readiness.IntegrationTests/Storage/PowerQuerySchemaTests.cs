using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.IntegrationTests.Storage;

/// <summary>
/// The table connector builds its columns from the first rows, and Table Storage drops null properties (<c>Trend</c> is
/// missing from most <c>scores</c> rows, <c>Value</c>/<c>Score</c> from unreported <c>indicatorscores</c> rows). The
/// Power Query files therefore fix the schema: they expand and type every property of the entity, by name.
/// </summary>
public partial class PowerQuerySchemaTests
{
    [Theory]
    [InlineData("scores.pq", typeof(ScoreEntity))]
    [InlineData("indicatorscores.pq", typeof(IndicatorScoreEntity))]
    [InlineData("regencies.pq", typeof(RegencyEntity))]
    public void ThePowerQueryFile_ExpandsAndTypesEveryColumnOfTheEntity(string file, Type entity)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "infra", "powerbi", file));
        var columns = ColumnList().Match(text).Groups[1].Value;
        var expanded = Quoted().Matches(columns).Select(m => m.Groups[1].Value).ToList();
        var typed = TypedColumn().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var properties = entity.GetProperties().Select(p => p.Name).Except(typeof(ITableEntity).GetProperties().Select(p => p.Name)).ToList();

        Assert.Equal(properties.Order(), expanded.Order());
        Assert.Equal(properties.Order(), typed.Order());
    }

    [GeneratedRegex(@"Columns = \{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex ColumnList();

    [GeneratedRegex("\"([A-Za-z0-9]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex("\\{\"([A-Za-z0-9]+)\", (?:type|Int64|Percentage|Int32)")]
    private static partial Regex TypedColumn();
}
