using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Readiness.Core;

namespace Readiness.Storage;

/// <summary>
/// The storage account the pipeline lives in: Table, Blob and Queue clients for either a connection string
/// (Azurite: <c>UseDevelopmentStorage=true</c>) or service URIs with a managed identity (Azure, no shared keys).
/// An optional name prefix gives every table, container and queue a unique name (tests, side-by-side runs).
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string prefix = "")
{
    /// <summary>Azurite's well-known local endpoint (the development key is public by design).</summary>
    public const string Development = "UseDevelopmentStorage=true";

    public TableServiceClient TableService => tables;

    public BlobServiceClient BlobService => blobs;

    public QueueServiceClient QueueService => queues;

    public string Prefix => prefix;

    /// <param name="configure">Extra client options for all three services (tests add pipeline policies).</param>
    public static StorageAccount FromConnectionString(string connectionString, string prefix = "", Action<ClientOptions>? configure = null)
    {
        var tableOptions = new TableClientOptions();
        Configure(tableOptions.Retry);
        var blobOptions = new BlobClientOptions();
        Configure(blobOptions.Retry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(queueOptions.Retry);
        configure?.Invoke(tableOptions);
        configure?.Invoke(blobOptions);
        configure?.Invoke(queueOptions);
        return new StorageAccount(
            new TableServiceClient(connectionString, tableOptions),
            new BlobServiceClient(connectionString, blobOptions),
            new QueueServiceClient(connectionString, queueOptions),
            prefix);
    }

    /// <summary>Identity-based access: the app's user-assigned managed identity when <paramref name="clientId"/> is
    /// set, otherwise the developer's or workload's default Azure credential.</summary>
    public static StorageAccount FromServiceUris(Uri tableUri, Uri blobUri, Uri queueUri, string? clientId, string prefix = "")
    {
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageAccount(
            new TableServiceClient(tableUri, credential),
            new BlobServiceClient(blobUri, credential),
            new QueueServiceClient(queueUri, credential, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }),
            prefix);
    }

    /// <summary>
    /// An account from any one of its service endpoints (<c>https://NAME.table.core.windows.net/</c>, or the blob or
    /// queue one), signed in with the default Azure credential (the Azure CLI's login on an operator's machine): the
    /// production account has shared keys disabled, so operators reach it with their Entra identity.
    /// </summary>
    public static StorageAccount FromServiceUri(Uri serviceUri, string prefix = "")
    {
        var host = serviceUri.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        var service = dot > 0 ? host[(dot + 1)..] : "";
        var rest = service.IndexOf('.', StringComparison.Ordinal) is var next and > 0 ? service[next..] : "";
        if (serviceUri.Scheme != Uri.UriSchemeHttps || dot <= 0 || !service.StartsWith("table.", StringComparison.Ordinal) && !service.StartsWith("blob.", StringComparison.Ordinal) && !service.StartsWith("queue.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{serviceUri}' is not an https endpoint of a storage account such as https://NAME.table.core.windows.net/.", nameof(serviceUri));
        }

        var account = host[..dot];
        Uri Endpoint(string kind) => new($"https://{account}.{kind}{rest}/");
        return FromServiceUris(Endpoint("table"), Endpoint("blob"), Endpoint("queue"), clientId: null, prefix);
    }

    public TableClient Table(string name) => tables.GetTableClient(prefix + name);

    public BlobContainerClient Container(string name) => blobs.GetBlobContainerClient(prefix + name);

    public QueueClient Queue(string name) => queues.GetQueueClient(prefix + name);

    /// <summary>Creates every table, container and queue the pipeline uses, if missing (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(
            Task.WhenAll(StorageNames.Tables.All.Select(t => Table(t).CreateIfNotExistsAsync(cancellationToken))),
            Task.WhenAll(StorageNames.Containers.All.Select(c => Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken))),
            Task.WhenAll(StorageNames.Queues.All.Select(q => Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }

    /// <summary>Removes everything with this account's prefix (test clean-up). Refuses without a prefix.</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        if (prefix.Length == 0)
        {
            throw new InvalidOperationException("Refusing to delete unprefixed production tables.");
        }

        await Task.WhenAll(
            Task.WhenAll(StorageNames.Tables.All.Select(t => Table(t).DeleteAsync(cancellationToken))),
            Task.WhenAll(StorageNames.Containers.All.Select(c => Container(c).DeleteIfExistsAsync(cancellationToken: cancellationToken))),
            Task.WhenAll(StorageNames.Queues.All.Select(q => Queue(q).DeleteIfExistsAsync(cancellationToken))));
    }

    /// <summary>Transient faults (timeouts, 503s, a restarting Azurite) are retried with exponential back-off.</summary>
    private static void Configure(RetryOptions retry)
    {
        retry.MaxRetries = 5;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(5);
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }
}
