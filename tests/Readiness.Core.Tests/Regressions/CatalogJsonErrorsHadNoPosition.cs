using Readiness.Core.Catalog;

namespace Readiness.Core.Tests.Regressions;

/// <summary>Fixed in c352f8f: a catalog file that is not valid JSON was refused with the JSON reader's own message
/// (internal type names, a zero-based line number) instead of where a person should look.</summary>
public class CatalogJsonErrorsHadNoPosition
{
    [Fact]
    public void BrokenJson_IsRefusedWithItsLineAndPosition()
    {
        var json = "{\n  \"version\": \"1\",\n  \"indicators\": [ }\n}\n";

        var error = Assert.Throws<CatalogException>(() => CatalogFile.Parse(json));

        Assert.Contains("near line 3, position", error.Message, StringComparison.Ordinal);
        Assert.Contains("check the brackets, quotes, commas", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }
}
