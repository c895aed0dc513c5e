using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Readiness.Development;

/// <summary>
/// The repository's pinned Azurite (<c>node_modules/.bin/azurite</c>) as a child process on 127.0.0.1, without
/// telemetry: the one launcher the CLI's demo, the tests and the benchmark use. It is stopped by its own process id,
/// never by name: SIGTERM first, so an on-disk Azurite saves its tables, then killed if it does not exit in time,
/// also when the runtime exits without unwinding.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long Azurite gets to save its databases after SIGTERM before it is killed.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private const int SigTerm = 15;

    private readonly string _repositoryRoot;
    private readonly Queue<string> _recentOutput = new();
    private readonly EventHandler _onProcessExit;
    private Process? _process;
    private int _disposed;

    private AzuriteProcess(string repositoryRoot, AzuriteSetup setup)
    {
        _repositoryRoot = repositoryRoot;
        Setup = setup;
        _onProcessExit = (_, _) => StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    public AzuriteSetup Setup { get; }

    public string ConnectionString => Setup.ConnectionString;

    /// <summary>The id of the process last started.</summary>
    public int Pid => _process?.Id ?? 0;

    public static string Executable(string repositoryRoot) => Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");

    public static bool IsInstalled(string repositoryRoot) => File.Exists(Executable(repositoryRoot));

    /// <summary>The installed Azurite's version, from its package.json ("?" when it cannot be read).</summary>
    public static string Version(string repositoryRoot)
    {
        var package = Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json");
        if (!File.Exists(package))
        {
            return "?";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(package));
        return json.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
    }

    /// <summary>Starts Azurite and waits until it listens on all three ports.</summary>
    /// <exception cref="InvalidOperationException">It is not installed, does not start, exits or does not listen in time.</exception>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, AzuriteSetup setup, CancellationToken cancellationToken = default)
    {
        var azurite = new AzuriteProcess(repositoryRoot, setup);
        try
        {
            await azurite.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc cref="StartAsync"/>
    public static AzuriteProcess Start(string repositoryRoot, AzuriteSetup setup) => StartAsync(repositoryRoot, setup).GetAwaiter().GetResult();

    /// <summary>Kills the process (SIGKILL, like a crash), leaving its data folder as it was.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Starts it again after <see cref="Kill"/>, on the same ports and data folder.</summary>
    public void Restart()
    {
        Kill();
        _process?.Dispose();
        LaunchAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(ShutdownTimeout).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        _process?.Dispose();
        if (Setup.PidFile is { } pidFile && File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }

        if (Setup is { DeleteLocationOnDispose: true, Location: { } location })
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the temp folder is cleaned up by the system.
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var executable = Executable(_repositoryRoot);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed: run scripts/install.sh (npm ci) in {_repositoryRoot}.");
        }

        if (Setup.Location is { } location)
        {
            Directory.CreateDirectory(location);
        }

        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments())
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {executable}: {e.Message}. Is Node.js installed?", e);
        }

        _process = process;
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (Setup.PidFile is { } pidFile)
        {
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }

        await WaitUntilListeningAsync(process, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string> Arguments()
    {
        string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
        string[] common =
        [
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(Setup.BlobPort), "--queuePort", Port(Setup.QueuePort), "--tablePort", Port(Setup.TablePort),
        ];
        return Setup.Location is { } location ? [.. common, "--location", location] : [.. common, "--inMemoryPersistence"];
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it listened. {RecentOutput()}");
            }

            var listening = 0;
            foreach (var port in Setup.Ports)
            {
                listening += await LocalPorts.IsListeningAsync(port, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (listening == Setup.Ports.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"Azurite did not listen on 127.0.0.1:{string.Join(", ", Setup.Ports)} within {StartTimeout.TotalSeconds:0} s. {RecentOutput()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SIGTERM first: Azurite keeps its table database in memory and writes it to its folder when it shuts down, so a
    /// SIGKILL would lose the run's data. Killed when it does not exit in time.
    /// </summary>
    private async Task StopAsync(TimeSpan grace)
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && SendSignal(process.Id, SigTerm) == 0)
        {
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not shut down in time: kill it below.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or killed and not yet reaped: nothing more to do.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > 20)
            {
                _recentOutput.Dequeue();
            }
        }
    }

    private string RecentOutput()
    {
        lock (_recentOutput)
        {
            return _recentOutput.Count == 0 ? "" : "Its output:" + Environment.NewLine + string.Join(Environment.NewLine, _recentOutput);
        }
    }
}
