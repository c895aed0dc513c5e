using Azure.Core;
using Azure.Core.Pipeline;

namespace Readiness.TestSupport;

/// <summary>Counts requests as the client issues them and as they go out (retries included): equal counts mean
/// no request was retried. <see cref="AddTo"/> is a storage client options hook.</summary>
public sealed class RequestCounter
{
    private int _issued;
    private int _sent;

    public int Issued => _issued;

    public int Sent => _sent;

    public void AddTo(ClientOptions options)
    {
        options.AddPolicy(new Counting(() => Interlocked.Increment(ref _issued)), HttpPipelinePosition.PerCall);
        options.AddPolicy(new Counting(() => Interlocked.Increment(ref _sent)), HttpPipelinePosition.PerRetry);
    }

    private sealed class Counting(Action count) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => count();
    }
}
