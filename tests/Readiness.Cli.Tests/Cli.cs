using System.Text;
using Readiness.TestSupport;

// The storage tests share one Azurite; each test has its own name prefix, but a 2-core machine runs them faster in sequence.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Readiness.Cli.Tests;

/// <summary>The result of one in-process run of the CLI.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs the CLI in-process, as <c>readiness ARGS</c>, with its output captured.</summary>
public static class Cli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = await ReadinessCli.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary><paramref name="args"/> against a fresh Azurite account: its connection string and name prefix appended.</summary>
    public static Task<CliRun> RunOnAsync(Storage.StorageAccount account, params string[] args) =>
        RunAsync([.. args, "--connection", Azurite.ConnectionString, "--storage-prefix", account.Prefix]);

    public static string Sample(string name) => Samples.SamplePath(name);

    public static string Registry => Samples.SamplePath("registry.csv");
}

/// <summary>A temporary directory for files a test writes; deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("readiness-cli-").FullName;

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
