namespace Readiness.Core.Ports;

/// <summary>Where the raw bytes of every upload are kept, valid or not, before anything else happens.</summary>
public interface IRawArchive
{
    /// <summary>Streams <paramref name="content"/> to <paramref name="path"/>, hashing as it goes. Stops and removes
    /// what was written once more than <paramref name="maxBytes"/> arrive (<see cref="UploadTooLargeException"/>).</summary>
    Task<ArchivedFile> ArchiveAsync(string path, Stream content, long maxBytes, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The size and SHA-256 of an archived file, read back; null when it was never committed.</summary>
    Task<ArchivedFile?> DescribeAsync(string path, CancellationToken cancellationToken);

    Task WriteTextAsync(string path, string text, string contentType, CancellationToken cancellationToken);

    Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken);
}

public sealed record ArchivedFile(string Path, long Bytes, string Sha256);

public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}
