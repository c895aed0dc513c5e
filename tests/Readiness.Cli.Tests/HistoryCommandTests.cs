using System.Text.Json;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary><c>readiness history</c>: a regency's changes newest first, as a table and as the API's JSON.</summary>
public sealed class HistoryCommandTests : IAsyncLifetime
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task History_ShowsEachChangeNewestFirst_WithPreviousValueUploadAndKey()
    {
        using var files = new TempDirectory();
        var first = await Cli.RunOnAsync(_account, "ingest", files.Write("a.csv", Header + "13.07,GOV-01,2024,80\n13.07,GOV-02,2024,3\n"), "--registry", Cli.Registry);
        var second = await Cli.RunOnAsync(_account, "ingest", files.Write("b.csv", Header + "13.07,GOV-01,2024,87.5\n13.07,GOV-02,2024,3\n"));
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);

        var table = await Cli.RunOnAsync(_account, "history", "--regency", "Kab. Lima Puluh Kota", "--indicator", "gov-01");
        var json = await Cli.RunOnAsync(_account, "history", "--regency", "13.07", "--period", "2024", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("History of 13.07 (GOV-01): 2 change(s), newest first.", table.Out, StringComparison.Ordinal);
        var lines = table.Out.Split('\n').Where(l => l.Contains("GOV-01", StringComparison.Ordinal) && l.Contains("2024", StringComparison.Ordinal) && !l.StartsWith("History", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"updated\s+80\s+87\.5\s+\S+\s+cli:", lines[0]);
        Assert.Matches(@"imported\s+-\s+80\s+\S+\s+cli:", lines[1]);
        using var document = JsonDocument.Parse(json.Out);
        var changes = document.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal((3, "2024"), (document.RootElement.GetProperty("count").GetInt32(), document.RootElement.GetProperty("period").GetString()));
        Assert.Equal(("GOV-01", "updated", 80.0, 87.5), (changes[0].GetProperty("indicator").GetString(), changes[0].GetProperty("change").GetString(), changes[0].GetProperty("previousValue").GetDouble(), changes[0].GetProperty("value").GetDouble()));
    }

    [Fact]
    public async Task History_WithAPeriodThatCannotBeRead_IsAUsageError_IndonesianFirst()
    {
        var registry = await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);
        Assert.True(registry.ExitCode == 0, registry.ToString());

        var run = await Cli.RunOnAsync(_account, "history", "--regency", "13.07", "--period", "Triwulan 9 2024");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--period: Periode 'Triwulan 9 2024' tidak dapat dibaca.", run.Error, StringComparison.Ordinal);
        Assert.Contains("(Period 'Triwulan 9 2024' cannot be read.", run.Error, StringComparison.Ordinal);
    }
}
