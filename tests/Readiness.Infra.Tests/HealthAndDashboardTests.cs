using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Readiness.Core.Telemetry;
using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>The health endpoint is probed and alerted on, and the operator's workbook reads metrics the app records.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class HealthAndDashboardTests(CompiledTemplate template)
{
    private static readonly string WorkbookPath = Path.Combine(BicepCli.InfraDirectory, "dashboard", "operations.workbook.json");

    [Fact]
    public void HealthAvailabilityTest_GetsTheAppsHealthEndpointAndExpects200()
    {
        var test = template.Alerts.SingleResource("Microsoft.Insights/webtests");
        var properties = test["properties"]!;

        Assert.Equal("standard", (string?)test["kind"]);
        Assert.Equal("[parameters('healthUrl')]", (string?)properties["Request"]?["RequestUrl"]);
        Assert.Equal("GET", (string?)properties["Request"]?["HttpVerb"]);
        Assert.Equal(200, (int?)properties["ValidationRules"]?["ExpectedHttpStatusCode"]);
        Assert.True((bool?)properties["Enabled"] ?? false);
        Assert.True(((JsonArray?)properties["Locations"])?.Count >= 5, "Azure recommends at least five test locations");
        var passed = template.Alerts.RawParameterValue("healthUrl")?.ToString();
        Assert.Contains("'function-app'", passed, StringComparison.Ordinal);
        Assert.Contains("defaultHostName", passed, StringComparison.Ordinal);
        Assert.Contains("/api/health", passed, StringComparison.Ordinal);
        // The portal shows a test under its component only with the hidden-link tag.
        Assert.Contains("hidden-link:", test["tags"]?.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HealthAlert_FiresWhenTheAvailabilityTestFailsFromTwoLocations()
    {
        var alert = template.Alerts.ResourcesOfType("Microsoft.Insights/metricAlerts")
            .Single(a => (string?)a["properties"]?["criteria"]?["odata.type"] == "Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria");
        var criteria = alert["properties"]!["criteria"]!;

        Assert.Equal(2, (int?)criteria["failedLocationCount"]);
        Assert.Contains("webtests", (string?)criteria["webTestId"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[parameters('applicationInsightsId')]", (string?)criteria["componentId"]);
        Assert.Equal(1, (int?)alert["properties"]?["severity"]);
    }

    [Fact]
    public void QueueAgeAlert_ReadsTheOldestAgeMetricOfTheWorkQueues()
    {
        var rule = template.Alerts.ResourcesOfType("Microsoft.Insights/scheduledQueryRules").Single(r => ((string?)r["name"])!.Contains("queue-age", StringComparison.Ordinal));
        var query = (string?)template.Alerts.Template["variables"]?["queueAgeQuery"];

        Assert.Contains($"\"{ReadinessTelemetry.Metrics.QueueOldestAge}\"", query, StringComparison.Ordinal);
        Assert.Contains("!endswith \"-poison\"", query, StringComparison.Ordinal);
        Assert.Equal("900", template.Alerts.EvaluateToString(rule["properties"]?["criteria"]?["allOf"]?[0]?["threshold"]));
        Assert.Equal("[parameters('applicationInsightsId')]", (string?)rule["properties"]?["scopes"]?[0]);
    }

    [Fact]
    public void Workbook_IsASharedWorkbookOverApplicationInsights_WithTheDashboardsJson()
    {
        var dashboard = template.Main.Module("dashboard");
        var workbook = dashboard.SingleResource("Microsoft.Insights/workbooks");

        Assert.Equal("shared", (string?)workbook["kind"]);
        Assert.Equal("[parameters('applicationInsightsId')]", (string?)workbook["properties"]?["sourceId"]);
        Assert.Matches(@"'monitoring'.*\.outputs\.applicationInsightsId\.value", dashboard.RawParameterValue("applicationInsightsId")?.ToString());
        Assert.StartsWith("[guid(", (string?)workbook["name"], StringComparison.Ordinal);
        // loadJsonContent compiles the file into the template: the deployed workbook is the checked-in JSON.
        Assert.Contains("Notebook/1.0", dashboard.Template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_HasThePanelsAnOperatorNeeds()
    {
        var panels = WorkbookItems().Where(i => (int?)i["type"] == 3).ToDictionary(i => (string)i["name"]!, i => (string)i["content"]!["query"]!);

        Assert.Contains(ReadinessTelemetry.Metrics.Uploads, panels["uploads-per-day"], StringComparison.Ordinal);
        Assert.Contains("outcome", panels["uploads-per-day"], StringComparison.Ordinal);
        Assert.Contains("1d", panels["uploads-per-day"], StringComparison.Ordinal);
        Assert.Contains(ReadinessTelemetry.Metrics.RegistryRegencies, panels["regencies-not-reported"], StringComparison.Ordinal);
        Assert.Contains(ReadinessTelemetry.Metrics.ValidationErrors, panels["top-validation-errors"], StringComparison.Ordinal);
        Assert.Contains(ReadinessTelemetry.Metrics.QueueOldestAge, panels["queue-age"], StringComparison.Ordinal);
        Assert.Contains(ReadinessTelemetry.Metrics.PoisonMessages, panels["failures"], StringComparison.Ordinal);
        Assert.Contains("\"failed\"", panels["failures"], StringComparison.Ordinal);
        Assert.Contains("availabilityResults", panels["health"], StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_NamesOnlyMetricsTheAppRecords()
    {
        var recorded = typeof(ReadinessTelemetry.Metrics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);
        var named = WorkbookItems().Select(i => (string?)i["content"]?["query"]).OfType<string>()
            .SelectMany(q => MetricName().Matches(q).Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, recorded));
    }

    private static IEnumerable<JsonObject> WorkbookItems() =>
        (JsonNode.Parse(File.ReadAllText(WorkbookPath))!["items"] as JsonArray ?? []).OfType<JsonObject>();

    [GeneratedRegex("\"(readiness\\.[a-z_.]+)\"")]
    private static partial Regex MetricName();
}
