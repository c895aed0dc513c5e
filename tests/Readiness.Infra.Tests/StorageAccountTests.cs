using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>The storage account accepts Entra ID over HTTPS only, and nothing in the deployment handles account keys.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class StorageAccountTests(CompiledTemplate template)
{
    [Fact]
    public void StorageAccount_IsStorageV2()
    {
        Assert.Equal("StorageV2", (string?)template.StorageAccount["kind"]);
    }

    [Fact]
    public void StorageAccount_DisablesSharedKeyAccess()
    {
        var properties = template.StorageAccount["properties"]!;

        Assert.False((bool?)properties["allowSharedKeyAccess"] ?? true, "allowSharedKeyAccess must be false");
        Assert.True((bool?)properties["defaultToOAuthAuthentication"] ?? false, "defaultToOAuthAuthentication must be true");
    }

    [Fact]
    public void StorageAccount_DisablesPublicBlobAccess()
    {
        Assert.False((bool?)template.StorageAccount["properties"]!["allowBlobPublicAccess"] ?? true);
        foreach (var container in template.Storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", (string?)container["properties"]?["publicAccess"]);
        }
    }

    [Fact]
    public void StorageAccount_RequiresHttpsAndTls12()
    {
        var properties = template.StorageAccount["properties"]!;

        Assert.True((bool?)properties["supportsHttpsTrafficOnly"] ?? false, "supportsHttpsTrafficOnly must be true");
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Theory]
    [InlineData("AccountKey")]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("InstrumentationKey")]
    public void CompiledTemplate_NeverHandlesKeys(string forbidden)
    {
        Assert.DoesNotContain(forbidden, template.Json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void QueueService_SendsWriteLogsToLogAnalytics()
    {
        var diagnostics = template.Storage.SingleResource("Microsoft.Insights/diagnosticSettings");

        Assert.Contains("queueServices", (string?)diagnostics["scope"], StringComparison.Ordinal);
        Assert.Contains(
            diagnostics["properties"]!["logs"]!.AsArray(),
            log => (string?)log?["category"] == "StorageWrite" && (bool?)log?["enabled"] == true);
        Assert.Contains("logAnalyticsWorkspaceId", template.Storage.RawParameterValue("logAnalyticsWorkspaceId")?.ToString(), StringComparison.Ordinal);
    }
}
