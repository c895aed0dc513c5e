using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;

namespace Readiness.Functions.Http;

/// <summary>
/// How every HTTP function answers. Bodies are JSON written with the app's <see cref="WebJson"/> options. A request
/// refused before an upload exists gets an RFC 9457 problem (<see cref="ApiProblem"/>) naming the bad parameter; an
/// unexpected exception becomes a 500 problem that never carries a stack trace. Every error answer carries the
/// invocation id as <c>correlationId</c>, built into the body when it is made.
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

    /// <summary>
    /// Runs a function body behind the access check and maps what escapes it; plain code, so every host that calls
    /// the function runs it (no worker middleware). The function declares what it needs in <paramref name="need"/>;
    /// the body runs only for a caller <see cref="ApiAccess"/> lets through, and gets the <see cref="ApiCall"/> (who
    /// that is, the route's regency resolved, the correlation id). Kestrel's own request errors keep their status, a
    /// cancelled request is not an error, anything else is logged with the invocation id and answered with a bare 500.
    /// </summary>
    /// <remarks>Before answering, the rest of the request body is read and discarded (<see cref="DiscardRestOfBodyAsync"/>):
    /// an early answer must not leave a body unread for the Functions host's proxy (functions/Program.cs says why).</remarks>
    public static async Task<IActionResult> GuardAsync(HttpRequest request, FunctionContext context, ILogger logger, Need need, Func<ApiCall, CancellationToken, Task<IActionResult>> handle)
    {
        var result = await AnswerAsync(request, context, logger, need, handle);
        if (result is not StatusCodeResult { StatusCode: ClientClosedRequest })
        {
            await DiscardRestOfBodyAsync(request, context, logger);
        }

        return result;
    }

    /// <summary>Reads what is left of the request body, up to the Functions host's cap, and drops it. A body that
    /// cannot be read to its end (over the cap, cut short, too slow) is left to Kestrel, which closes the connection
    /// after the answer: nothing more can be done for it.</summary>
    private static async Task DiscardRestOfBodyAsync(HttpRequest request, FunctionContext context, ILogger logger)
    {
        var cap = context.InstanceServices?.GetService(typeof(RequestBodyLimits)) is RequestBodyLimits limits ? limits.DrainCap : FunctionsApp.DefaultHostBodyLimit;
        if (request.ContentLength is 0 || request.ContentLength > cap
            || request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long discarded = 0;
            int read;
            while (discarded <= cap && (read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            {
                discarded += read;
            }

            if (discarded > 0)
            {
                logger.LogDebug("Invocation {InvocationId}: {Bytes} unread request bytes discarded before answering", context.InvocationId, discarded);
            }
        }
        catch (Exception e)
        {
            // The answer is decided; a body that cannot be read does not change it.
            logger.LogDebug("Invocation {InvocationId}: the rest of the request body could not be read ({Reason})", context.InvocationId, e.Message);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IActionResult> AnswerAsync(HttpRequest request, FunctionContext context, ILogger logger, Need need, Func<ApiCall, CancellationToken, Task<IActionResult>> handle)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        try
        {
            var call = await ApiAccess.CheckAsync(request, context, logger, need, cancellationToken);
            return call.Ok ? await handle(call.Value, cancellationToken) : call.Error.ToResult(context.InvocationId);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's limits and unreadable request bodies; the message is Kestrel's own and safe to show.
            logger.LogInformation("Invocation {InvocationId}: bad request body ({Status}): {Reason}", context.InvocationId, e.StatusCode, e.Message);
            return new ApiProblem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Upload too large" : "Bad request", e.Message, "body")
                .ToResult(context.InvocationId);
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

    /// <summary>The 500 answer: no detail of the failure, only what lets an operator find it in the logs.</summary>
    public static ContentResult InternalError(string correlationId, string? uploadId = null) =>
        new ApiProblem(StatusCodes.Status500InternalServerError, "Internal error",
                "Something went wrong on our side. Try again later, and quote the correlation id if you report it.",
                Extensions: uploadId is null ? null : new Dictionary<string, object?> { ["uploadId"] = uploadId })
            .ToResult(correlationId);
}
