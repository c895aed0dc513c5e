using System.Text.Json;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Storage;

public sealed class UploadStoreTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Theory]
    [InlineData(UploadSource.Http, "http")]
    [InlineData(UploadSource.Portal, "portal")]
    [InlineData(UploadSource.Cli, "cli")]
    [InlineData(UploadSource.Inbox, "inbox")]
    [InlineData(UploadSource.Source, "source")]
    public async Task Source_IsStoredAndAnsweredInLowerCase_AndReadsBack(UploadSource source, string name)
    {
        var store = new TableUploadStore(_account);
        var upload = new UploadRecord { UploadId = "20240131T235959123-1a2b3c4d", RegencyCode = "13.07", Source = source, ReceivedAt = DateTimeOffset.UnixEpoch };

        await store.SaveAsync(upload, CancellationToken.None);

        var row = await _account.Table(StorageNames.Tables.Uploads).GetEntityAsync<TableEntity>("13.07", upload.UploadId);
        Assert.Equal(name, row.Value.GetString("Source"));
        Assert.Equal(source, (await store.GetAsync("13.07", upload.UploadId, CancellationToken.None))!.Source);
        var json = JsonSerializer.Serialize(upload);
        Assert.Contains($"\"source\":\"{name}\"", json, StringComparison.Ordinal);
        Assert.Equal(source, JsonSerializer.Deserialize<UploadRecord>(json)!.Source);
    }

    /// <summary>Mode, locale and regency scheme with the names rows and the API have always written (the sources table too).</summary>
    public static TheoryData<ImportMode, string, NumberStyle?, string?, RegencyScheme, string> StoredNames => new()
    {
        { ImportMode.Atomic, "atomic", null, null, RegencyScheme.Kemendagri, "kemendagri" },
        { ImportMode.Partial, "partial", NumberStyle.DecimalComma, "id-ID", RegencyScheme.Bps, "bps" },
        { ImportMode.Partial, "partial", NumberStyle.DecimalPoint, "en-US", RegencyScheme.Kemendagri, "kemendagri" },
    };

    [Theory]
    [MemberData(nameof(StoredNames))]
    public async Task ModeLocaleAndScheme_AreStoredAndAnsweredByName_AndReadBack(
        ImportMode mode, string modeName, NumberStyle? locale, string? localeName, RegencyScheme scheme, string schemeName)
    {
        var store = new TableUploadStore(_account);
        var upload = new UploadRecord { UploadId = "20240131T235959123-1a2b3c4d", RegencyCode = "13.07", Mode = mode, Locale = locale, Scheme = scheme, ReceivedAt = DateTimeOffset.UnixEpoch };

        await store.SaveAsync(upload, CancellationToken.None);

        var row = (await _account.Table(StorageNames.Tables.Uploads).GetEntityAsync<TableEntity>("13.07", upload.UploadId)).Value;
        Assert.Equal((modeName, localeName, schemeName), (row.GetString("Mode"), row.GetString("Locale"), row.GetString("Scheme")));
        var read = (await store.GetAsync("13.07", upload.UploadId, CancellationToken.None))!;
        Assert.Equal((mode, locale, scheme), (read.Mode, read.Locale, read.Scheme));
        var json = JsonSerializer.Serialize(upload);
        Assert.Contains($"\"mode\":\"{modeName}\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"regencyScheme\":\"{schemeName}\"", json, StringComparison.Ordinal);
        Assert.Contains(localeName is null ? "\"locale\":null" : $"\"locale\":\"{localeName}\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<UploadRecord>(json)!;
        Assert.Equal((mode, locale, scheme), (back.Mode, back.Locale, back.Scheme));
    }

    [Fact]
    public async Task ARowWrittenWhenModeLocaleAndSchemeWereStrings_StillReads()
    {
        // As earlier versions wrote the rows: partial/id-ID/bps, and a row with none of the three (atomic, detected, Kemendagri).
        var table = _account.Table(StorageNames.Tables.Uploads);
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000002")
        {
            ["Status"] = "Completed",
            ["Mode"] = "partial",
            ["DryRun"] = false,
            ["Source"] = "http",
            ["Locale"] = "id-ID",
            ["Scheme"] = "bps",
            ["Years"] = "2024",
            ["Regencies"] = "13.07",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000003")
        {
            ["Status"] = "Completed",
            ["DryRun"] = false,
            ["Years"] = "",
            ["Regencies"] = "",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        var store = new TableUploadStore(_account);

        var written = (await store.GetAsync("13.07", "20230101T000000000-00000002", CancellationToken.None))!;
        var bare = (await store.GetAsync("13.07", "20230101T000000000-00000003", CancellationToken.None))!;

        Assert.Equal((ImportMode.Partial, (NumberStyle?)NumberStyle.DecimalComma, RegencyScheme.Bps), (written.Mode, written.Locale, written.Scheme));
        Assert.Equal((ImportMode.Atomic, (NumberStyle?)null, RegencyScheme.Kemendagri), (bare.Mode, bare.Locale, bare.Scheme));
    }

    [Fact]
    public async Task ARowWrittenBeforeTheSourceWasTyped_StillReads_AndAnInboxRowIsAnInboxUpload()
    {
        // As earlier versions wrote the row: the source a plain string beside the inbox blob path.
        var table = _account.Table(StorageNames.Tables.Uploads);
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000000")
        {
            ["Status"] = "Queued",
            ["Mode"] = "atomic",
            ["DryRun"] = false,
            ["Source"] = "inbox",
            ["Scheme"] = "kemendagri",
            ["SourcePath"] = "inbox/13.07/laporan.csv",
            ["Years"] = "",
            ["Regencies"] = "",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000001")
        {
            ["Status"] = "Completed",
            ["Mode"] = "atomic",
            ["DryRun"] = false,
            ["Scheme"] = "kemendagri",
            ["Years"] = "2024",
            ["Regencies"] = "13.07",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        var store = new TableUploadStore(_account);

        var inbox = await store.GetAsync("13.07", "20230101T000000000-00000000", CancellationToken.None);
        var withoutSource = await store.GetAsync("13.07", "20230101T000000000-00000001", CancellationToken.None);

        Assert.Equal((UploadSource.Inbox, "inbox/13.07/laporan.csv"), (inbox!.Source, inbox.SourcePath));
        Assert.Equal((UploadSource.Http, UploadStatus.Completed), (withoutSource!.Source, withoutSource.Status));
    }
}
