using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>Every template lints clean, warnings included. Independent of the compiled main.bicep, so a template that
/// does not compile still gets its lint diagnostics reported here.</summary>
public sealed class BicepLintTests
{
    public static TheoryData<string> BicepFiles() => [.. BicepFileList()];

    private static List<string> BicepFileList() =>
    [
        .. Directory.EnumerateFiles(BicepCli.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(BicepCli.InfraDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Lint_Template_HasNoWarningsOrErrors(string relativePath)
    {
        var (exitCode, diagnostics, rawOutput) = BicepCli.Lint(Path.Combine(BicepCli.InfraDirectory, relativePath));

        Assert.True(exitCode == 0, $"bicep lint exited with {exitCode}:\n{rawOutput}");
        var failures = diagnostics.Where(d => d.IsWarningOrError).ToList();
        Assert.True(failures.Count == 0, BicepCli.Describe(failures));
    }

    [Fact]
    public void Lint_CoversMainAndEveryModule()
    {
        var files = BicepFileList();

        Assert.Contains("main.bicep", files);
        Assert.True(files.Count(f => f.StartsWith("modules/", StringComparison.Ordinal)) >= 5, string.Join(", ", files));
    }

    [Fact]
    public void Modules_AreLocalFiles_NotRegistryReferences()
    {
        foreach (var file in Directory.EnumerateFiles(BicepCli.InfraDirectory, "*.bicep", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("'br:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'br/", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("'ts/", text, StringComparison.Ordinal);
        }
    }
}
