using System.Net;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>A new deployment's first requests, over a real socket: nothing exists in storage before the host starts.</summary>
public class FirstRequestTests
{
    [Fact]
    public async Task UnauthenticatedUploadList_BeforeAnyTableExists_Is401WithBearerChallenge()
    {
        await using var host = await LocalApiHost.StartAsync(new LocalApiHostOptions { LoadSampleRegistry = false });

        using var response = await host.Client.GetAsync("api/regencies/3171/uploads");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
