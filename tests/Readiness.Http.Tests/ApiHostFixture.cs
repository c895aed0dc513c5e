using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Readiness.Http.Tests.Contract;
using Readiness.TestSupport;

namespace Readiness.Http.Tests;

/// <summary>One local host per test class (over the test run's Azurite, with the sample registry), with an admin
/// key and keys for two regencies of the sample registry. Its clients hold every answer to the OpenAPI document
/// (<see cref="ContractCheckingHandler"/>): a test that gets an answer the document does not describe fails.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const string Regency = "13.07";
    public const string OtherRegency = "31.71";

    private readonly List<HttpClient> _clients = [];
    private LocalApiHost? _host;

    public LocalApiHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public string RegencyKey { get; private set; } = "";

    public string OtherRegencyKey { get; private set; } = "";

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Officer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalApiHost.StartAsync();
        RegencyKey = await Host.CreateKeyAsync(Regency);
        OtherRegencyKey = await Host.CreateKeyAsync(OtherRegency);
        Anonymous = CheckedClient(null);
        Admin = CheckedClient(Host.AdminKey);
        Officer = CheckedClient(RegencyKey);
    }

    /// <summary>A client of the host whose answers are checked against the OpenAPI document, sending
    /// <paramref name="key"/> (if any) as <c>Authorization: Bearer</c>; disposed with the fixture.</summary>
    public HttpClient CheckedClient(string? key, bool followRedirects = true)
    {
        var client = new HttpClient(new ContractCheckingHandler(new HttpClientHandler { AllowAutoRedirect = followRedirects }))
        {
            BaseAddress = Host.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        _clients.Add(client);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    /// <summary>The sample file of regency 13.07 (288 bytes of Indonesian Excel CSV).</summary>
    public static byte[] SampleFile => File.ReadAllBytes(Samples.SamplePath("13.07-lima-puluh-kota-2024.csv"));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static MediaTypeHeaderValue? TypeOf(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
