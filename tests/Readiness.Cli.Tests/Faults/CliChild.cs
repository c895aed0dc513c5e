using System.Diagnostics;
using Readiness.Cli.Infrastructure;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests.Faults;

/// <summary>
/// The CLI built for this test run (readiness.dll beside the tests) in a child process of its own, paused at an import
/// checkpoint through <see cref="PauseAtCheckpoint.EnvironmentVariable"/> and then killed with SIGKILL, as a crash
/// (or an operator's kill -9) would stop it.
/// </summary>
public sealed class CliChild : IDisposable
{
    private static readonly TimeSpan PauseTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly TaskCompletionSource<string> _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stderr = [];

    private CliChild(Process process)
    {
        _process = process;
    }

    /// <summary>
    /// The CLI's own build output, not the copy beside the tests: the test project runs on the ASP.NET Core shared
    /// framework (TestSupport references the local host), so the libraries the CLI needs are not copied next to it.
    /// </summary>
    private static string CliOutput
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(Readiness.Development.RepositoryRoot.OfThisBuild, "cli", "bin", tests.Parent!.Name, tests.Name, Path.GetFileName(typeof(ReadinessCli).Assembly.Location));
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The CLI is not built at {dll}: build the solution first.", dll);
        }
    }

    /// <summary>Starts <c>readiness ARGS --connection … --storage-prefix …</c> that pauses at <paramref name="checkpoint"/>.</summary>
    public static CliChild Start(StorageAccount account, string checkpoint, params string[] args)
    {
        var dll = CliOutput;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll }.Concat(args).Concat(["--connection", Azurite.ConnectionString, "--storage-prefix", account.Prefix]))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment[PauseAtCheckpoint.EnvironmentVariable] = checkpoint;
        var child = new CliChild(Process.Start(info) ?? throw new InvalidOperationException("The CLI did not start."));
        child._process.ErrorDataReceived += (_, e) => child.OnError(e.Data);
        child._process.OutputDataReceived += (_, _) => { };
        child._process.BeginErrorReadLine();
        child._process.BeginOutputReadLine();
        child._process.EnableRaisingEvents = true;
        child._process.Exited += (_, _) => child._paused.TrySetException(new InvalidOperationException($"The CLI exited ({child._process.ExitCode}) before pausing: {child.Errors}"));
        return child;
    }

    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>Waits until the child reports that it paused at its checkpoint.</summary>
    public async Task WaitUntilPausedAsync() => await _paused.Task.WaitAsync(PauseTimeout);

    /// <summary>SIGKILL, and waits for the process to be gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Add(line);
        }

        if (line.StartsWith(PauseAtCheckpoint.Marker, StringComparison.Ordinal))
        {
            _paused.TrySetResult(line);
        }
    }
}
