using System.Text.Json;

namespace Readiness.Core.Tests.Conventions;

public class WebJsonTests
{
    private sealed record Sample(string RegencyName, string? Note, int Year);

    [Fact]
    public void Writes_CamelCase_WithoutNulls_AndTextAsItIs()
    {
        var json = JsonSerializer.Serialize(new Sample("Kab. Tanah Datar – \"Batusangkar\" ≥ 1", null, 2024), WebJson.Options);

        Assert.Equal("""{"regencyName":"Kab. Tanah Datar – \"Batusangkar\" ≥ 1","year":2024}""", json);
    }

    [Fact]
    public void Reads_NamesInAnyCase()
    {
        var sample = JsonSerializer.Deserialize<Sample>("""{"RegencyName":"Agam","YEAR":2023}""", WebJson.Options);

        Assert.Equal(new Sample("Agam", null, 2023), sample);
    }

    [Fact]
    public void Indented_IsTheSameConventionForPeople()
    {
        var json = JsonSerializer.Serialize(new Sample("Agam", null, 2023), WebJson.Indented);

        Assert.Equal("{\n  \"regencyName\": \"Agam\",\n  \"year\": 2023\n}", json.ReplaceLineEndings("\n"));
    }
}
