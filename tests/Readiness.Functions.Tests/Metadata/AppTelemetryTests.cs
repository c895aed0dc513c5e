using System.Diagnostics;
using System.Text.Json;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Readiness.Core.Telemetry;
using Readiness.Development;

namespace Readiness.Functions.Tests.Metadata;

/// <summary>The worker's OpenTelemetry set-up: what host.json asks for, what the app registers, how it signs in.</summary>
public class AppTelemetryTests
{
    [Fact]
    public void HostJson_AsksTheHostForOpenTelemetry()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "host.json")));

        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    public void AuthenticationString_ForEntra_IsAManagedIdentityCredential(string authentication)
    {
        Assert.IsType<ManagedIdentityCredential>(AppTelemetry.Credential(authentication));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=00000000-0000-0000-0000-000000000001")]
    [InlineData("Authorization=None")]
    public void AuthenticationString_WithoutEntra_IsNoCredential(string? authentication)
    {
        Assert.Null(AppTelemetry.Credential(authentication));
    }

    [Fact]
    public void AddReadinessFunctions_WithTheSettingsTheBicepWrites_ListensToTheAppsSpans()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            // An ingestion endpoint on a closed loopback port: nothing is sent anywhere.
            [AppTelemetry.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/",
            [AppTelemetry.AuthenticationSetting] = "ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddReadinessFunctions(configuration).BuildServiceProvider();

        using var tracing = services.GetRequiredService<TracerProvider>();
        using var activity = ReadinessTelemetry.ActivitySource.StartActivity("probe");

        Assert.NotNull(activity);
        Assert.Equal(ActivityIdFormat.W3C, activity.IdFormat);
    }
}
