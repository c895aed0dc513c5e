using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Readiness.Functions.Http;

namespace Readiness.Functions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Functions SDK generates at build time is what the host indexes: these tests read
/// the built file (copied next to this assembly from the functions project's output) and check every function's
/// trigger, route, methods and authorization level. Add a row to <see cref="Expected"/> with each new function.
/// </summary>
public class FunctionMetadataTests
{
    public sealed record ExpectedFunction(string Name, string Trigger, string? Route = null, string[]? Methods = null, string? AuthLevel = null);

    private static readonly ExpectedFunction[] ExpectedFunctions =
    [
        new(nameof(UploadFunctions.PostUpload), "httpTrigger", "regencies/{code}/uploads", ["post"], "Function"),
        new(nameof(UploadFunctions.GetUpload), "httpTrigger", "regencies/{code}/uploads/{id}", ["get"], "Function"),
        new(nameof(UploadFunctions.ListUploads), "httpTrigger", "regencies/{code}/uploads", ["get"], "Function"),
    ];

    public static TheoryData<string> Expected => [.. ExpectedFunctions.Select(f => f.Name)];

    private static readonly Lazy<JsonElement[]> Declared = new(Load);

    [Fact]
    public void Metadata_DeclaresExactlyTheExpectedFunctions()
    {
        Assert.Equal(
            ExpectedFunctions.Select(f => f.Name).Order(StringComparer.Ordinal),
            Declared.Value.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Function_HasTheExpectedTrigger(string name)
    {
        var expected = ExpectedFunctions.Single(f => f.Name == name);
        var function = Declared.Value.Single(f => f.GetProperty("name").GetString() == name);

        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        Assert.Equal("Readiness.Functions.dll", function.GetProperty("scriptFile").GetString());
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        Assert.Equal(expected.Trigger, trigger.GetProperty("type").GetString());
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        if (expected.Trigger == "httpTrigger")
        {
            Assert.Equal(expected.Route, trigger.GetProperty("route").GetString());
            Assert.Equal(expected.Methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
            Assert.Equal(expected.AuthLevel, trigger.GetProperty("authLevel").GetString());
            Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "Out");
        }
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void EntryPoint_IsTheMethodCarryingTheFunctionAttribute(string name)
    {
        var function = Declared.Value.Single(f => f.GetProperty("name").GetString() == name);
        var entryPoint = function.GetProperty("entryPoint").GetString()!;
        var split = entryPoint.LastIndexOf('.');

        var type = typeof(UploadFunctions).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
        var method = Assert.Single(type.GetMethods(), m => m.Name == entryPoint[(split + 1)..]);

        Assert.Equal(name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
    }

    [Fact]
    public void Routes_AreUniquePerMethod()
    {
        var pairs = ExpectedFunctions.Where(f => f.Route is not null).SelectMany(f => f.Methods!.Select(m => (m, f.Route))).ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata was not copied next to the test assembly ({path}); build the functions project.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
