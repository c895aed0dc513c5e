using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>A row of <c>apikeys</c>: PartitionKey = <c>keys</c>, RowKey = key id. The secret's SHA-256 only.</summary>
public sealed class ApiKeyEntity : ITableEntity
{
    public const string Partition = "keys";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Role { get; set; } = "";
    public string? Regency { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Expires { get; set; }
    public DateTimeOffset? Revoked { get; set; }
    public string SecretSha256 { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>The two-digit province of a province key.</summary>
    public string? Province { get; set; }
}

public sealed class TableApiKeyStore(StorageAccount account) : IApiKeyStore
{
    private readonly TableClient _table = account.Table(StorageNames.Tables.ApiKeys);

    public async Task<ApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafe(id))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<ApiKeyEntity>(ApiKeyEntity.Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public Task SaveAsync(ApiKey key, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new ApiKeyEntity
            {
                RowKey = key.Id,
                Role = key.Role.ToString(),
                Regency = key.RegencyCode,
                Created = key.CreatedAt,
                Expires = key.ExpiresAt,
                Revoked = key.RevokedAt,
                SecretSha256 = Convert.ToHexStringLower(key.SecretHash),
                Description = key.Description,
                Province = key.ProvinceCode,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        await foreach (var e in _table.QueryAsync<ApiKeyEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ApiKeyEntity.Partition}"), cancellationToken: cancellationToken))
        {
            keys.Add(FromEntity(e));
        }

        return [.. keys.OrderBy(k => k.CreatedAt)];
    }

    private static ApiKey FromEntity(ApiKeyEntity e) =>
        new(e.RowKey, Enum.Parse<Role>(e.Role), e.Regency, e.Created, e.Expires, e.Revoked, Convert.FromHexString(e.SecretSha256), e.Description, e.Province);
}
