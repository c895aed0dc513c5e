using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Readiness.Core;
using Readiness.Core.Csv;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Raw uploads and their reports in the <c>uploads</c> blob container.</summary>
public sealed class BlobRawArchive(StorageAccount account) : IRawArchive
{
    /// <summary>Blocks of 4 MiB, two in flight: the SDK's defaults buffer a non-seekable body of up to 256 MiB whole
    /// before deciding how to send it, which for a 20 MB upload holds the file in memory (issue 11's memory budget).</summary>
    private static readonly StorageTransferOptions Transfer = new() { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024, MaximumConcurrency = 2 };

    private readonly BlobContainerClient _container = account.Container(StorageNames.Containers.Uploads);

    public async Task<ArchivedFile> ArchiveAsync(string path, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(path);
        await using var counting = new HashingLimitStream(content, maxBytes);
        try
        {
            await blob.UploadAsync(counting, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(path) }, TransferOptions = Transfer }, cancellationToken);
        }
        catch (Exception e) when (counting.LimitExceeded || e is UploadTooLargeException || e.InnerException is UploadTooLargeException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new UploadTooLargeException(maxBytes);
        }

        return new ArchivedFile(path, counting.BytesRead, counting.Sha256());
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(path).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 1024 * 1024 }, cancellationToken);

    public async Task<ArchivedFile?> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = await OpenReadAsync(path, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long bytes = 0;
            for (int read; (read = await content.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                hash.AppendData(buffer, 0, read);
                bytes += read;
            }

            return new ArchivedFile(path, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public Task WriteTextAsync(string path, string text, string contentType, CancellationToken cancellationToken) =>
        _container.GetBlobClient(path).UploadAsync(
            new BinaryData(Encoding.UTF8.GetBytes(text)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    public async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(path).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Counts and hashes what passes through, and stops once more than the limit arrives, so an
    /// oversized body is refused while streaming rather than after buffering it.</summary>
    private sealed class HashingLimitStream(Stream inner, long limit) : ReadOnlyStream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }

        public bool LimitExceeded { get; private set; }

        public string Sha256() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer) => Track(buffer[..inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Track(buffer.Span[..read]);
        }

        private int Track(ReadOnlySpan<byte> read)
        {
            BytesRead += read.Length;
            if (BytesRead > limit)
            {
                LimitExceeded = true;
                throw new UploadTooLargeException(limit);
            }

            _hash.AppendData(read);
            return read.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>The archived file's media type, from the extension the import chose from its bytes.</summary>
    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xls" => "application/vnd.ms-excel",
        _ => "text/csv",
    };
}
