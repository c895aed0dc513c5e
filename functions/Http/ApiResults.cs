using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;

namespace Readiness.Functions.Http;

/// <summary>
/// How every HTTP function answers. Bodies are JSON written with the app's <see cref="WebJson"/> options. A request
/// refused before an upload exists gets an RFC 9457 problem (<c>application/problem+json</c>) naming the bad
/// parameter; an unexpected exception becomes a 500 problem that never carries a stack trace. Every error answer carries the invocation id as <c>correlationId</c>.
/// </summary>
public static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";
    public const string CorrelationIdProperty = "correlationId";

    /// <summary>nginx's "client closed request": the caller went away, nobody reads the answer.</summary>
    public const int ClientClosedRequest = 499;

    public static ContentResult Json(int status, object body) => new()
    {
        StatusCode = status,
        ContentType = JsonContentType,
        Content = JsonSerializer.Serialize(body, body.GetType(), WebJson.Options),
    };

    /// <summary>A problem document; <paramref name="parameter"/> names the request part that is wrong.</summary>
    public static ContentResult Problem(int status, string title, string detail, string? parameter = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = string.Create(CultureInfo.InvariantCulture, $"https://www.rfc-editor.org/rfc/rfc9110#status.{status}"),
            Title = title,
            Status = status,
            Detail = detail,
        };
        if (parameter is not null)
        {
            problem.Extensions["parameter"] = parameter;
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return new ContentResult
        {
            StatusCode = status,
            ContentType = ProblemContentType,
            Content = JsonSerializer.Serialize(problem, WebJson.Options),
        };
    }

    public static ContentResult BadOption(OptionError error) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid query option", error.Message, error.Parameter,
            new Dictionary<string, object?> { ["value"] = error.Value });

    /// <summary>
    /// Runs a function body behind the access check and maps what escapes it. The function declares what it needs in
    /// <paramref name="need"/>; the body runs only for a caller <see cref="ApiAccess"/> lets through, and gets who
    /// that is (and the route's regency, resolved). Kestrel's own request errors keep their status, a cancelled request
    /// is not an error, anything else is logged with the invocation id and answered with a bare 500. Every error answer
    /// carries the invocation id as <c>correlationId</c>.
    /// </summary>
    public static async Task<IActionResult> GuardAsync(HttpRequest request, FunctionContext context, ILogger logger, Need need, Func<Access, CancellationToken, Task<IActionResult>> handle)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        try
        {
            var (access, refusal) = await ApiAccess.CheckAsync(request, context, logger, need, cancellationToken);
            return WithCorrelation(access is null ? refusal! : await handle(access, cancellationToken), context.InvocationId);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's limits and unreadable request bodies; the message is Kestrel's own and safe to show.
            logger.LogInformation("Invocation {InvocationId}: bad request body ({Status}): {Reason}", context.InvocationId, e.StatusCode, e.Message);
            return WithCorrelation(Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Upload too large" : "Bad request", e.Message, "body"), context.InvocationId);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation, or a reset connection while reading the body: nobody is waiting for the answer.
            logger.LogInformation(e, "Invocation {InvocationId} stopped: the client went away", context.InvocationId);
            return new StatusCodeResult(ClientClosedRequest);
        }
        catch (Azure.RequestFailedException e) when (Readiness.Storage.StorageErrors.IsPermanent(e))
        {
            // Not transient (auth, missing table): say plainly in the log what an operator must fix; the caller gets the id.
            logger.LogError(e, "Invocation {InvocationId} of {Function} failed: {Explanation}", context.InvocationId, context.FunctionDefinition?.Name, Readiness.Storage.StorageErrors.Explain(e));
            return InternalError(context.InvocationId);
        }
        catch (Exception e)
        {
            // The last line of defence: whatever failed, the caller gets JSON and a correlation id, never the exception.
            logger.LogError(e, "Invocation {InvocationId} of {Function} failed", context.InvocationId, context.FunctionDefinition?.Name);
            return InternalError(context.InvocationId);
        }
    }

    /// <summary>
    /// Adds <c>correlationId</c> to the JSON object of an error answer that lacks one, so every non-2xx body (problem
    /// documents, and the upload summaries of 413/415/422) can be matched with the logs.
    /// </summary>
    public static IActionResult WithCorrelation(IActionResult result, string correlationId)
    {
        if (result is not ContentResult { StatusCode: >= 400, Content: { } content } answer
            || answer.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return result;
        }

        if (JsonNode.Parse(content) is not JsonObject body || body.ContainsKey(CorrelationIdProperty))
        {
            return result;
        }

        body[CorrelationIdProperty] = correlationId;
        answer.Content = body.ToJsonString(WebJson.Options);
        return answer;
    }

    /// <summary>The 500 answer: no detail of the failure, only what lets an operator find it in the logs.</summary>
    public static ContentResult InternalError(string correlationId, string? uploadId = null)
    {
        var extensions = new Dictionary<string, object?> { [CorrelationIdProperty] = correlationId };
        if (uploadId is not null)
        {
            extensions["uploadId"] = uploadId;
        }

        return Problem(StatusCodes.Status500InternalServerError, "Internal error",
            "Something went wrong on our side. Try again later, and quote the correlation id if you report it.",
            extensions: extensions);
    }
}
