namespace Readiness.Development;

/// <summary>Where an <see cref="AzuriteProcess"/> listens and keeps its data.</summary>
/// <param name="Location">Its data folder; null keeps everything in memory (Azurite refuses both together).</param>
/// <param name="DeleteLocationOnDispose">A temporary folder, deleted when the process is disposed.</param>
/// <param name="PidFile">A file the process id is written to while it runs, so a calling script can make sure it is gone.</param>
public sealed record AzuriteSetup(int BlobPort, int QueuePort, int TablePort, string? Location, bool DeleteLocationOnDispose = false, string? PidFile = null)
{
    /// <summary>The ports <c>UseDevelopmentStorage=true</c> points at: blob, queue, table.</summary>
    public static IReadOnlyList<int> WellKnown { get; } = [10000, 10001, 10002];

    /// <summary>The well-known ports, data in <paramref name="location"/>: the local Azurite an operator's tools expect.</summary>
    public static AzuriteSetup WellKnownPorts(string location) => new(WellKnown[0], WellKnown[1], WellKnown[2], location);

    /// <summary>Free ports, data in memory: a private Azurite for a test run or a benchmark.</summary>
    public static AzuriteSetup InMemory() => new(LocalPorts.Free(), LocalPorts.Free(), LocalPorts.Free(), Location: null);

    /// <summary>Free ports, data in a new temporary folder: an Azurite that can be killed and started again with its data.</summary>
    public static AzuriteSetup TemporaryFolder() => new(
        LocalPorts.Free(), LocalPorts.Free(), LocalPorts.Free(),
        Path.Combine(Path.GetTempPath(), "readiness-azurite-" + Guid.NewGuid().ToString("N")[..8]),
        DeleteLocationOnDispose: true);

    public IReadOnlyList<int> Ports => [BlobPort, QueuePort, TablePort];

    /// <summary>The connection string of Azurite's development account on these ports (its key is public by design).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";
}
