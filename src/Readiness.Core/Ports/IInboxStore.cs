namespace Readiness.Core.Ports;

/// <summary>A file a regency dropped into the inbox: <c>inbox/{regency}/{name}.csv</c>.</summary>
/// <param name="UploadId">Set once the file was handed to processing (so it is enqueued once).</param>
public sealed record InboxFile(string Path, string RegencyFolder, string Name, long Bytes, DateTimeOffset LastModified, string? UploadId);

/// <summary>The inbox container and where its files go when done (<c>processed/</c> or <c>failed/</c>).</summary>
public interface IInboxStore
{
    Task<IReadOnlyList<InboxFile>> ListAsync(CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Records that the file became <paramref name="uploadId"/>; false when another run claimed it first.</summary>
    Task<bool> ClaimAsync(string path, string uploadId, CancellationToken cancellationToken);

    /// <summary>Undoes a claim whose processing could not even be queued, so the next run tries again.</summary>
    Task ReleaseAsync(string path, CancellationToken cancellationToken);

    /// <summary>Moves the file to <c>processed/</c> or <c>failed/</c> (same relative path) with its report beside it.</summary>
    Task CompleteAsync(string path, bool succeeded, string reportJson, CancellationToken cancellationToken);
}
