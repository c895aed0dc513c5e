using Readiness.Core.Quality;

namespace Readiness.Core.Tests.Quality;

public class QualityExpressionTests
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "GOV-01", "GOV-03", "ECO-02", "LIV-01" };

    private static double? Eval(string text, Dictionary<string, double> values, bool missingAsZero = false) =>
        QualityExpression.Parse(text, Known.Contains).Evaluate(c => values.TryGetValue(c, out var v) ? v : null, missingAsZero);

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("12 / 3 / 2", 2)]
    [InlineData("-2 * -3", 6)]
    [InlineData("0.5 * GOV-01", 40)]
    [InlineData("GOV-01 - GOV-03", 30)]
    [InlineData("GOV-01-GOV-03", 30)]
    [InlineData("gov-01 / (GOV-03 + 30)", 1)]
    public void Parse_EvaluatesWithPrecedenceAndIndicatorCodes(string text, double expected)
    {
        Assert.Equal(expected, Eval(text, new() { ["GOV-01"] = 80, ["GOV-03"] = 50 })!.Value, 9);
    }

    [Fact]
    public void Evaluate_MissingValueIsNullUnlessCountedAsZero_DivisionByZeroIsNull()
    {
        Assert.Null(Eval("GOV-01 + LIV-01", new() { ["GOV-01"] = 80 }));
        Assert.Equal(80, Eval("GOV-01 + LIV-01", new() { ["GOV-01"] = 80 }, missingAsZero: true));
        Assert.Null(Eval("GOV-01 / LIV-01", new() { ["GOV-01"] = 80, ["LIV-01"] = 0 }));
    }

    [Fact]
    public void Indicators_ListsEachCodeOnceInOrder()
    {
        var expression = QualityExpression.Parse("gov-03 + GOV-01 * GOV-03", Known.Contains);
        Assert.Equal(["GOV-03", "GOV-01"], expression.Indicators);
    }

    [Fact]
    public void ToString_ParsesBackToTheSameValue()
    {
        var expression = QualityExpression.Parse("1 + GOV-03 / 20 - -2", Known.Contains);
        var again = QualityExpression.Parse(expression.ToString(), Known.Contains);
        Assert.Equal(expression, again);
    }

    // GOV-01 is a percentage (0–100), LIV-01 declares a minimum only.
    private static double? BoundOf(string code, string function) => (code, function) switch
    {
        ("GOV-01", "max") => 100,
        ("GOV-01" or "LIV-01", "min") => 0,
        _ => null,
    };

    [Theory]
    [InlineData("max(GOV-01)", 100)]
    [InlineData("MAX ( gov-01 ) - min(GOV-01)", 100)]
    [InlineData("0.5 * max(GOV-01) + GOV-03", 100)]
    [InlineData("min(LIV-01) - 1", -1)]
    public void Parse_MaxAndMinAreTheCatalogsDeclaredBounds(string text, double expected)
    {
        var expression = QualityExpression.Parse(text, Known.Contains, BoundOf);
        Assert.Equal(expected, expression.Evaluate(c => c == "GOV-03" ? 50 : null, missingAsZero: false));
    }

    [Fact]
    public void Bound_ReadsNoValue_AndPrintsBackAsTheCall()
    {
        var expression = QualityExpression.Parse("GOV-03 / max(gov-01)", Known.Contains, BoundOf);
        // A bound is a constant of the catalog: it is never missing, so it does not count for the missing-value strategy.
        Assert.Equal(["GOV-03"], expression.Indicators);
        Assert.Equal("(GOV-03 / max(GOV-01))", expression.ToString());
        Assert.Equal(expression, QualityExpression.Parse(expression.ToString(), Known.Contains, BoundOf));
    }

    [Theory]
    [InlineData("max(LIV-01)", 5, "indicator 'LIV-01' declares no max in the catalog")]
    [InlineData("1 + min(GOV-03)", 9, "indicator 'GOV-03' declares no min")]
    [InlineData("max(GOV-01", 11, "')' expected to close max( at position 1")]
    [InlineData("max()", 5, "max() takes one indicator code")]
    [InlineData("max(2)", 5, "max() takes one indicator code")]
    [InlineData("max(NOPE)", 5, "unknown indicator 'NOPE'")]
    public void Parse_BoundFaultGivesThePositionAndTheCause(string text, int position, string cause)
    {
        var error = Assert.Throws<QualityExpressionException>(() => QualityExpression.Parse(text, Known.Contains, BoundOf));
        Assert.Equal(position, error.Position);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutBounds_RejectsMax()
    {
        var error = Assert.Throws<QualityExpressionException>(() => QualityExpression.Parse("GOV-03 + max(GOV-01)", Known.Contains));
        Assert.Equal(10, error.Position);
    }

    [Theory]
    [InlineData("GOV-01 + ", 10, "ends")]
    [InlineData("GOV-01 + XYZ-9", 10, "unknown indicator 'XYZ-9'")]
    [InlineData("(GOV-01 + 2", 12, "')' expected to close the '(' at position 1")]
    [InlineData("GOV-01 2", 8, "unexpected '2'")]
    [InlineData("GOV-01 % 2", 8, "unexpected '%'")]
    [InlineData("1.2.3", 1, "'1.2.3' is not a number")]
    [InlineData("", 1, "ends")]
    public void Parse_FaultGivesThePositionAndTheCause(string text, int position, string cause)
    {
        var error = Assert.Throws<QualityExpressionException>(() => QualityExpression.Parse(text, Known.Contains));
        Assert.Equal(position, error.Position);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"position {position} of \"{text}\"", error.Message, StringComparison.Ordinal);
    }
}
