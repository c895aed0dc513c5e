using System.Text;
using Readiness.Core.Access;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary><c>readiness review …</c> and <c>keys create --province</c> (issue 14) on Azurite.</summary>
public sealed class ReviewCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync()
    {
        _account = await Azurite.CreateAccountAsync();
        await new TableReferenceData(_account, TimeProvider.System).ReplaceRegistryAsync(Samples.Registry, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task ProvinceKey_IsCreatedForAProvinceOfTheRegistry_AndAuthenticatesAsItsWalidata()
    {
        var run = await Cli.RunOnAsync(_account, "keys", "create", "--province", "13");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("province 13", run.Error, StringComparison.Ordinal);
        var caller = await new ApiKeyService(new TableApiKeyStore(_account), TimeProvider.System).AuthenticateAsync(run.Out.Trim(), CancellationToken.None);
        Assert.Equal((Role.Province, "13", null), (caller!.Role, caller.ProvinceCode, caller.RegencyCode));
        Assert.Contains("province", (await Cli.RunOnAsync(_account, "keys", "list")).Out, StringComparison.Ordinal);

        Assert.Equal(2, (await Cli.RunOnAsync(_account, "keys", "create", "--province", "1")).ExitCode);
        var unknown = await Cli.RunOnAsync(_account, "keys", "create", "--province", "99");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No regency of the registry is in province 99", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await Cli.RunOnAsync(_account, "keys", "create", "--province", "13", "--admin")).ExitCode);
    }

    [Fact]
    public async Task Review_SubmitVerifyApproveReopen_ShowsStatusHistoryAndList_AndRefusesWhatTheStateDoesNotAllow()
    {
        var file = Path.Combine(Path.GetTempPath(), $"review-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,80\n", Encoding.UTF8);
        try
        {
            Assert.Equal(0, (await Cli.RunOnAsync(_account, "ingest", file)).ExitCode);

            var submit = await Cli.RunOnAsync(_account, "review", "submit", "--regency", "13.07", "--year", "2024", "--comment", "lengkap");
            Assert.True(submit.ExitCode == 0, submit.ToString());
            Assert.Contains("13.07 2024: Submitted", submit.Out, StringComparison.Ordinal);
            Assert.Contains("Completeness: 1 of", submit.Out, StringComparison.Ordinal);

            var approve = await Cli.RunOnAsync(_account, "review", "approve", "--regency", "13.07", "--year", "2024");
            Assert.Equal(1, approve.ExitCode);
            Assert.Contains("only a Verified year can be approved", approve.Error, StringComparison.Ordinal);
            Assert.Contains("berstatus Submitted", approve.Error, StringComparison.Ordinal);

            // The ingest of a changed value is refused whole while the year is under review.
            await File.WriteAllTextAsync(file, "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,81\n", Encoding.UTF8);
            var locked = await Cli.RunOnAsync(_account, "ingest", file, "--lang", "en");
            Assert.Equal(1, locked.ExitCode);
            Assert.Contains("period-locked", locked.Out + locked.Error, StringComparison.Ordinal);

            Assert.Equal(0, (await Cli.RunOnAsync(_account, "review", "verify", "--regency", "13.07", "--year", "2024")).ExitCode);
            Assert.Equal(0, (await Cli.RunOnAsync(_account, "review", "approve", "--regency", "13.07", "--year", "2024")).ExitCode);
            Assert.Equal(2, (await Cli.RunOnAsync(_account, "review", "reopen", "--regency", "13.07", "--year", "2024")).ExitCode);
            Assert.Equal(0, (await Cli.RunOnAsync(_account, "review", "reopen", "--regency", "13.07", "--year", "2024", "--comment", "koreksi")).ExitCode);
            Assert.Equal(0, (await Cli.RunOnAsync(_account, "review", "unlock", "--regency", "Kab. Lima Puluh Kota", "--year", "2024", "--until", "2099-12-31")).ExitCode);
            Assert.Equal(2, (await Cli.RunOnAsync(_account, "review", "unlock", "--regency", "13.07", "--year", "2024", "--until", "31/12/2099")).ExitCode);

            var status = await Cli.RunOnAsync(_account, "review", "status", "--regency", "13.07", "--year", "2024");
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Contains("13.07 2024: Open", status.Out, StringComparison.Ordinal);
            Assert.Contains("Lock exception until 2099-12-31", status.Out, StringComparison.Ordinal);
            foreach (var action in new[] { "submit", "verify", "approve", "reopen", "unlock" })
            {
                Assert.Contains(action, status.Out, StringComparison.Ordinal);
            }

            Assert.Contains("cli:", status.Out, StringComparison.Ordinal);
            var list = await Cli.RunOnAsync(_account, "review", "list", "--year", "2024", "--province", "13");
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains("3 regencies: 3 Open.", list.Out, StringComparison.Ordinal);
            Assert.Equal(2, (await Cli.RunOnAsync(_account, "review", "list", "--year", "2024", "--state", "Done")).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
