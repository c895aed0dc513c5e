using Microsoft.Extensions.Options;
using Readiness.Core.Access;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Regressions;

/// <summary>Fixed in c352f8f: a blank <c>X-Api-Key</c> header (a client that always sends it) was taken as the key
/// presented, so a valid <c>Authorization: Bearer</c> key in the same request was ignored and the call got 401.</summary>
public class BlankApiKeyHidBearerKey
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ABlankApiKeyHeader_LeavesTheBearerKeyToAuthenticate(string blank)
    {
        var keys = new ApiKeyService(new TableApiKeyStore(await Azurite.CreateAccountAsync()), TimeProvider.System);
        var (_, key) = await keys.CreateAsync(Role.Regency, "13.07", null, "officer", CancellationToken.None);
        var policy = new AccessPolicy(keys, Options.Create(new AccessOptions()));

        var decision = await policy.CheckAsync("Bearer " + key, blank, null, Permission.ActForRegency, "13.07", CancellationToken.None);

        Assert.True(decision.Allowed, decision.Reason);
        Assert.Equal("13.07", decision.Caller!.RegencyCode);
    }
}
