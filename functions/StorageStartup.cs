using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Readiness.Storage;

namespace Readiness.Functions;

/// <summary>
/// Creates the tables, containers and queues that are missing when the app starts, so that the first request of a new
/// deployment is answered as any later one (an unauthenticated request gets 401, not a 500 for a missing table).
/// Only for accounts opened with a connection string (Azurite, a shared-key account), as the CLI does: in Azure the
/// templates create everything and the app's identity need not be allowed to. A failure (storage not reachable yet)
/// is logged and does not stop the app: requests then fail as storage errors, with the same explanation.
/// </summary>
public sealed class StorageStartup(StorageAccount account, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (account.IdentityBased)
        {
            return;
        }

        try
        {
            await account.EnsureCreatedAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogError(e, "Could not create the storage tables, containers and queues on start-up: {Explanation}", StorageErrors.Explain(e));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Storage not reachable (retries exhausted): the app still starts and its requests report the failure.
            logger.LogError(e, "Could not reach storage on start-up to create its tables, containers and queues");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
