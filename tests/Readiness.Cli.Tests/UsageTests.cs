namespace Readiness.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task NoCommand_IsAUsageError()
    {
        var run = await Cli.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Required command was not provided", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var run = await Cli.RunAsync("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("normalize")]
    [InlineData("ingest")]
    [InlineData("registry", "import")]
    [InlineData("catalog", "import")]
    [InlineData("score")]
    [InlineData("scores")]
    [InlineData("explain")]
    [InlineData("uploads")]
    [InlineData("uploads", "replay")]
    [InlineData("inbox", "run")]
    [InlineData("sources", "run")]
    [InlineData("sources", "add")]
    [InlineData("sources", "list")]
    [InlineData("sources", "remove")]
    [InlineData("completeness")]
    [InlineData("demo")]
    public async Task EveryCommand_HasHelp(params string[] command)
    {
        var run = await Cli.RunAsync([.. command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        // The root's name is the executable's (readiness, or the test host here): check the command path after it.
        Assert.Matches(@"Usage:\n\s+\S+ " + System.Text.RegularExpressions.Regex.Escape(string.Join(' ', command)) + " ", run.Out);
        Assert.DoesNotContain("--storage-prefix", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RootHelp_DocumentsTheExitCodes()
    {
        var run = await Cli.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("2 usage error", run.Out, StringComparison.Ordinal);
        foreach (var command in new[] { "demo", "score", "scores", "explain", "uploads", "inbox", "sources", "completeness" })
        {
            Assert.Matches(@"\n\s+" + command + @"\s", run.Out);
        }
    }

    [Fact]
    public async Task Cancellation_ExitsWith130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ReadinessCli.RunAsync(["validate", Cli.Sample("wide-2023.csv"), "--registry", Cli.Registry], output, error, cancelled.Token);

        Assert.Equal(130, exitCode);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain", "--year", "2024")]
    [InlineData("explain", "--regency", "13.07")]
    [InlineData("uploads")]
    [InlineData("uploads", "replay", "--regency", "13.07")]
    [InlineData("sources", "add", "--regency", "13.07", "--id", "portal")]
    [InlineData("sources", "remove", "--id", "portal")]
    [InlineData("completeness")]
    [InlineData("completeness", "--year", "2024", "--json", "--csv")]
    [InlineData("uploads", "--regency", "13.07", "--top", "0")]
    [InlineData("sources", "add", "--regency", "13.07", "--id", "portal", "--url", "https://example.org/a.csv", "--mode", "sometimes")]
    public async Task MissingOrConflictingOptions_AreUsageErrorsBeforeStorageIsTouched(params string[] args)
    {
        // No --connection: a parse error must come first, whether or not a local Azurite runs.
        var run = await Cli.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestWithoutFiles_IsAUsageError()
    {
        var run = await Cli.RunAsync("ingest");

        Assert.Equal(2, run.ExitCode);
    }
}
