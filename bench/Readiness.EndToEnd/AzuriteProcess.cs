using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Readiness.EndToEnd;

/// <summary>
/// A private Azurite for the benchmark: in memory, on free ports of 127.0.0.1, without telemetry. Stopped by its own
/// process id (never by name), also when the program is interrupted; its pid is written to a file so the calling
/// script can make sure it is gone.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly Process _process;
    private readonly string? _pidFile;

    private AzuriteProcess(Process process, string connectionString, string? pidFile)
    {
        _process = process;
        ConnectionString = connectionString;
        _pidFile = pidFile;
    }

    public string ConnectionString { get; }

    public int Pid => _process.Id;

    public static AzuriteProcess Start(string repositoryRoot, string? pidFile)
    {
        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run scripts/install.sh (npm ci) in {repositoryRoot}.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var culture = CultureInfo.InvariantCulture;
        var info = new ProcessStartInfo(azurite)
        {
            ArgumentList =
            {
                "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                "--blobPort", blob.ToString(culture), "--queuePort", queue.ToString(culture), "--tablePort", table.ToString(culture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (pidFile is not null)
        {
            File.WriteAllText(pidFile, process.Id.ToString(culture));
        }

        var started = new AzuriteProcess(process, ConnectionStringFor(blob, queue, table), pidFile);
        try
        {
            foreach (var port in new[] { table, blob, queue })
            {
                WaitForPort(port, process);
            }
        }
        catch
        {
            started.Dispose();
            throw;
        }

        return started;
    }

    /// <summary>CPU seconds Azurite has used so far (user + system, from /proc), to show when its single thread is the bottleneck.</summary>
    public double CpuSeconds() => ProcessCpu.SecondsOf(_process.Id);

    public string Version()
    {
        var package = Path.Combine(BenchDataSet.RepositoryRoot, "node_modules", "azurite", "package.json");
        if (!File.Exists(package))
        {
            return "?";
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(package));
        return json.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        if (_pidFile is not null && File.Exists(_pidFile))
        {
            File.Delete(_pidFile);
        }
    }

    private static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
            }

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
}
