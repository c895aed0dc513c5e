using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Readiness.DevHost;

/// <summary>
/// One endpoint per HTTP function, on its route template and methods (ASP.NET Core routing: case-insensitive, a
/// trailing slash tolerated). A request runs in the request's own DI scope, gets a fresh <see cref="LocalFunctionContext"/>,
/// and the function's <see cref="IActionResult"/> is executed as the worker's ASP.NET Core integration does. A path
/// no function serves, or a method it does not take, is 404 (the Functions host does not answer 405); an exception
/// that escapes a function is a bare 500, as the host answers it.
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>Marks the endpoints of functions, so that routing's own answers (its 405) can be told apart.</summary>
    public sealed record FunctionEndpoint(HttpFunction Function);

    public static void Map(WebApplication app, FunctionCatalog catalog)
    {
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<FunctionEndpoint>() is null)
            {
                // Routing's "405 Method Not Allowed" endpoint: the host answers 404 for a method a function does not take.
                context.SetEndpoint(null);
            }

            return next(context);
        });

        foreach (var function in catalog.Http)
        {
            var builder = function.Methods.Count == 0
                ? app.Map(function.RouteTemplate, context => InvokeAsync(context, function))
                : app.MapMethods(function.RouteTemplate, function.Methods, context => InvokeAsync(context, function));
            builder.WithDisplayName(function.Name).WithMetadata(new FunctionEndpoint(function));
        }
    }

    private static async Task InvokeAsync(HttpContext http, HttpFunction function)
    {
        var routeValues = http.Request.RouteValues;
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in routeValues)
        {
            bindingData[key] = value;
        }

        var context = new LocalFunctionContext(function, http.RequestServices, bindingData, http.RequestAborted);
        context.Items[LocalFunctionContext.HttpContextItem] = http;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Readiness.DevHost." + function.Name);
        try
        {
            var returned = await FunctionInvoker.InvokeAsync(function, context, parameter =>
                parameter.ParameterType == typeof(HttpRequest) ? http.Request
                : parameter.Name is { } name && routeValues.TryGetValue(name, out var value) ? FunctionInvoker.Convert(value, parameter.ParameterType)
                : FunctionInvoker.Unbound);
            var result = returned switch
            {
                IActionResult actionResult => actionResult,
                null => new OkResult(),
                _ => new ObjectResult(returned),
            };
            await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            logger.LogError(e, "Invocation {InvocationId} of {Function} failed", context.InvocationId, function.Name);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
