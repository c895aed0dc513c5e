using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Audit;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Quality;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Quality;

/// <summary>The checks after a one-regency import read that regency, not every peer: the peers' values of the year
/// come from a snapshot, refreshed when it is older than <see cref="QualityOptions.PeerSnapshotMaxAge"/>.</summary>
public class PeerSnapshotTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    [Fact]
    public async Task ImportAfterImport_ReadsOnlyTheImportedRegency_UntilThePeerSnapshotIsOld()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var reads = new ConcurrentQueue<string>();
        await using var pipeline = await AzuritePipeline.CreateAsync(
            services => services.Replace(ServiceDescriptor.Singleton<IObservationStore>(sp =>
                new CountingStore(ActivatorUtilities.CreateInstance<TableObservationStore>(sp), reads))),
            clock);
        var regencies = Samples.Registry.Regencies.Select(r => r.Code).ToList();

        // Every sample regency reports BRA-03 for 2024.
        var all = new StringBuilder(Header);
        for (var i = 0; i < regencies.Count; i++)
        {
            all.Append(CultureInfo.InvariantCulture, $"{regencies[i]},BRA-03,2024,{1000 + (10 * i)}\n");
        }

        await pipeline.ImportAsync(all.ToString());
        reads.Clear();

        clock.Advance(TimeSpan.FromSeconds(1)); // a later submission: at the same instant it would not win
        var one = await pipeline.ImportAsync(Header + $"{regencies[0]},BRA-03,2024,1001\n");
        Assert.Equal([regencies[0]], reads.Distinct());

        reads.Clear();
        clock.Advance(new QualityOptions().PeerSnapshotMaxAge + TimeSpan.FromSeconds(1));
        await pipeline.ImportAsync(Header + $"{regencies[1]},BRA-03,2024,1011\n");
        Assert.Equal(regencies.Order(StringComparer.Ordinal), reads.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Core.Ingestion.UploadStatus.Completed, one.Upload.Status);
    }

    private sealed class CountingStore(IObservationStore inner, ConcurrentQueue<string> reads) : DelegatingObservationStore(inner)
    {
        public override IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, CancellationToken cancellationToken)
        {
            reads.Enqueue(regencyCode);
            return base.ReadAsync(regencyCode, year, cancellationToken);
        }
    }
}
