using System.Diagnostics;

namespace Readiness.TestSupport;

/// <summary>
/// A private Azurite on free ports of 127.0.0.1: in memory for the test run, or with on-disk persistence for fault
/// tests that kill it by PID and start it again on the same ports and folder. Disposing stops it and deletes its folder.
/// </summary>
public sealed class AzuriteProcess : IDisposable
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "readiness-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _blob = LocalPorts.Free();
    private readonly int _queue = LocalPorts.Free();
    private readonly int _table = LocalPorts.Free();
    private readonly bool _inMemory;
    private Process? _process;

    public AzuriteProcess(bool inMemory = false)
    {
        _inMemory = inMemory;
        Directory.CreateDirectory(_location);
        Start();
    }

    public string ConnectionString => Azurite.ConnectionStringFor(_blob, _queue, _table);

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    public void Start()
    {
        var azurite = Path.Combine(Azurite.RepositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in {Azurite.RepositoryRoot} (scripts/test.sh does it), or set {Azurite.EnvironmentVariable}.");
        }

        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(_blob), "--queuePort", Port(_queue), "--tablePort", Port(_table),
        })
        {
            info.ArgumentList.Add(argument);
        }

        // Azurite refuses a location together with in-memory persistence.
        info.ArgumentList.Add(_inMemory ? "--inMemoryPersistence" : "--location");
        if (!_inMemory)
        {
            info.ArgumentList.Add(_location);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        foreach (var port in new[] { _blob, _queue, _table })
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited at start: {_process.StandardOutput.ReadToEnd()} {_process.StandardError.ReadToEnd()}");
            }

            LocalPorts.WaitUntilListening(port);
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


}
