using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Readiness.Infra.Tests.Infrastructure;

/// <summary>
/// Runs the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64). Its path is stamped into the test
/// assembly at build time; the BICEP_CLI environment variable overrides it on machines the package does not fit.
/// </summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot, "infra");

    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("BICEP_CLI") is { Length: > 0 } overridden ? overridden : Metadata("BicepCliPath");

    /// <summary>Compiles a .bicep file to ARM JSON; diagnostics come back as SARIF results.</summary>
    public static (string ArmJson, IReadOnlyList<Diagnostic> Diagnostics) Build(string bicepFile)
    {
        var outFile = Path.Combine(Directory.CreateTempSubdirectory("readiness-infra-").FullName, "main.json");
        try
        {
            var result = Run("build", bicepFile, "--outfile", outFile, "--diagnostics-format", "sarif");
            var diagnostics = ParseSarif(result.StandardError);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"bicep build failed with exit code {result.ExitCode}:\n{Describe(diagnostics)}\n{result.StandardError}");
            }

            return (File.ReadAllText(outFile), diagnostics);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(outFile)!, recursive: true);
        }
    }

    /// <summary>Lints one .bicep file (bicepconfig.json in infra/ applies) and returns every diagnostic.</summary>
    public static (int ExitCode, IReadOnlyList<Diagnostic> Diagnostics, string RawOutput) Lint(string bicepFile)
    {
        var result = Run("lint", bicepFile, "--diagnostics-format", "sarif");
        return (result.ExitCode, ParseSarif(result.StandardOutput), result.StandardOutput + result.StandardError);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Select(d => $"{d.File}({d.Line}): {d.Level} {d.RuleId}: {d.Message}"));

    private static (int ExitCode, string StandardOutput, string StandardError) Run(params string[] arguments)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                "Bicep CLI not found; build the test project so NuGet restores Azure.Bicep.CommandLine.linux-x64, or set BICEP_CLI.",
                ExecutablePath);
        }

        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InfraDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The CLI is a self-contained .NET app: no telemetry or update checks are wanted from a test run.
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static List<Diagnostic> ParseSarif(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var sarif = JsonNode.Parse(text[start..])!;
        var diagnostics = new List<Diagnostic>();
        foreach (var run in sarif["runs"]?.AsArray() ?? [])
        {
            foreach (var result in run?["results"]?.AsArray() ?? [])
            {
                var location = result?["locations"]?[0]?["physicalLocation"];
                diagnostics.Add(new Diagnostic(
                    RuleId: (string?)result?["ruleId"] ?? "?",
                    // SARIF leaves "level" out when it is the default, which is "warning".
                    Level: (string?)result?["level"] ?? "warning",
                    Message: (string?)result?["message"]?["text"] ?? "",
                    File: (string?)location?["artifactLocation"]?["uri"] ?? "?",
                    Line: (int?)location?["region"]?["startLine"] ?? 0));
            }
        }

        return diagnostics;
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see Readiness.Infra.Tests.csproj.");
}

public sealed record Diagnostic(string RuleId, string Level, string Message, string File, int Line)
{
    /// <summary>Anything above a note fails the checks: warnings count as failures.</summary>
    public bool IsWarningOrError => Level is not ("note" or "none");
}
