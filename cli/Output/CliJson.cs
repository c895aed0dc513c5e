using System.Text.Json;
using Readiness.Core;

namespace Readiness.Cli.Output;

/// <summary>
/// <c>--json</c> output: the app's <see cref="WebJson"/> convention, indented for
/// people, one document per command on stdout.
/// </summary>
internal static class CliJson
{
    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, WebJson.Indented));
}
