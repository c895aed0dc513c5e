namespace Readiness.Cli.Infrastructure;

/// <summary>
/// Finds the repository the CLI runs in: the nearest directory holding <c>Readiness.slnx</c> above the current
/// directory, else above the <c>readiness</c> binary (which is built inside the repository). The demo needs it for
/// <c>samples/</c> and <c>node_modules/</c>; validate and normalize for their default registry.
/// </summary>
internal static class RepositoryLocator
{
    public const string Marker = "Readiness.slnx";

    public static string? Find() => FindAbove(Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);

    public static string Require(string purpose) =>
        Find() ?? throw new CliException($"{purpose} needs the repository checkout (a directory with {Marker}); run it from inside the repository.");

    /// <summary>The sample registry of the repository, when there is one.</summary>
    public static string? SampleRegistry() => Find() is { } root && File.Exists(Path.Combine(root, "samples", "registry.csv"))
        ? Path.Combine(root, "samples", "registry.csv")
        : null;

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
