using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Access;

public class AccessPolicyTests
{
    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        })));

    private static async Task<(ApiKeyService Keys, StorageAccount Account, FakeTimeProvider Clock)> CreateAsync()
    {
        var account = await Azurite.CreateAccountAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new ApiKeyService(new TableApiKeyStore(account), clock), account, clock);
    }

    [Fact]
    public async Task Keys_AreStoredAsHashesAndAuthenticateUntilRevokedOrExpired()
    {
        var (keys, account, clock) = await CreateAsync();
        var (regency, regencyKey) = await keys.CreateAsync(Role.Regency, "13.07", expiresInDays: 30, "officer", CancellationToken.None);
        var (_, adminKey) = await keys.CreateAsync(Role.Admin, null, null, "operator", CancellationToken.None);

        Assert.Matches("^rdy_[0-9a-f]{16}_[0-9a-f]{64}$", regencyKey);
        var stored = await account.Table(StorageNames.Tables.ApiKeys).GetEntityAsync<Azure.Data.Tables.TableEntity>("keys", regency.Id);
        var secret = regencyKey[(regencyKey.LastIndexOf('_') + 1)..];
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret))), stored.Value.GetString("SecretSha256"));
        Assert.DoesNotContain(stored.Value.Keys, k => stored.Value[k] is string text && text.Contains(secret, StringComparison.Ordinal));
        Assert.Equal(new Caller(Role.Regency, "13.07", $"key:{regency.Id}"), await keys.AuthenticateAsync(regencyKey, CancellationToken.None));
        Assert.True((await keys.AuthenticateAsync(adminKey, CancellationToken.None))!.IsAdmin);

        clock.Advance(TimeSpan.FromDays(31));
        Assert.Null(await keys.AuthenticateAsync(regencyKey, CancellationToken.None));
        Assert.True(await keys.RevokeAsync(regency.Id, CancellationToken.None));
        Assert.NotNull(await keys.AuthenticateAsync(adminKey, CancellationToken.None));
    }

    [Fact]
    public async Task SeveralActiveKeysPerRegency_AllowRotation()
    {
        var (keys, _, _) = await CreateAsync();
        var (old, oldKey) = await keys.CreateAsync(Role.Regency, "13.07", null, "old", CancellationToken.None);
        var (_, newKey) = await keys.CreateAsync(Role.Regency, "13.07", null, "new", CancellationToken.None);

        Assert.NotNull(await keys.AuthenticateAsync(oldKey, CancellationToken.None));
        await keys.RevokeAsync(old.Id, CancellationToken.None);

        Assert.Null(await keys.AuthenticateAsync(oldKey, CancellationToken.None));
        Assert.NotNull(await keys.AuthenticateAsync(newKey, CancellationToken.None));
        Assert.Equal(2, (await keys.ListAsync(CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rdy_")]
    [InlineData("rdy_0123456789abcdef_short")]
    [InlineData("rdy_0123456789abcdef_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("Bearer something")]
    [InlineData("rdy_../../etc_passwd")]
    public async Task MalformedOrUnknownKeys_AreNoCaller(string? presented)
    {
        var (keys, _, _) = await CreateAsync();

        Assert.Null(await keys.AuthenticateAsync(presented, CancellationToken.None));
    }

    [Fact]
    public async Task Policy_ChecksRolesRegenciesAndTheEntraPrincipal()
    {
        var (keys, _, _) = await CreateAsync();
        var (_, regencyKey) = await keys.CreateAsync(Role.Regency, "13.07", null, null, CancellationToken.None);
        var (_, adminKey) = await keys.CreateAsync(Role.Admin, null, null, null, CancellationToken.None);
        var trusting = new AccessPolicy(keys, Options.Create(new AccessOptions { TrustAppServiceAuth = true }));
        var wary = new AccessPolicy(keys, Options.Create(new AccessOptions()));
        var entraAdmin = Principal(("name", "operator@kominfo.go.id"), ("roles", AccessPolicy.AdminAppRole));
        var entraUser = Principal(("name", "someone@kominfo.go.id"));

        async Task<int> Status(AccessPolicy policy, string? bearer, string? header, string? principal, Permission permission, string? regency) =>
            (await policy.CheckAsync(bearer is null ? null : "Bearer " + bearer, header, principal, permission, regency, CancellationToken.None)).Status;

        Assert.Equal(401, await Status(trusting, null, null, null, Permission.ReadPublished, null));
        Assert.Equal(200, await Status(trusting, regencyKey, null, null, Permission.ActForRegency, "13.07"));
        Assert.Equal(200, await Status(trusting, null, regencyKey, null, Permission.ActForRegency, "13.07"));
        Assert.Equal(403, await Status(trusting, regencyKey, null, null, Permission.ActForRegency, "32.71"));
        Assert.Equal(403, await Status(trusting, regencyKey, null, null, Permission.Admin, null));
        Assert.Equal(200, await Status(trusting, regencyKey, null, null, Permission.ReadPublished, null));
        Assert.Equal(200, await Status(trusting, adminKey, null, null, Permission.ActForRegency, "32.71"));
        Assert.Equal(200, await Status(trusting, adminKey, null, null, Permission.Admin, null));
        Assert.Equal(200, await Status(trusting, null, null, entraAdmin, Permission.Admin, null));
        Assert.Equal(401, await Status(wary, null, null, entraAdmin, Permission.Admin, null));
        Assert.Equal(401, await Status(trusting, null, null, entraUser, Permission.Admin, null));
        Assert.Equal(401, await Status(trusting, null, null, "not base64 !!", Permission.Admin, null));
        // A bad key is not rescued by a principal header.
        Assert.Equal(401, await Status(trusting, "rdy_bad", null, entraAdmin, Permission.Admin, null));
    }
}
