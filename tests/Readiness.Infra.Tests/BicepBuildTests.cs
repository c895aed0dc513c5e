using Readiness.Infra.Tests.Infrastructure;

namespace Readiness.Infra.Tests;

/// <summary>main.bicep and its local modules compile offline with no diagnostics at all.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class BicepBuildTests(CompiledTemplate template)
{
    [Fact]
    public void Build_MainBicep_CompilesWithoutDiagnostics()
    {
        Assert.StartsWith("{", template.Json.TrimStart(), StringComparison.Ordinal);
        Assert.True(template.BuildDiagnostics.Count == 0, BicepCli.Describe(template.BuildDiagnostics));
    }
}
