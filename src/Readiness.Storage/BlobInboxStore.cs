using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Readiness.Core;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>The <c>inbox</c> container (<c>{regency}/{name}.csv</c>) and its <c>processed</c>/<c>failed</c> siblings.
/// A file handed to processing carries its upload id in blob metadata, so each file is enqueued once.</summary>
public sealed class BlobInboxStore(StorageAccount account) : IInboxStore
{
    private const string UploadIdKey = "readinessuploadid";

    private readonly BlobContainerClient _inbox = account.Container(StorageNames.Containers.Inbox);

    public async Task<IReadOnlyList<InboxFile>> ListAsync(CancellationToken cancellationToken)
    {
        var files = new List<InboxFile>();
        await foreach (var blob in _inbox.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            var slash = blob.Name.IndexOf('/', StringComparison.Ordinal);
            files.Add(new InboxFile(
                $"{StorageNames.Containers.Inbox}/{blob.Name}",
                slash > 0 ? blob.Name[..slash] : "",
                slash > 0 ? blob.Name[(slash + 1)..] : blob.Name,
                blob.Properties.ContentLength ?? 0,
                blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                blob.Metadata.TryGetValue(UploadIdKey, out var id) ? id : null));
        }

        return files;
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        await Blob(path).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);

    public async Task<bool> ClaimAsync(string path, string uploadId, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        if (properties.Value.Metadata.ContainsKey(UploadIdKey))
        {
            return false;
        }

        var metadata = new Dictionary<string, string>(properties.Value.Metadata) { [UploadIdKey] = uploadId };
        try
        {
            // Conditional on the version we read: of two runs claiming at once, one wins.
            await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = properties.Value.ETag }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string path, CancellationToken cancellationToken)
    {
        var blob = Blob(path);
        var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        var metadata = new Dictionary<string, string>(properties.Value.Metadata);
        if (metadata.Remove(UploadIdKey))
        {
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken);
        }
    }

    public async Task CompleteAsync(string path, bool succeeded, string reportJson, CancellationToken cancellationToken)
    {
        var source = Blob(path);
        var relative = Relative(path);
        var target = account.Container(succeeded ? StorageNames.Containers.Processed : StorageNames.Containers.Failed);
        var copy = target.GetBlobClient(relative);
        if (await source.ExistsAsync(cancellationToken))
        {
            await using (var content = await source.OpenReadAsync(cancellationToken: cancellationToken))
            {
                await copy.UploadAsync(content, overwrite: true, cancellationToken);
            }

            await source.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }

        await target.GetBlobClient(relative + ".report.json").UploadAsync(BinaryData.FromString(reportJson), overwrite: true, cancellationToken);
    }

    private BlobClient Blob(string path) => _inbox.GetBlobClient(Relative(path));

    private static string Relative(string path) =>
        path.StartsWith(StorageNames.Containers.Inbox + "/", StringComparison.Ordinal) ? path[(StorageNames.Containers.Inbox.Length + 1)..] : path;
}
