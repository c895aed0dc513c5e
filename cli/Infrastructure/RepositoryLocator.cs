using Readiness.Development;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// Finds the repository the CLI runs in: the nearest directory holding <c>Readiness.slnx</c> above the current
/// directory, else above the <c>readiness</c> binary (which is built inside the repository). The demo needs it for
/// <c>samples/</c> and <c>node_modules/</c>; validate and normalize for their default registry.
/// </summary>
internal static class RepositoryLocator
{
    public static string? Find() => RepositoryRoot.Find(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    public static string Require(string purpose) =>
        Find() ?? throw new CliException($"{purpose} needs the repository checkout (a directory with {RepositoryRoot.Marker}); run it from inside the repository.");

    /// <summary>The sample registry of the repository, when there is one.</summary>
    public static string? SampleRegistry() => Find() is { } root && File.Exists(Path.Combine(root, "samples", "registry.csv"))
        ? Path.Combine(root, "samples", "registry.csv")
        : null;
}
