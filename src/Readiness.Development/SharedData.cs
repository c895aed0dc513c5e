namespace Readiness.Development;

/// <summary>
/// The third-party reference data kept beside the checkout (<c>../shared/data</c>: the national registry, the 2022 code
/// changes, the BPS lists), read at run time and never copied into the repository. <c>READINESS_SHARED_DATA</c>
/// points elsewhere.
/// </summary>
public static class SharedData
{
    public const string NationalRegistryFile = "registry-2025.csv";

    public const string CodeChangesFile = "code-changes-2022.csv";

    /// <summary>READINESS_SHARED_DATA, else the repository root's sibling <c>shared/data</c>.</summary>
    public static string DirectoryOf(string repositoryRoot) =>
        Environment.GetEnvironmentVariable("READINESS_SHARED_DATA") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "data"));

    /// <summary>The shared directory of this build's checkout.</summary>
    public static string Directory => DirectoryOf(RepositoryRoot.OfThisBuild);

    /// <summary>A file of the shared directory.</summary>
    public static string File(string name) => Path.Combine(Directory, name);
}
