using System.Globalization;
using System.Text.Json;
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

    /// <summary>A small JSON body (<see cref="ReadAsync"/>'s limits), deserialized with <see cref="WebJson.Options"/>;
    /// <paramref name="unreadable"/> words the 400 for JSON that does not read as <typeparamref name="T"/>. A body of
    /// <c>null</c> is a null value: the caller says what is missing.</summary>
    public static async Task<Result<T?, ApiProblem>> ReadJsonAsync<T>(HttpRequest request, long maxBytes, string what, Func<JsonException, ApiProblem> unreadable, CancellationToken cancellationToken)
        where T : class
    {
        var content = await ReadAsync(request, maxBytes, what, cancellationToken);
        if (!content.Ok)
        {
            return Result<T?, ApiProblem>.Failure(content.Error!);
        }

        await using (content.Value)
        {
            try
            {
                return Result<T?, ApiProblem>.Success(await JsonSerializer.DeserializeAsync<T>(content.Value, WebJson.Options, cancellationToken));
            }
            catch (JsonException e)
            {
                return Result<T?, ApiProblem>.Failure(unreadable(e));
            }
        }
    }

    private static ApiProblem Missing(string what) =>
        new(StatusCodes.Status400BadRequest, "Missing body", $"The request has no body. Send {what} as the body.", "body");

    private static ApiProblem TooLarge(long maxBytes, string what) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large",
            string.Create(CultureInfo.InvariantCulture, $"The body ({what}) is larger than the limit of {maxBytes:N0} bytes for this request."),
            "body", new Dictionary<string, object?> { ["code"] = ErrorCodes.FileTooLarge, ["maxBytes"] = maxBytes });
}
