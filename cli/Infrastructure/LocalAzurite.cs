using System.Diagnostics;
using Readiness.Development;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The local Azurite that <c>UseDevelopmentStorage=true</c> points at (blob 10000, queue 10001, table 10002 on
/// 127.0.0.1, data in the repository's <c>.azurite/</c>): the repository's <see cref="AzuriteProcess"/>, with
/// <c>npm ci</c> run first when it is not installed and its failures as the CLI's environment errors.
/// </summary>
internal static class LocalAzurite
{
    public static IReadOnlyList<int> Ports => AzuriteSetup.WellKnown;

    public static int TablePort => Ports[2];

    /// <summary>The local Azurite ports that accept connections now.</summary>
    public static async Task<IReadOnlyList<int>> ListeningPortsAsync(CancellationToken cancellationToken)
    {
        var listening = new List<int>();
        foreach (var port in Ports)
        {
            if (await LocalPorts.IsListeningAsync(port, cancellationToken))
            {
                listening.Add(port);
            }
        }

        return listening;
    }

    /// <summary>
    /// Starts <c>node_modules/.bin/azurite</c> of <paramref name="repositoryRoot"/> on the well-known ports with its
    /// data in <c>.azurite/</c> (running <c>npm ci</c> first when node_modules is missing) and waits until it listens.
    /// Disposing it stops exactly that process, saving its data.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, TextWriter progress, CancellationToken cancellationToken)
    {
        if (!AzuriteProcess.IsInstalled(repositoryRoot))
        {
            progress.WriteLine("node_modules is missing: running 'npm ci' to install the pinned Azurite…");
            await NpmCiAsync(repositoryRoot, progress, cancellationToken);
            if (!AzuriteProcess.IsInstalled(repositoryRoot))
            {
                throw new CliException($"'npm ci' finished but {AzuriteProcess.Executable(repositoryRoot)} does not exist.", ExitCodes.Failure);
            }
        }

        try
        {
            return await AzuriteProcess.StartAsync(repositoryRoot, AzuriteSetup.WellKnownPorts(Path.Combine(repositoryRoot, ".azurite")), cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message, ExitCodes.Failure);
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
