using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    private static Process? _started;

    public static string ConnectionString => Connection.Value;

    /// <summary>A fresh, empty set of tables, containers and queues with a unique prefix.</summary>
    public static async Task<StorageAccount> CreateAccountAsync(string? connectionString = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var account = StorageAccount.FromConnectionString(connectionString ?? ConnectionString, prefix);
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

        var azurite = Path.Combine(RepositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {RepositoryRoot} (scripts/test.sh does it), or set {EnvironmentVariable}.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var info = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _started = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        WaitForPort(table);
        WaitForPort(blob);
        WaitForPort(queue);
        return ConnectionStringFor(blob, queue, table);
    }

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static void Stop()
    {
        try
        {
            if (_started is { HasExited: false })
            {
                _started.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within 30 s.");
    }

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
