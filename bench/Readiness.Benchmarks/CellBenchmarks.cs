using BenchmarkDotNet.Attributes;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;

namespace Readiness.Benchmarks;

/// <summary>The per-cell normalizers: numbers in both styles and the period forms regencies write.</summary>
[MemoryDiagnoser]
public class CellBenchmarks
{
    [Params("37.4", "1.234,5", "85%", "1234")]
    public string Number { get; set; } = "";

    [Benchmark]
    public double NumberClassifyAndParse()
    {
        var text = NumberParser.StripPercent(Number, out _);
        var evidence = NumberParser.Classify(text);
        var style = evidence == StyleEvidence.DecimalComma ? NumberStyle.DecimalComma : NumberStyle.DecimalPoint;
        return NumberParser.TryParse(text, style, out var value) ? value : double.NaN;
    }
}

/// <summary>Period parsing, canonical and free forms.</summary>
[MemoryDiagnoser]
public class PeriodBenchmarks
{
    [Params("2024-01", "2024", "2024Q1", "Januari 2024", "15/01/2024")]
    public string Text { get; set; } = "";

    [Benchmark]
    public int Parse() => PeriodParser.TryParse(Text, out var period) ? period.SortKey : 0;

    [Benchmark]
    public int ParseCanonical() => Period.TryParseCanonical(Text, out var period) ? period.SortKey : 0;
}
