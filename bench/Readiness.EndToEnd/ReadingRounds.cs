using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.EndToEnd;

/// <summary>A ceiling the import's reading passes are measured against: a raw library read of the same bytes that
/// returns the rows it read.</summary>
public sealed record RawRead(string Name, Func<byte[], long> Read);

/// <summary>What <see cref="ReadingRounds.RunAsync"/> measured: per pass (each raw ceiling by its name, then
/// <c>ValidateAsync</c> and <c>ReadValidAsync</c>) its wall seconds per round and its last round's profile.</summary>
public sealed record ReadingTimes(IReadOnlyDictionary<string, (List<double> Seconds, Profile Last)> Passes, int WarmupRounds, double WarmupSeconds)
{
    public const string Validate = "ValidateAsync";
    public const string Normalize = "ReadValidAsync";

    public List<double> Seconds(string pass) => Passes[pass].Seconds;

    public Profile Last(string pass) => Passes[pass].Last;

    public double RowsPerSecond(string pass, long rows) => rows / Stats.Median(Passes[pass].Seconds);
}

/// <summary>
/// The rounds of the parse and workbook stages, one way: the raw ceilings and both reading passes of an import over
/// the same bytes, interleaved round by round (a noisy neighbour hits them alike), after warming up until the JIT has
/// moved the hot loops to optimized code; every pass must read the expected rows.
/// </summary>
public static class ReadingRounds
{
    public static async Task<ReadingTimes> RunAsync(ObservationReader reader, byte[] bytes, ValidationReport verdict, long expectedRows, int rounds, int minWarmupRounds, params RawRead[] ceilings)
    {
        var warmup = System.Diagnostics.Stopwatch.StartNew();
        var warmupRounds = 0;
        for (; warmupRounds < minWarmupRounds || warmup.Elapsed < TimeSpan.FromSeconds(3); warmupRounds++)
        {
            foreach (var ceiling in ceilings)
            {
                ceiling.Read(bytes);
            }

            await ParseStage.NormalizeAsync(reader, bytes, await ParseStage.ValidateAsync(reader, bytes));
        }

        var passes = new Dictionary<string, (List<double> Seconds, Profile Last)>(StringComparer.Ordinal);
        void Record(string pass, Profile run, long rows)
        {
            if (rows != expectedRows)
            {
                throw new InvalidOperationException($"{pass} read {rows:N0} rows, expected {expectedRows:N0}.");
            }

            var seconds = passes.TryGetValue(pass, out var known) ? known.Seconds : [];
            seconds.Add(run.WallSeconds);
            passes[pass] = (seconds, run);
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var ceiling in ceilings)
            {
                var raw = Probe.Start();
                var rows = ceiling.Read(bytes);
                Record(ceiling.Name, raw.Stop(), rows);
            }

            var p = Probe.Start();
            var again = await ParseStage.ValidateAsync(reader, bytes);
            Record(ReadingTimes.Validate, p.Stop(), again.Rows);

            p = Probe.Start();
            var values = await ParseStage.NormalizeAsync(reader, bytes, verdict);
            Record(ReadingTimes.Normalize, p.Stop(), values);
        }

        return new ReadingTimes(passes, warmupRounds, warmup.Elapsed.TotalSeconds);
    }
}
