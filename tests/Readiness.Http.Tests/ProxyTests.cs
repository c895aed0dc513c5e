using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core.Validation;

namespace Readiness.Http.Tests;

/// <summary>
/// The bug a browser found behind the real Functions host: its reverse proxy (YARP) sends the request body on while
/// the worker answers, and a worker that answered early and stopped reading made the proxy fail
/// (<c>ForwarderError: RequestBodyDestination</c>) and the client get a bare 500. Here a YARP forwarder stands in
/// front of the local host, with the host's 100 MB cap, and the client sends as a browser does (no
/// <c>Expect: 100-continue</c>).
/// </summary>
public sealed class ProxyTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private static readonly byte[] Oversize = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("13.07,GOV-01,2024,72.5\n", 40 * 1024 * 1024 / 23)));

    private WebApplication? _proxy;

    private Uri ProxyAddress => new(_proxy!.Urls.First());

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = 100L * 1024 * 1024);
        builder.Services.AddHttpForwarder();
        _proxy = builder.Build();
        _proxy.MapForwarder("/{**path}", api.Host.BaseAddress.ToString());
        await _proxy.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(true, 413)]
    [InlineData(false, 401)]
    public async Task OversizeUpload_ThroughTheProxy_WithoutExpectContinue_GetsTheAppsAnswer(bool withKey, int status)
    {
        await using var wire = new Wire(ProxyAddress);
        List<(string, string)> headers = [("Content-Type", "text/csv"), ("Content-Length", Oversize.Length.ToString(CultureInfo.InvariantCulture))];
        if (withKey)
        {
            headers.Add(("Authorization", "Bearer " + api.RegencyKey));
        }

        await wire.SendAsync("POST", "/api/regencies/13.07/uploads", headers, Oversize);
        var response = await wire.ReadResponseAsync();

        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        if (withKey)
        {
            Assert.Equal(ErrorCodes.FileTooLarge, JsonDocument.Parse(response.Body).RootElement.GetProperty("code").GetString());
        }
    }
}
