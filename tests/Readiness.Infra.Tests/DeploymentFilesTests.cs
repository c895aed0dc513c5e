using System.Text.Json.Nodes;
using System.Xml.Linq;
using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>The files azd and an operator start from: azure.yaml, main.parameters.json and the README.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class DeploymentFilesTests(CompiledTemplate template)
{
    [Fact]
    public void ParametersFile_NamesOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(kv => kv.Key).ToHashSet();
        var declared = template.Main.Template["parameters"]!.AsObject();

        foreach (var name in given)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare");
        }

        foreach (var (name, declaration) in declared)
        {
            Assert.True(declaration?["defaultValue"] is not null || given.Contains(name), $"required parameter '{name}' is missing from main.parameters.json");
        }

        Assert.Equal("${AZURE_ENV_NAME}", (string?)file["parameters"]?["environmentName"]?["value"]);
    }

    [Fact]
    public void TemplateTargetsAResourceGroup()
    {
        Assert.Contains("deploymentTemplate.json", (string?)template.Main.Template["$schema"], StringComparison.Ordinal);
        Assert.DoesNotContain("subscriptionDeploymentTemplate", (string?)template.Main.Template["$schema"], StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_DeploysFunctionsFolderAsTheApiService()
    {
        var lines = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, "azure.yaml")).Select(l => l.TrimEnd()).ToList();

        Assert.Contains("services:", lines);
        Assert.Contains("  api:", lines);
        Assert.Contains("    project: ./functions", lines);
        Assert.Contains("    language: dotnet", lines);
        Assert.Contains("    host: function", lines);
        Assert.True(Directory.Exists(Path.Combine(BicepCli.RepositoryRoot, "functions")), "functions/ does not exist");
    }

    /// <summary>What azd deploys is what <c>dotnet publish</c> of functions/ makes: ReadyToRun for linux-x64 (what Flex
    /// Consumption runs), on publish only, so builds and tests stay portable.</summary>
    [Fact]
    public void FunctionsPublish_IsReadyToRunForLinuxX64_OnPublishOnly()
    {
        var project = XDocument.Load(Path.Combine(BicepCli.RepositoryRoot, "functions", "Readiness.Functions.csproj"));
        var publish = Assert.Single(project.Root!.Elements("PropertyGroup"), g => g.Element("PublishReadyToRun") is not null);

        Assert.Contains("'$(_IsPublishing)' == 'true'", (string?)publish.Attribute("Condition"), StringComparison.Ordinal);
        Assert.Equal("linux-x64", (string?)publish.Element("RuntimeIdentifier"));
        Assert.Equal("true", (string?)publish.Element("PublishReadyToRun"));
        Assert.Equal("false", (string?)publish.Element("SelfContained"));
        Assert.DoesNotContain(project.Root.Elements("PropertyGroup").Where(g => g.Attribute("Condition") is null), g => g.Element("RuntimeIdentifier") is not null);
    }

    [Theory]
    [InlineData("## Cold start and always-ready instances")]
    [InlineData("azd up")]
    [InlineData("az deployment group create")]
    [InlineData("keys create --admin")]
    [InlineData("Storage Table Data Reader")]
    [InlineData("Organizational account")]
    [InlineData("## Roll back")]
    [InlineData("## Rotate keys")]
    [InlineData("## What it costs")]
    public void Readme_CoversTheOperatorTopics(string expected)
    {
        var readme = File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "README.md"));

        Assert.Contains(expected, readme, StringComparison.OrdinalIgnoreCase);
    }
}
