using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>An operator hears about poison messages and failing functions.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class AlertTests(CompiledTemplate template)
{
    [Fact]
    public void PoisonQueueAlert_CountsMessagesPutIntoPoisonQueues()
    {
        var rule = Named(template.Alerts.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"), "-poison-queue");
        var criterion = rule["properties"]?["criteria"]?["allOf"]?[0];
        var query = (string?)template.Alerts.Template["variables"]?["poisonQuery"];

        Assert.Equal("[variables('poisonQuery')]", (string?)criterion?["query"]);
        Assert.Contains("StorageQueueLogs", query, StringComparison.Ordinal);
        Assert.Contains("PutMessage", query, StringComparison.Ordinal);
        Assert.Contains("parameters('poisonQueueNames')", query, StringComparison.Ordinal);
        Assert.Contains("parameters('storageAccountName')", query, StringComparison.Ordinal);
        Assert.Equal("GreaterThan", (string?)criterion?["operator"]);
        Assert.Equal(0, (int?)criterion?["threshold"]);
        Assert.True((bool?)rule["properties"]?["enabled"] ?? false);
        Assert.Contains("logAnalyticsWorkspaceId", (string?)rule["properties"]?["scopes"]?[0], StringComparison.Ordinal);
    }

    [Fact]
    public void PoisonQueueAlert_WatchesTheDeclaredPoisonQueues()
    {
        var passed = template.Alerts.RawParameterValue("poisonQueueNames")?.ToString();

        Assert.Contains("variables('queueNames')", passed, StringComparison.Ordinal);
        Assert.Contains("'-poison'", passed, StringComparison.Ordinal);
        Assert.Contains(
            template.Main.EvaluateToStrings(template.Main.Template["variables"]!["queueNames"]),
            q => q.EndsWith("-poison", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionFailuresAlert_IsAMetricAlertOnFailedInvocations()
    {
        var alert = Named(template.Alerts.ResourcesOfType("Microsoft.Insights/metricAlerts"), "-function-failures");
        var criterion = alert["properties"]?["criteria"]?["allOf"]?[0];

        Assert.Equal("requests/failed", (string?)criterion?["metricName"]);
        Assert.Equal("microsoft.insights/components", (string?)criterion?["metricNamespace"]);
        Assert.Equal("GreaterThan", (string?)criterion?["operator"]);
        Assert.Equal("0", template.Alerts.EvaluateToString(criterion?["threshold"]));
        Assert.True((bool?)alert["properties"]?["enabled"] ?? false);
        Assert.Equal("[parameters('applicationInsightsId')]", (string?)alert["properties"]?["scopes"]?[0]);
        Assert.Matches(@"'monitoring'.*\.outputs\.applicationInsightsId\.value", template.Alerts.RawParameterValue("applicationInsightsId")?.ToString());
    }

    /// <summary>The one alert of a type whose name has <paramref name="suffix"/> (the module declares several).</summary>
    private static System.Text.Json.Nodes.JsonObject Named(IEnumerable<System.Text.Json.Nodes.JsonObject> alerts, string suffix) =>
        Assert.Single(alerts, a => ((string?)a["name"])?.Contains(suffix, StringComparison.Ordinal) == true);
}
