using Readiness.Core.Ingestion;
using Readiness.Core.Observations;

namespace Readiness.Core.Tests.Ingestion;

/// <summary>
/// An upload's values until their partition is written (issue 11: a background import's memory): a large upload's full
/// chunks go to a temporary file and come back exactly, partition by partition, and the file is gone once the upload
/// is done with them; a small upload never creates one.
/// </summary>
public class UploadValuesTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Every regency of the sample registry, each indicator of the catalog, monthly over the years, with a
    /// unit on some values and a repeated key (the last row wins) in 13.07.</summary>
    private static List<NormalizedValue> Values(int years)
    {
        var values = new List<NormalizedValue>();
        var row = 2;
        foreach (var regency in TestData.Registry.Regencies)
        {
            foreach (var indicator in TestData.Catalog.Indicators)
            {
                for (var year = 2024 - years + 1; year <= 2024; year++)
                {
                    for (var month = 1; month <= 12; month++)
                    {
                        values.Add(new NormalizedValue(row, regency, indicator, Period.OfMonth(year, month), (row * 7.25) % 97, month == 3 ? "unit" : null, month == 4 ? "note" : null));
                        row++;
                    }
                }
            }
        }

        var repeated = values.First(v => v.Regency.Code == "13.07");
        values.Add(repeated with { Row = row, Value = 12345.5 });
        return values;
    }

    private static Dictionary<string, Dictionary<string, Observation>> All(UploadValues values, Func<UploadValues, string, Dictionary<string, Observation>> read) =>
        values.Regencies.ToDictionary(r => r, r => read(values, r), StringComparer.Ordinal);

    private static IEnumerable<string> SpillFiles() => Directory.EnumerateFiles(Path.GetTempPath(), "readiness-upload-*.values");

    [Fact]
    public void ALargeUpload_SpillsItsFullChunks_AndGivesBackExactlyWhatWasAdded()
    {
        var added = Values(years: 2);
        var before = SpillFiles().ToHashSet();
        Dictionary<string, Dictionary<string, Observation>> peeked, taken;
        string? spillFile;
        using (var inMemory = new UploadValues(spillAfter: int.MaxValue))
        using (var spilled = new UploadValues(spillAfter: 100))
        {
            foreach (var value in added)
            {
                inMemory.Add(value);
                spilled.Add(value);
            }

            spillFile = SpillFiles().Except(before).SingleOrDefault();
            Assert.Equal((false, true), (inMemory.Spilled, spilled.Spilled));
            Assert.NotNull(spillFile);
            Assert.Equal(inMemory.RegencyYears, spilled.RegencyYears);

            var expected = All(inMemory, (v, r) => v.Take(r, "u1", Received));
            peeked = All(spilled, (v, r) => v.Peek(r, "u1", Received));
            taken = All(spilled, (v, r) => v.Take(r, "u1", Received));
            foreach (var (regency, observations) in expected)
            {
                Assert.Equal(observations.OrderBy(o => o.Key, StringComparer.Ordinal), peeked[regency].OrderBy(o => o.Key, StringComparer.Ordinal));
                Assert.Equal(observations.OrderBy(o => o.Key, StringComparer.Ordinal), taken[regency].OrderBy(o => o.Key, StringComparer.Ordinal));
            }

            // Taken means released: the partition is empty afterwards.
            Assert.Empty(spilled.Take("13.07", "u1", Received));
        }

        Assert.Equal(added.Count - 1, taken.Values.Sum(t => t.Count));
        Assert.Equal(12345.5, taken["13.07"].Values.Single(o => o.IndicatorCode == added[0].Indicator.Code && o.Period == added[0].Period).Value);
        Assert.Contains(taken["13.07"].Values, o => o.Unit == "unit");
        Assert.Contains(taken["13.07"].Values, o => o.Note == "note");
        Assert.False(File.Exists(spillFile));
    }

    [Fact]
    public void ARegencysUpload_StaysInMemory()
    {
        using var values = new UploadValues();
        foreach (var value in Values(years: 1).Where(v => v.Regency.Code == "13.07"))
        {
            values.Add(value);
        }

        Assert.False(values.Spilled);
        Assert.Equal(TestData.Catalog.Indicators.Count * 12, values.Take("13.07", "u1", Received).Count);
    }
}
