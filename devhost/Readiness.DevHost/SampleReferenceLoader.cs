using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Catalog;
using Readiness.Core.Registry;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.DevHost;

/// <summary>
/// <c>--seed-samples</c> (./scripts/serve.sh): on start-up, loads the sample registry (<c>samples/registry.csv</c>)
/// into an empty regencies table and the default catalog into an empty indicators table, so a fresh Azurite can be
/// used at once; tables that hold data are left alone. Runs after <see cref="Functions.StorageStartup"/> created them.
/// </summary>
public sealed class SampleReferenceLoader(StorageAccount account, ReferenceDataService reference, ILogger<SampleReferenceLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await IsEmptyAsync(StorageNames.Tables.Regencies, cancellationToken))
        {
            var path = Path.Combine(RepositoryRoot.OfThisBuild, "samples", "registry.csv");
            var count = await reference.ReplaceRegistryAsync(RegistryCsv.Load(path), cancellationToken);
            logger.LogInformation("Loaded {Count} regencies from {Path} into the empty regencies table", count, path);
        }

        if (await IsEmptyAsync(StorageNames.Tables.Indicators, cancellationToken))
        {
            var count = await reference.ReplaceCatalogAsync(CatalogFile.Default, cancellationToken);
            logger.LogInformation("Loaded catalog {Version} ({Count} indicators) into the empty indicators table", CatalogFile.Default.Version, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> IsEmptyAsync(string table, CancellationToken cancellationToken)
    {
        await foreach (var _ in account.Table(table).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return false;
        }

        return true;
    }
}
