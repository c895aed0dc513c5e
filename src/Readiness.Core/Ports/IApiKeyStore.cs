using Readiness.Core.Access;

namespace Readiness.Core.Ports;

/// <summary>The <c>apikeys</c> table.</summary>
public interface IApiKeyStore
{
    Task<ApiKey?> GetAsync(string id, CancellationToken cancellationToken);

    Task SaveAsync(ApiKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);
}
