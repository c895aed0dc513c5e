using System.Globalization;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using nietras.SeparatedValues;
using Readiness.BenchData;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.Benchmarks;

/// <summary>
/// The national long file (148,032 rows) from memory: a raw parse of every field with CsvHelper (the ceiling of the
/// read + validate + normalize stage) and with Sep (for reference), against the two passes of
/// <see cref="ObservationReader"/> on the same bytes.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _national = [];
    private ObservationReader _reader = null!;
    private ValidationReport _verdict = null!;

    [GlobalSetup]
    public void Setup()
    {
        _national = BenchDataSet.National(1);
        _reader = new ObservationReader(BenchDataSet.Catalog, BenchDataSet.Registry);
        _verdict = _reader.ValidateAsync(new MemoryStream(_national), new ReadOptions()).GetAwaiter().GetResult();
        if (!_verdict.Valid || _verdict.Rows != 148_032)
        {
            throw new InvalidOperationException($"The generated file does not validate: {_verdict.Rows} rows, {_verdict.ErrorCount} errors.");
        }
    }

    /// <summary>Every field materialized: text as strings, the value as a double.</summary>
    [Benchmark(Baseline = true)]
    public long CsvHelperRaw()
    {
        using var reader = CsvReader.Create(new MemoryStream(_national, writable: false), CsvReaderOptions.Default, leaveOpen: false);
        long check = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                check += i == 3 ? (reader.TryParse<double>(i, out var value) ? (long)value : 0) : reader.GetString(i).Length;
            }
        }

        return check;
    }

    /// <summary>Every field as a UTF-8 span: the parser alone, nothing materialized.</summary>
    [Benchmark]
    public long CsvHelperSpans()
    {
        using var reader = CsvReader.Create(new MemoryStream(_national, writable: false), CsvReaderOptions.Default, leaveOpen: false);
        long check = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                check += reader.GetSpan(i).Length;
            }
        }

        return check;
    }

    [Benchmark]
    public long SepRaw()
    {
        using var reader = Sep.Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture }).From(new MemoryStream(_national, writable: false));
        long check = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                check += i == 3 ? (row[i].TryParse<double>() is { } value ? (long)value : 0) : row[i].ToString().Length;
            }
        }

        return check;
    }

    /// <summary>The validation pass of an import.</summary>
    [Benchmark]
    public int Validate() => _reader.ValidateAsync(new MemoryStream(_national, writable: false), new ReadOptions()).GetAwaiter().GetResult().Rows;

    /// <summary>The normalizing pass of an import: every accepted value handed to a sink.</summary>
    [Benchmark]
    public long Normalize()
    {
        long values = 0;
        _reader.ReadValidAsync(new MemoryStream(_national, writable: false), new ReadOptions(), _verdict, _ => values++).GetAwaiter().GetResult();
        return values;
    }
}
