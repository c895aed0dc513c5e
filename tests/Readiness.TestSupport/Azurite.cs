using Readiness.Storage;

namespace Readiness.TestSupport;

/// <summary>
/// The real Azurite the storage tests run against. The test command (scripts/test.sh) starts one and passes its
/// connection string in <c>READINESS_TEST_STORAGE</c>; without it (a plain <c>dotnet test</c>), the first test
/// starts Azurite from the repository's node_modules on free ports and stops it when the test run ends.
/// Each test gets its own table/container/queue name prefix, so tests never see each other's data.
/// </summary>
public static class Azurite
{
    public const string EnvironmentVariable = "READINESS_TEST_STORAGE";

    private static readonly Lazy<string> Connection = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Connection.Value;

    /// <summary>A fresh, empty set of tables, containers and queues with a unique prefix.</summary>
    public static async Task<StorageAccount> CreateAccountAsync(string? connectionString = null, Action<Azure.Core.ClientOptions>? configure = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var account = StorageAccount.FromConnectionString(connectionString ?? ConnectionString, prefix, configure);
        await account.EnsureCreatedAsync();
        return account;
    }

    public static string RepositoryRoot { get; } = FindRoot();

    private static string StartOrReuse()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var started = new AzuriteProcess(inMemory: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.Dispose();
        return started.ConnectionString;
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Readiness.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (Readiness.slnx) not found above " + AppContext.BaseDirectory);
    }
}
