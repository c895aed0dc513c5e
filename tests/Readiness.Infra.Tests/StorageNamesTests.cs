using System.Text.RegularExpressions;
using Readiness.Core;
using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>
/// Every table, container and queue the code uses (Readiness.Core.StorageNames, the one place the names live) is
/// declared by the templates, and the templates declare nothing the code does not know about.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class StorageNamesTests(CompiledTemplate template)
{
    public static TheoryData<string> Kinds() => ["tables", "containers", "queues"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Templates_DeclareEveryNameTheCodeUses(string kind)
    {
        var declared = Declared(kind);

        foreach (var name in CodeNames(kind))
        {
            Assert.True(declared.Contains(name), $"{kind} '{name}' from StorageNames is not declared in infra/main.bicep");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Templates_DeclareNoNameTheCodeDoesNotUse(string kind)
    {
        var extra = Declared(kind).Except(CodeNames(kind)).ToList();

        Assert.True(extra.Count == 0, $"{kind} declared in infra/main.bicep but not in StorageNames: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeclaredNames_AreCreatedByALoopInTheStorageModule(string kind)
    {
        var (resourceType, parameter) = Resource(kind);
        var loop = template.Storage.SingleResource(resourceType);

        Assert.Contains($"parameters('{parameter}')", (string?)loop["name"], StringComparison.Ordinal);
        Assert.Contains($"parameters('{parameter}')", (string?)loop["copy"]?["count"], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWorkQueue_HasItsPoisonQueueDeclared()
    {
        var declared = Declared("queues");
        var workQueues = StorageNames.Queues.All.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(workQueues);
        foreach (var queue in workQueues)
        {
            Assert.Contains(StorageNames.Queues.Poison(queue), declared);
        }
    }

    [Fact]
    public void DeploymentContainer_IsDeclaredAlongsideTheApplicationContainers()
    {
        var deploymentContainer = template.Storage.ParameterString("deploymentContainerName");
        var loop = template.Storage.SingleResource("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.False(string.IsNullOrEmpty(deploymentContainer));
        Assert.DoesNotContain(deploymentContainer, StorageNames.Containers.All);
        Assert.Contains("parameters('deploymentContainerName')", (string?)loop["name"], StringComparison.Ordinal);
    }

    [Fact]
    public void Names_FollowAzureNamingRules()
    {
        foreach (var table in StorageNames.Tables.All)
        {
            Assert.Matches(TableName(), table);
        }

        foreach (var name in StorageNames.Containers.All.Concat(StorageNames.Queues.All))
        {
            Assert.Matches(ContainerOrQueueName(), name);
            Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        }
    }

    private HashSet<string> Declared(string kind) =>
        [.. template.Storage.ParameterStrings(Resource(kind).Parameter)];

    private static IReadOnlyList<string> CodeNames(string kind) => kind switch
    {
        "tables" => StorageNames.Tables.All,
        "containers" => StorageNames.Containers.All,
        "queues" => StorageNames.Queues.All,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static (string ResourceType, string Parameter) Resource(string kind) => kind switch
    {
        "tables" => ("Microsoft.Storage/storageAccounts/tableServices/tables", "tableNames"),
        "containers" => ("Microsoft.Storage/storageAccounts/blobServices/containers", "containerNames"),
        "queues" => ("Microsoft.Storage/storageAccounts/queueServices/queues", "queueNames"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Tables: alphanumeric, starting with a letter, 3-63. Containers and queues: lowercase, digits and single dashes, 3-63.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerOrQueueName();
}
