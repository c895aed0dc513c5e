using System.Text.Json.Serialization;

namespace Readiness.Core.Ports;

/// <summary>One upload to process in the background: which upload (its record says the rest).</summary>
/// <param name="Replay">Put back on the queue by a replay or by recovery (<see cref="Ingestion.ImportService.ReplayAsync"/>,
/// <see cref="Ingestion.ImportService.RecoverAsync"/>), not by the upload itself: its processing is counted under the
/// source <c>replay</c>. A redelivery of the same message is not a new replay. Left out of the message when false.</param>
public sealed record UploadWork(
    string RegencyCode,
    string UploadId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Replay = false);

/// <summary>The background processing queue (<c>upload-requests</c>): one message per upload.</summary>
public interface IUploadQueue
{
    Task EnqueueAsync(UploadWork work, CancellationToken cancellationToken);
}
