namespace Readiness.Core.Ports;

/// <summary>The size limit every batched store write keeps to.</summary>
public static class StoreBatch
{
    /// <summary>The most entities one atomic write holds: a Table Storage entity-group transaction.</summary>
    public const int MaxEntities = 100;
}
