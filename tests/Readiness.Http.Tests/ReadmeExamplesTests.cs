using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Readiness.Development;
using Readiness.DevHost;

namespace Readiness.Http.Tests;

/// <summary>
/// The README's curl examples ("Run the API and the portal locally") are run, in order, against the local host, each
/// checked against the status its comment states; and every HTTP function of the app has an example.
/// </summary>
public partial class ReadmeExamplesTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    private const string Section = "## Run the API and the portal locally";

    public sealed record Example(int Status, string Command, string Method, string Path);

    [Fact]
    public void EveryHttpFunction_HasAnExample()
    {
        var examples = Examples();
        var missing = FunctionCatalog.OfApp("api").Http
            .Where(f => !examples.Any(e => f.Methods.Contains(e.Method) && RouteRegex(f.RouteTemplate).IsMatch(e.Path)))
            .Select(f => $"{string.Join('|', f.Methods)} {f.RouteTemplate} ({f.Name})")
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Examples_AnswerTheStatusTheirCommentsState()
    {
        using var posted = await api.Officer.PostAsync("api/regencies/13.07/uploads", new ByteArrayContent(ApiHostFixture.SampleFile) { Headers = { ContentType = new("text/csv") } });
        var id = (await ApiHostFixture.JsonAsync(posted)).GetProperty("upload").GetProperty("uploadId").GetString()!;
        var workingDirectory = Directory.CreateTempSubdirectory("readme-examples-");
        try
        {
            // The examples name files relative to the repository root; what they download lands in a temporary folder.
            foreach (var folder in new[] { "samples", "catalog" })
            {
                Directory.CreateSymbolicLink(Path.Combine(workingDirectory.FullName, folder), Path.Combine(RepositoryRoot.OfThisBuild, folder));
            }

            var failures = new List<string>();
            foreach (var example in Examples())
            {
                var (status, output) = await RunAsync(example.Command, workingDirectory.FullName, new Dictionary<string, string>
                {
                    ["BASE"] = new Uri(api.Host.BaseAddress, "api").ToString(),
                    ["KEY"] = api.RegencyKey,
                    ["ADMIN"] = api.Host.AdminKey,
                    ["ID"] = id,
                });
                if (status != example.Status)
                {
                    failures.Add($"{example.Command}\n  expected {example.Status}, got {status}: {output[..Math.Min(300, output.Length)]}");
                }
            }

            Assert.Empty(failures);
            Assert.True(new FileInfo(Path.Combine(workingDirectory.FullName, "template-13.07-2024.csv")).Length > 0);
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The examples of the README's section: each <c>curl</c> line after a <c># NNN: …</c> comment.</summary>
    public static List<Example> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "README.md"));
        var start = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{Section}'.");
        var end = readme.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var examples = new List<Example>();
        int? status = null;
        foreach (var line in section.Split('\n').Select(l => l.Trim()))
        {
            if (StatusComment().Match(line) is { Success: true } comment)
            {
                status = int.Parse(comment.Groups[1].Value, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal) && status is { } expected)
            {
                examples.Add(new Example(expected, line, MethodOf(line), PathOf(line)));
                status = null;
            }
        }

        Assert.NotEmpty(examples);
        return examples;
    }

    private static string MethodOf(string command) =>
        ExplicitMethod().Match(command) is { Success: true } m ? m.Groups[1].Value
        : command.Contains(" --data-binary ", StringComparison.Ordinal) || command.Contains(" -d ", StringComparison.Ordinal) || command.Contains(" -F ", StringComparison.Ordinal) ? "POST"
        : "GET";

    /// <summary>The path under the host's root: <c>api/…</c>, without the query.</summary>
    private static string PathOf(string command)
    {
        var url = Url().Match(command);
        Assert.True(url.Success, $"No \"$BASE/…\" URL in: {command}");
        return "api/" + url.Groups[1].Value.Split('?')[0];
    }

    private static Regex RouteRegex(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.IgnoreCase);

    private static async Task<(int Status, string Output)> RunAsync(string command, string workingDirectory, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        // The status as the last line of what curl prints.
        info.ArgumentList.Add(command + " -w '\\n%{http_code}'");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = output.TrimEnd().Split('\n');
        return int.TryParse(lines[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            ? (status, output)
            : (-1, $"exit {process.ExitCode}: {errors}{output}");
    }

    [GeneratedRegex(@"^# (\d{3}): ")]
    private static partial Regex StatusComment();

    [GeneratedRegex(@" -X ([A-Z]+) ")]
    private static partial Regex ExplicitMethod();

    [GeneratedRegex("\"\\$BASE/([^\"]+)\"")]
    private static partial Regex Url();
}
