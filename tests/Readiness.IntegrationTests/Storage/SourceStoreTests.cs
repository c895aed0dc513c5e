using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using Readiness.Core.Sources;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Storage;

public sealed class SourceStoreTests : IAsyncLifetime
{
    private static readonly Uri Url = new("https://data.example.go.id/50kota.csv");

    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Theory]
    [MemberData(nameof(UploadStoreTests.StoredNames), MemberType = typeof(UploadStoreTests))]
    public async Task ModeLocaleAndScheme_AreStoredByName_AndReadBack(
        ImportMode mode, string modeName, NumberStyle? locale, string? localeName, RegencyScheme scheme, string schemeName)
    {
        var store = new TableSourceStore(_account);
        var source = new Source("13.07", "portal", Url, mode, locale, scheme, Enabled: false, ETag: "\"v1\"", ConsecutiveFailures: 2);

        await store.SaveAsync(source, CancellationToken.None);

        var row = (await _account.Table(StorageNames.Tables.Sources).GetEntityAsync<TableEntity>("13.07", "portal")).Value;
        Assert.Equal((modeName, localeName, schemeName), (row.GetString("Mode"), row.GetString("Locale"), row.GetString("Scheme")));
        Assert.Equal(source, Assert.Single(await store.ListAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task ARowWrittenWhenModeLocaleAndSchemeWereStrings_StillReads()
    {
        // As earlier versions wrote the rows: partial/id-ID/bps, and a row with none of the three (atomic, detected, Kemendagri).
        var table = _account.Table(StorageNames.Tables.Sources);
        await table.AddEntityAsync(new TableEntity("13.07", "portal")
        {
            ["Url"] = Url.ToString(),
            ["Mode"] = "partial",
            ["Locale"] = "id-ID",
            ["Scheme"] = "bps",
            ["Enabled"] = true,
            ["ConsecutiveFailures"] = 0,
        });
        await table.AddEntityAsync(new TableEntity("13.71", "bare")
        {
            ["Url"] = Url.ToString(),
            ["Enabled"] = true,
            ["ConsecutiveFailures"] = 0,
        });
        var store = new TableSourceStore(_account);

        var sources = (await store.ListAsync(CancellationToken.None)).ToDictionary(s => s.Id, StringComparer.Ordinal);

        Assert.Equal((ImportMode.Partial, (NumberStyle?)NumberStyle.DecimalComma, RegencyScheme.Bps), (sources["portal"].Mode, sources["portal"].Locale, sources["portal"].Scheme));
        Assert.Equal((ImportMode.Atomic, (NumberStyle?)null, RegencyScheme.Kemendagri), (sources["bare"].Mode, sources["bare"].Locale, sources["bare"].Scheme));
    }
}
