using Readiness.Development;
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
        var account = StorageAccount.Open(connectionString ?? ConnectionString, prefix, configure);
        await account.EnsureCreatedAsync();
        return account;
    }

    private static string StartOrReuse()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        // Stopped by its own process-exit hook when the test run ends.
        return AzuriteProcess.Start(RepositoryRoot.OfThisBuild, AzuriteSetup.InMemory()).ConnectionString;
    }
}
