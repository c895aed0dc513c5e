using Azure;

namespace Readiness.Storage;

/// <summary>Plain words for storage failures that retrying will not fix, for logs, the CLI and 500 responses' logs.</summary>
public static class StorageErrors
{
    public static bool IsPermanent(RequestFailedException e) => e.Status is 400 or 401 or 403 or 404 or 409 or 412;

    public static string Explain(RequestFailedException e) => e.Status switch
    {
        401 or 403 => $"Storage refused the request ({e.Status} {e.ErrorCode}): the app could not authenticate or lacks a role. " +
                      "Check the connection string's account key, or that the managed identity has Storage Blob Data Owner, Queue Data Contributor and Table Data Contributor.",
        404 => $"Storage says the resource does not exist ({e.ErrorCode}): {FirstLine(e.Message)}. Run 'readiness demo' or deploy infra/ to create the tables, containers and queues.",
        _ => $"Storage request failed ({e.Status} {e.ErrorCode}): {FirstLine(e.Message)}",
    };

    /// <summary>The first line of the SDK's message: it names the table, blob or queue the request was for.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
