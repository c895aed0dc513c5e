namespace Readiness.Core.Ports;

/// <summary>Regency partitions read at once (one query each) when a use case or an adapter reads them all: enough
/// to hide a query's latency, few enough to stay polite to the account.</summary>
public static class PartitionReads
{
    public const int Parallelism = 8;
}
