using System.Globalization;
using Microsoft.AspNetCore.Http;
using Readiness.Core;
using Readiness.Core.Validation;

namespace Readiness.Functions.Http;

/// <summary>
/// The body of an admin request (a registry CSV, a catalog, a source), read whole into memory up to a small limit:
/// 400 without a body, 413 above the limit, whether declared or only counted while reading.
/// </summary>
public static class SmallBody
{
    public static async Task<Result<MemoryStream, ApiProblem>> ReadAsync(HttpRequest request, long maxBytes, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return Missing(what);
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes, what);
        }

        var content = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (content.Length + read > maxBytes)
            {
                await content.DisposeAsync();
                return TooLarge(maxBytes, what);
            }

            content.Write(buffer, 0, read);
        }

        if (content.Length == 0)
        {
            await content.DisposeAsync();
            return Missing(what);
        }

        content.Position = 0;
        return content;
    }

    private static ApiProblem Missing(string what) =>
        new(StatusCodes.Status400BadRequest, "Missing body", $"The request has no body. Send {what} as the body.", "body");

    private static ApiProblem TooLarge(long maxBytes, string what) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large",
            string.Create(CultureInfo.InvariantCulture, $"The body ({what}) is larger than the limit of {maxBytes:N0} bytes for this request."),
            "body", new Dictionary<string, object?> { ["code"] = ErrorCodes.FileTooLarge, ["maxBytes"] = maxBytes });
}
