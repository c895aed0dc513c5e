using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Readiness.TestSupport;

/// <summary>
/// A private Azurite with on-disk persistence, for fault tests that kill it by PID and start it again on the same
/// ports and folder. Disposing stops it and deletes its folder.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "readiness-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _blob = FreePort();
    private readonly int _queue = FreePort();
    private readonly int _table = FreePort();
    private Process? _process;

    public AzuriteProcess()
    {
        Directory.CreateDirectory(_location);
        Start();
    }

    public string ConnectionString => Azurite.ConnectionStringFor(_blob, _queue, _table);

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public void Start()
    {
        var azurite = Path.Combine(Azurite.RepositoryRoot, "node_modules", ".bin", "azurite");
        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--location", _location,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(_blob), "--queuePort", Port(_queue), "--tablePort", Port(_table),
        })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        foreach (var port in new[] { _blob, _queue, _table })
        {
            WaitForPort(port);
        }
    }

    /// <summary>Kills the process (SIGKILL, like a crash), leaving its folder as it was.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned up by the system.
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within 30 s.");
    }
}
