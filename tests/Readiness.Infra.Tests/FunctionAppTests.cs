using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>The Function App: Flex Consumption, .NET 10 isolated, identity-based connections and its tunables.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = template.FunctionApp.SingleResource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.True((bool?)plan["properties"]?["reserved"] ?? false, "Flex Consumption runs on Linux (reserved: true)");
    }

    [Fact]
    public void Site_RunsDotnetIsolated10OnLinux()
    {
        var runtime = template.Site["properties"]?["functionAppConfig"]?["runtime"];

        Assert.Equal("functionapp,linux", (string?)template.Site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
    }

    [Fact]
    public void Site_DeploysFromBlobContainerWithItsUserAssignedIdentity()
    {
        var storage = template.Site["properties"]?["functionAppConfig"]?["deployment"]?["storage"];
        var authentication = storage?["authentication"];

        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Equal("[parameters('deploymentContainerUrl')]", (string?)storage?["value"]);
        Assert.Contains("outputs.deploymentContainerUrl", template.FunctionApp.RawParameterValue("deploymentContainerUrl")?.ToString(), StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)authentication?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)authentication?["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void AlwaysReady_IsTheHttpGroup_FromAParameterThatDefaultsToZero()
    {
        var main = template.Main.Template["parameters"]?["httpAlwaysReadyInstances"];
        var alwaysReady = template.Site["properties"]?["functionAppConfig"]?["scaleAndConcurrency"]?["alwaysReady"]?.ToString();

        // Scale from zero unless an operator pays for warm instances (infra/README.md says what they cost).
        Assert.Equal(0, (int?)main?["defaultValue"]);
        Assert.Equal(0, (int?)main?["minValue"]);
        Assert.Equal("[parameters('httpAlwaysReadyInstances')]", template.FunctionApp.RawParameterValue("httpAlwaysReadyInstances")?.ToString());
        Assert.Equal("[if(greater(parameters('httpAlwaysReadyInstances'), 0), createArray(createObject('name', 'http', 'instanceCount', parameters('httpAlwaysReadyInstances'))), createArray())]", alwaysReady);
    }

    [Fact]
    public void Site_RunsAsTheUserAssignedIdentity()
    {
        var identity = template.Site["identity"];

        Assert.Equal("UserAssigned", (string?)identity?["type"]);
        var assigned = Assert.Single(identity?["userAssignedIdentities"]?.AsObject() ?? []);
        Assert.Contains("parameters('identityId')", assigned.Key, StringComparison.Ordinal);
        Assert.Matches(@"'identity'.*\.outputs\.id\.value", template.FunctionApp.RawParameterValue("identityId")?.ToString());
    }

    [Fact]
    public void Site_RequiresHttpsAndTls12AndNoBasicAuthPublishing()
    {
        var properties = template.Site["properties"]!;

        Assert.True((bool?)properties["httpsOnly"] ?? false, "httpsOnly must be true");
        Assert.Equal("1.2", (string?)properties["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]?["ftpsState"]);
        var policies = template.FunctionApp.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False((bool?)p["properties"]?["allow"] ?? true));
    }

    [Fact]
    public void AppSettings_ConnectHostStorageWithManagedIdentity()
    {
        var settings = template.AppSettings;

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Matches(@"'identity'.*\.outputs\.clientId\.value", settings["AzureWebJobsStorage__clientId"]);
        Assert.Matches(@"'storage'.*\.outputs\.blobEndpoint\.value", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Matches(@"'storage'.*\.outputs\.queueEndpoint\.value", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Matches(@"'storage'.*\.outputs\.tableEndpoint\.value", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "a plain AzureWebJobsStorage setting would be a connection string");
    }

    [Fact]
    public void StorageModule_ExposesTheAccountsOwnEndpoints()
    {
        var outputs = template.Storage.Template["outputs"]!;

        Assert.Contains("primaryEndpoints.blob", (string?)outputs["blobEndpoint"]?["value"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.queue", (string?)outputs["queueEndpoint"]?["value"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", (string?)outputs["tableEndpoint"]?["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_HaveADistinctHostIdOfAtMost32Characters()
    {
        var hostId = template.AppSettings["AzureFunctionsWebHost__hostid"];
        var declaration = template.FunctionApp.Template["parameters"]!["hostId"]!;

        // Seeded by the per-environment resource token (13 characters), so two environments never share it.
        Assert.Matches(@"^\[format\('[a-z0-9-]+\{0\}', variables\('resourceToken'\)\)\]$", hostId);
        var prefix = hostId[(hostId.IndexOf('\'', StringComparison.Ordinal) + 1)..hostId.IndexOf("{0}", StringComparison.Ordinal)];
        Assert.True(prefix.Length + 13 <= 32, $"host id '{prefix}' + 13-character token exceeds 32 characters");
        Assert.Equal(32, (int?)declaration["maxLength"]);
    }

    [Fact]
    public void AppSettings_UseApplicationInsightsConnectionStringWithEntraAuth()
    {
        var settings = template.AppSettings;
        var component = template.Monitoring.SingleResource("Microsoft.Insights/components");

        Assert.Matches(@"'monitoring'.*\.outputs\.applicationInsightsConnectionString\.value", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.EndsWith(".ConnectionString]", (string?)template.Monitoring.Template["outputs"]?["applicationInsightsConnectionString"]?["value"], StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.False(settings.ContainsKey("APPINSIGHTS_INSTRUMENTATIONKEY"));
        Assert.True((bool?)component["properties"]?["DisableLocalAuth"] ?? false, "Application Insights local auth must be disabled");
        Assert.Contains("workspaces", (string?)component["properties"]?["WorkspaceResourceId"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    public void AppSettings_LeaveOutSettingsFlexConsumptionRejects(string name)
    {
        Assert.False(template.AppSettings.ContainsKey(name), $"{name} is not allowed on Flex Consumption");
    }

    [Theory]
    [InlineData("Readiness__MaxUploadBytes", "20971520")]
    [InlineData("Readiness__AsyncThresholdBytes", "2097152")]
    [InlineData("Readiness__WriteParallelism", "8")]
    [InlineData("DOTNET_GCgen0size", "0x800000")]
    [InlineData("InboxSchedule", "0 */15 * * * *")]
    [InlineData("ScoreSchedule", "0 0 19 * * *")]
    [InlineData("Readiness__InboxSettleSeconds", "120")]
    [InlineData("Readiness__AllowHttpSources", "False")]
    [InlineData("Readiness__TrustAppServiceAuth", "True")]
    public void AppSettings_ExposeTunablesWithTheirDefaults(string name, string expected)
    {
        Assert.True(template.AppSettings.TryGetValue(name, out var value), $"app setting {name} is missing");
        Assert.Equal(expected, value);
    }

    [Fact]
    public void AppSettings_NoValueIsAConnectionStringWithASecret()
    {
        foreach (var (name, value) in template.AppSettings)
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING", name);
        }
    }

    [Fact]
    public void Site_IsTaggedForAzdDeploy()
    {
        Assert.Equal("[parameters('appTags')]", (string?)template.Site["tags"]);
        Assert.Contains("'azd-service-name', 'api'", template.FunctionApp.RawParameterValue("appTags")?.ToString(), StringComparison.Ordinal);
    }
}
