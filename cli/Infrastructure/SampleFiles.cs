using System.Text.RegularExpressions;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The demo's input files: every <c>*.csv</c> in <c>samples/</c> except the registry, in ordinal order. A file whose
/// name starts with a Kemendagri code and a dash (<c>13.07-lima-puluh-kota-2024.csv</c>) is one regency's upload,
/// as if posted to <c>/api/regencies/13.07/uploads</c>; any other file is a multi-regency file. A name containing
/// <c>invalid</c> is expected to be rejected.
/// </summary>
internal static partial class SampleFiles
{
    public const string RegistryFileName = "registry.csv";

    public static IReadOnlyList<FileInfo> List(string samplesDirectory) =>
    [
        .. new DirectoryInfo(samplesDirectory).EnumerateFiles("*.csv")
            .Where(f => !string.Equals(f.Name, RegistryFileName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Name, StringComparer.Ordinal),
    ];

    /// <summary>The regency code a file name starts with (<c>PP.RR-</c>), or null for a multi-regency file.</summary>
    public static string? RegencyOf(string fileName) =>
        RegencyPrefix().Match(fileName) is { Success: true } match ? match.Groups[1].Value : null;

    public static bool ExpectedInvalid(string fileName) => fileName.Contains("invalid", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(\d{2}\.\d{2})-")]
    private static partial Regex RegencyPrefix();
}
