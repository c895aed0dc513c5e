using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Readiness.Core;

namespace Readiness.Storage;

/// <summary>
/// The storage account the pipeline lives in: Table, Blob and Queue clients for either a connection string
/// (Azurite: <c>UseDevelopmentStorage=true</c>) or service URIs with an Entra identity (Azure, no shared keys).
/// An optional name prefix gives every table, container and queue a unique name (tests, side-by-side runs).
/// Every host opens it here: the functions app from its settings (<see cref="FromConfiguration"/>), the CLI, the tests
/// and the benchmark from a connection (<see cref="Open"/>); both build the clients in one place, with one retry policy.
/// </summary>
public sealed class StorageAccount
{
    /// <summary>Azurite's well-known local endpoint (the development key is public by design).</summary>
    public const string Development = "UseDevelopmentStorage=true";

    /// <summary>The storage connection of the functions app: the host's own <c>AzureWebJobsStorage</c> setting, either a
    /// connection string or identity-based (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__blobServiceUri</c>,
    /// <c>__queueServiceUri</c>, <c>__clientId</c>).</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    private StorageAccount(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, string prefix, bool identityBased)
    {
        TableService = tables;
        BlobService = blobs;
        QueueService = queues;
        Prefix = prefix;
        IdentityBased = identityBased;
    }

    public TableServiceClient TableService { get; }

    public BlobServiceClient BlobService { get; }

    public QueueServiceClient QueueService { get; }

    public string Prefix { get; }

    /// <summary>Signed in with an Entra identity rather than a shared key: an Azure account, whose tables, containers
    /// and queues the templates create (an operator's roles need not include creating them).</summary>
    public bool IdentityBased { get; }

    /// <summary>
    /// The account for a connection: a connection string, or any one of the account's service endpoints
    /// (<c>https://NAME.table.core.windows.net/</c>, or the blob or queue one), signed in with the default Azure
    /// credential (the Azure CLI's login on an operator's machine): the production account has shared keys disabled.
    /// </summary>
    /// <param name="configure">Extra client options for all three services (tests and the benchmark add pipeline policies).</param>
    /// <exception cref="ArgumentException">An endpoint that is not an https storage endpoint, or an unusable connection string.</exception>
    /// <exception cref="FormatException">A connection string that does not parse.</exception>
    public static StorageAccount Open(string connection, string prefix = "", Action<ClientOptions>? configure = null)
    {
        if (connection.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || connection.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var (table, blob, queue) = ServiceEndpoints(new Uri(connection));
            return WithIdentity(table, blob, queue, clientId: null, prefix, configure);
        }

        return Create(
            options => new TableServiceClient(connection, options),
            options => new BlobServiceClient(connection, options),
            options => new QueueServiceClient(connection, options),
            identityBased: false,
            prefix,
            configure);
    }

    /// <summary>The functions app's account, from <see cref="ConnectionSetting"/>. No name prefix: the triggers listen
    /// on the plain queue names, so the app must write to them.</summary>
    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionSetting);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return Open(section.Value);
        }

        var table = section["tableServiceUri"];
        var blob = section["blobServiceUri"];
        var queue = section["queueServiceUri"];
        if (table is null || blob is null || queue is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {ConnectionSetting} to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or set {ConnectionSetting}__tableServiceUri, __blobServiceUri and __queueServiceUri (and __clientId for a user-assigned identity).");
        }

        return WithIdentity(new Uri(table), new Uri(blob), new Uri(queue), section["clientId"], prefix: "", configure: null);
    }

    public TableClient Table(string name) => TableService.GetTableClient(Prefix + name);

    public BlobContainerClient Container(string name) => BlobService.GetBlobContainerClient(Prefix + name);

    public QueueClient Queue(string name) => QueueService.GetQueueClient(Prefix + name);

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
        if (Prefix.Length == 0)
        {
            throw new InvalidOperationException("Refusing to delete unprefixed production tables.");
        }

        await Task.WhenAll(
            Task.WhenAll(StorageNames.Tables.All.Select(t => Table(t).DeleteAsync(cancellationToken))),
            Task.WhenAll(StorageNames.Containers.All.Select(c => Container(c).DeleteIfExistsAsync(cancellationToken: cancellationToken))),
            Task.WhenAll(StorageNames.Queues.All.Select(q => Queue(q).DeleteIfExistsAsync(cancellationToken))));
    }

    /// <summary>The table, blob and queue endpoints of the account that <paramref name="serviceUri"/> is one of.</summary>
    private static (Uri Table, Uri Blob, Uri Queue) ServiceEndpoints(Uri serviceUri)
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
        return (Endpoint("table"), Endpoint("blob"), Endpoint("queue"));
    }

    /// <summary>Identity-based access: the app's user-assigned managed identity when <paramref name="clientId"/> is
    /// set, otherwise the developer's or workload's default Azure credential.</summary>
    private static StorageAccount WithIdentity(Uri table, Uri blob, Uri queue, string? clientId, string prefix, Action<ClientOptions>? configure)
    {
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return Create(
            options => new TableServiceClient(table, credential, options),
            options => new BlobServiceClient(blob, credential, options),
            options => new QueueServiceClient(queue, credential, options),
            identityBased: true,
            prefix,
            configure);
    }

    /// <summary>The three clients with the pipeline's options: retries, Base64 queue messages (what the Functions
    /// queue trigger expects), then the caller's extras.</summary>
    private static StorageAccount Create(
        Func<TableClientOptions, TableServiceClient> tables,
        Func<BlobClientOptions, BlobServiceClient> blobs,
        Func<QueueClientOptions, QueueServiceClient> queues,
        bool identityBased,
        string prefix,
        Action<ClientOptions>? configure)
    {
        T Configured<T>(T options)
            where T : ClientOptions
        {
            Configure(options.Retry);
            configure?.Invoke(options);
            return options;
        }

        return new StorageAccount(
            tables(Configured(new TableClientOptions())),
            blobs(Configured(new BlobClientOptions())),
            queues(Configured(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })),
            prefix,
            identityBased);
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
