using System.Text.Json;
using Readiness.Core.Access;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed class KeyCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync()
    {
        _account = await Azurite.CreateAccountAsync();
        await new TableReferenceData(_account, TimeProvider.System).ReplaceRegistryAsync(Samples.Registry, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    private ApiKeyService Keys => new(new TableApiKeyStore(_account), TimeProvider.System);

    [Fact]
    public async Task Create_PrintsTheKeyOnceAndItAuthenticatesForItsRegency()
    {
        var run = await Cli.RunOnAsync(_account, "keys", "create", "--regency", "Kab. Lima Puluh Kota", "--expires", "90", "--description", "Dinas Kominfo");

        Assert.True(run.ExitCode == 0, run.ToString());
        var key = run.Out.Trim();
        Assert.Matches("^rdy_[0-9a-f]{16}_[0-9a-f]{64}$", key);
        Assert.Contains("regency 13.07", run.Error, StringComparison.Ordinal);
        Assert.Equal(Role.Regency, (await Keys.AuthenticateAsync(key, CancellationToken.None))!.Role);
        Assert.Equal("13.07", (await Keys.AuthenticateAsync(key, CancellationToken.None))!.RegencyCode);
    }

    [Fact]
    public async Task ListAndRevoke_NeverShowSecretsAndRevokeAtOnce()
    {
        var admin = (await Cli.RunOnAsync(_account, "keys", "create", "--admin")).Out.Trim();
        var id = admin.Split('_')[1];

        var listed = await Cli.RunOnAsync(_account, "keys", "list", "--json");
        var revoked = await Cli.RunOnAsync(_account, "keys", "revoke", id);
        var again = await Cli.RunOnAsync(_account, "keys", "list");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        using var json = JsonDocument.Parse(listed.Out);
        var row = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal((id, "admin", true), (row.GetProperty("id").GetString(), row.GetProperty("role").GetString(), row.GetProperty("active").GetBoolean()));
        Assert.DoesNotContain(admin.Split('_')[2], listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", again.Out, StringComparison.Ordinal);
        Assert.Null(await Keys.AuthenticateAsync(admin, CancellationToken.None));
    }

    [Theory]
    [InlineData("keys", "create")]
    [InlineData("keys", "create", "--admin", "--regency", "13.07")]
    [InlineData("keys", "create", "--regency", "Bogor")]
    [InlineData("keys", "create", "--admin", "--expires", "0")]
    [InlineData("keys", "revoke", "0000000000000000")]
    public async Task BadRequests_AreUsageErrors(params string[] args)
    {
        var run = await Cli.RunOnAsync(_account, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out);
        Assert.Contains("error", run.Error, StringComparison.OrdinalIgnoreCase);
    }
}
