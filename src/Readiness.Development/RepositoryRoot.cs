namespace Readiness.Development;

/// <summary>
/// The repository checkout: the nearest directory holding <see cref="Marker"/> above a starting directory. Tests and
/// benchmarks start from their binary (built inside the repository); the CLI first from the current directory.
/// </summary>
public static class RepositoryRoot
{
    public const string Marker = "Readiness.slnx";

    /// <summary>The root above the running binary, else above the current directory; throws when there is none.</summary>
    public static string OfThisBuild { get; } = Find(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException($"Repository root ({Marker}) not found above {AppContext.BaseDirectory}.");

    /// <summary>The first root found above one of <paramref name="starts"/>, in order; null when there is none.</summary>
    public static string? Find(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
