namespace Readiness.Core.Ports;

/// <summary>One upload to process in the background: which upload (its record says the rest).</summary>
public sealed record UploadWork(string RegencyCode, string UploadId);

/// <summary>The background processing queue (<c>upload-requests</c>): one message per upload.</summary>
public interface IUploadQueue
{
    Task EnqueueAsync(UploadWork work, CancellationToken cancellationToken);
}
