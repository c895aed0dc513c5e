using System.Text.RegularExpressions;
using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>Who may do what: each module's role assignments, their ids and their stable names.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate template)
{
    // Built-in role definition ids, the same in every tenant (Azure built-in roles reference).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageTableDataReader = "76199698-9eea-4c19-bc75-cec21354c6b6";
    private const string StorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    public static TheoryData<string, string, string, string[]> ExpectedAssignments() => new()
    {
        // module deployment, scope resource type, principal (expression passed as principalId), role ids
        { "app-storage-roles", "Microsoft.Storage/storageAccounts", @"'identity'.*\.outputs\.principalId\.value", [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor] },
        { "app-monitoring-roles", "Microsoft.Insights/components", @"'identity'.*\.outputs\.principalId\.value", [MonitoringMetricsPublisher] },
        { "powerbi-storage-roles", "Microsoft.Storage/storageAccounts", @"^\[parameters\('powerBiReadersPrincipalId'\)\]$", [StorageTableDataReader, StorageBlobDataReader] },
        { "operator-storage-roles", "Microsoft.Storage/storageAccounts", @"^\[parameters\('operatorPrincipalId'\)\]$", [StorageTableDataContributor] },
    };

    public static TheoryData<string, string> CommentedRoles() => new()
    {
        { "Storage Blob Data Owner", StorageBlobDataOwner },
        { "Storage Queue Data Contributor", StorageQueueDataContributor },
        { "Storage Table Data Contributor", StorageTableDataContributor },
        { "Storage Table Data Reader", StorageTableDataReader },
        { "Storage Blob Data Reader", StorageBlobDataReader },
        { "Monitoring Metrics Publisher", MonitoringMetricsPublisher },
    };

    [Theory]
    [MemberData(nameof(ExpectedAssignments))]
    public void Module_AssignsExactlyTheExpectedRolesToTheExpectedPrincipal(
        string deploymentName, string scopeType, string principalPattern, string[] roleIds)
    {
        var module = template.Main.Module(deploymentName);
        var assigned = module.ParameterStrings("roleDefinitionIds");

        Assert.Equal(roleIds.Order(), assigned.Order());
        Assert.Matches(principalPattern, module.RawParameterValue("principalId")?.ToString());
        var assignment = module.SingleResource("Microsoft.Authorization/roleAssignments");
        Assert.Contains(scopeType, (string?)assignment["scope"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> AssigningModules()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in ExpectedAssignments())
        {
            data.Add((string)row[0], (string)row[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AssigningModules))]
    public void RoleAssignments_AreNamedGuidOfScopePrincipalAndRole(string deploymentName, string scopeType)
    {
        var assignment = template.Main.Module(deploymentName).SingleResource("Microsoft.Authorization/roleAssignments");
        var properties = assignment["properties"]!;

        Assert.Matches(GuidOfScopePrincipalRole(), (string?)assignment["name"]);
        Assert.Contains($"'{scopeType}'", (string?)assignment["name"], StringComparison.Ordinal);
        Assert.Equal("[length(parameters('roleDefinitionIds'))]", (string?)assignment["copy"]?["count"]);
        Assert.Equal("[parameters('principalId')]", (string?)properties["principalId"]);
        Assert.Equal(
            "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', parameters('roleDefinitionIds')[copyIndex()])]",
            (string?)properties["roleDefinitionId"]);
    }

    [Fact]
    public void AppIdentity_IsDeclaredAsServicePrincipal()
    {
        foreach (var name in new[] { "app-storage-roles", "app-monitoring-roles" })
        {
            Assert.Equal("ServicePrincipal", template.Main.Module(name).ParameterString("principalType"));
        }
    }

    [Fact]
    public void PowerBiReaders_AreAssignedOnlyWhenAPrincipalIsGiven()
    {
        var deployment = template.Main.ModuleDeployment("powerbi-storage-roles");

        Assert.Equal("[not(empty(parameters('powerBiReadersPrincipalId')))]", (string?)deployment["condition"]);
        Assert.NotNull(template.Main.Template["parameters"]?["powerBiReadersPrincipalId"]);
    }

    [Fact]
    public void NoOtherModuleAssignsRoles()
    {
        var expected = ExpectedAssignments().Select(row => (string)row[0]).ToHashSet();
        var assigning = template.Main.Modules
            .Where(m => m.Scope.ResourcesOfType("Microsoft.Authorization/roleAssignments").Any())
            .Select(m => m.Scope.Name)
            .ToHashSet();

        Assert.Equal(expected.Order(), assigning.Order());
        Assert.Empty(template.Main.ResourcesOfType("Microsoft.Authorization/roleAssignments"));
    }

    [Theory]
    [MemberData(nameof(CommentedRoles))]
    public void MainBicep_CommentsEachRoleDefinitionId(string roleName, string roleId)
    {
        var lines = File.ReadAllLines(Path.Combine(BicepCli.InfraDirectory, "main.bicep"));
        var index = Array.FindIndex(lines, l => l.Contains($"'{roleId}'", StringComparison.Ordinal));

        Assert.True(index > 0, $"{roleName} ({roleId}) does not appear in main.bicep");
        var commentAbove = lines[..index].Reverse().TakeWhile(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal));
        Assert.Contains(commentAbove, l => l.Contains(roleName, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\[guid\(resourceId\('[^']+', parameters\('[^']+'\)\), parameters\('principalId'\), parameters\('roleDefinitionIds'\)\[copyIndex\(\)\]\)\]$")]
    private static partial Regex GuidOfScopePrincipalRole();
}
