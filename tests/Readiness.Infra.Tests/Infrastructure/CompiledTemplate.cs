using System.Text.Json.Nodes;

namespace Readiness.Infra.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled once per test run, with what the build reported.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        (Json, BuildDiagnostics) = BicepCli.Build(Path.Combine(BicepCli.InfraDirectory, "main.bicep"));
        Main = ArmScope.Root(JsonNode.Parse(Json)!.AsObject());
    }

    /// <summary>The compiled ARM JSON as text.</summary>
    public string Json { get; }

    public IReadOnlyList<Diagnostic> BuildDiagnostics { get; }

    public ArmScope Main { get; }

    public ArmScope Storage => Main.Module("storage");

    public ArmScope FunctionApp => Main.Module("function-app");

    public ArmScope Monitoring => Main.Module("monitoring");

    public ArmScope Alerts => Main.Module("alerts");

    public JsonObject StorageAccount => Storage.SingleResource("Microsoft.Storage/storageAccounts");

    public JsonObject Site => FunctionApp.SingleResource("Microsoft.Web/sites");

    /// <summary>The Function App's app settings, each value evaluated back to main.bicep where possible.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var settings = Site["properties"]?["siteConfig"]?["appSettings"] as JsonArray
                ?? throw new InvalidOperationException("siteConfig.appSettings is not a literal array of name/value pairs.");
            return settings.OfType<JsonObject>().ToDictionary(
                s => (string)s["name"]!,
                s => FunctionApp.EvaluateToString(s["value"]) ?? "");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CompiledTemplateCollection : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "Compiled main.bicep";
}
