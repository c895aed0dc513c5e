using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Readiness.Core;

/// <summary>
/// The one JSON convention of what the app writes and reads: HTTP bodies, the CLI's <c>--json</c>, stored reports and
/// queue messages. camelCase names, case-insensitive reading, nulls left out, and text written as it is (Indonesian
/// names, "–", "≥", quotes) rather than as <c>\u</c> escapes: every consumer is a JSON parser, never an HTML page.
/// </summary>
public static class WebJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented for people (CLI output, files).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
