using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The local Azurite that <c>UseDevelopmentStorage=true</c> points at (blob 10000, queue 10001, table 10002 on
/// 127.0.0.1). <see cref="StartAsync"/> runs the repository's pinned Azurite and <see cref="DisposeAsync"/> stops
/// exactly that process (by its id), also when the run fails or is cancelled.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    public const int BlobPort = 10000;
    public const int QueuePort = 10001;
    public const int TablePort = 10002;

    public static IReadOnlyList<int> Ports { get; } = [BlobPort, QueuePort, TablePort];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long Azurite gets to save its databases after SIGTERM before it is killed.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Queue<string> _recentOutput = new();
    private readonly EventHandler _onProcessExit;
    private int _stopped;

    private LocalAzurite(Process process)
    {
        _process = process;
        // Ctrl+C unwinds through DisposeAsync; this covers a runtime that is torn down without unwinding.
        _onProcessExit = (_, _) => StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The local Azurite ports that accept connections now.</summary>
    public static async Task<IReadOnlyList<int>> ListeningPortsAsync(CancellationToken cancellationToken)
    {
        var listening = new List<int>();
        foreach (var port in Ports)
        {
            if (await IsListeningAsync(port, cancellationToken))
            {
                listening.Add(port);
            }
        }

        return listening;
    }

    /// <summary>
    /// Starts <c>node_modules/.bin/azurite</c> of <paramref name="repositoryRoot"/> on 127.0.0.1 with its data in
    /// <c>.azurite/</c> (running <c>npm ci</c> first when node_modules is missing) and waits until it listens.
    /// </summary>
    public static async Task<LocalAzurite> StartAsync(string repositoryRoot, TextWriter progress, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            progress.WriteLine("node_modules is missing: running 'npm ci' to install the pinned Azurite…");
            await NpmCiAsync(repositoryRoot, progress, cancellationToken);
            if (!File.Exists(executable))
            {
                throw new CliException($"'npm ci' finished but {executable} does not exist.", ExitCodes.Failure);
            }
        }

        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--location", Path.Combine(repositoryRoot, ".azurite"),
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
        })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new CliException($"Could not start {executable}.", ExitCodes.Failure);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"Could not start {executable}: {e.Message}. Is Node.js installed?", ExitCodes.Failure);
        }

        var azurite = new LocalAzurite(process);
        try
        {
            await azurite.WaitUntilListeningAsync(cancellationToken);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new CliException($"Azurite exited with code {_process.ExitCode} before it listened. {RecentOutput()}", ExitCodes.Failure);
            }

            if ((await ListeningPortsAsync(cancellationToken)).Count == Ports.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new CliException($"Azurite did not listen on 127.0.0.1:{BlobPort}-{TablePort} within {StartTimeout.TotalSeconds:0} s. {RecentOutput()}", ExitCodes.Failure);
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(ShutdownTimeout);
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        _process.Dispose();
    }

    /// <summary>
    /// SIGTERM first: Azurite keeps its table database in memory and writes it to .azurite/ when it shuts down, so a
    /// SIGKILL would lose the run's data (and the next demo would not see it). Killed when it does not exit in time.
    /// </summary>
    private async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && SendSignal(_process.Id, SigTerm) == 0)
        {
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                // Did not shut down in time: kill it below.
            }
        }

        try
        {
            _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
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

    private static async Task NpmCiAsync(string repositoryRoot, TextWriter progress, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("ci");
        info.ArgumentList.Add("--no-audit");
        info.ArgumentList.Add("--no-fund");
        Process npm;
        try
        {
            npm = Process.Start(info) ?? throw new CliException("Could not start npm.", ExitCodes.Failure);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"Azurite is not installed and npm could not be started ({e.Message}). Install Node.js, then run 'npm ci' in {repositoryRoot}.", ExitCodes.Failure);
        }

        using (npm)
        {
            void Forward(object? sender, DataReceivedEventArgs e)
            {
                if (e.Data is { Length: > 0 } line)
                {
                    lock (progress)
                    {
                        progress.WriteLine("  npm: " + line);
                    }
                }
            }

            npm.OutputDataReceived += Forward;
            npm.ErrorDataReceived += Forward;
            npm.BeginOutputReadLine();
            npm.BeginErrorReadLine();
            try
            {
                await npm.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                npm.Kill(entireProcessTree: true);
                throw;
            }

            if (npm.ExitCode != 0)
            {
                throw new CliException($"'npm ci' failed with exit code {npm.ExitCode}.", ExitCodes.Failure);
            }
        }
    }
}
