using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core;

namespace Readiness.Functions.Http;

/// <summary>
/// Why a request is refused, as an RFC 9457 problem: what the function knows. The invocation's correlation id is
/// added when the answer is built (<see cref="ToResult"/>), so the body is serialized once.
/// </summary>
/// <param name="Parameter">The request part that is wrong (a query option, <c>body</c>, <c>code</c>…).</param>
/// <param name="Extensions">More members of the problem: the value, candidates, limits.</param>
public sealed record ApiProblem(int Status, string Title, string Detail, string? Parameter = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    /// <summary>A query option that could not be read, with the value it had.</summary>
    public static ApiProblem BadOption(OptionError error) =>
        new(StatusCodes.Status400BadRequest, "Invalid query option", error.Message, error.Parameter, new Dictionary<string, object?> { ["value"] = error.Value });

    /// <summary>The answer: <c>application/problem+json</c> carrying <paramref name="correlationId"/>.</summary>
    public ContentResult ToResult(string correlationId)
    {
        var problem = new ProblemDetails
        {
            Type = string.Create(CultureInfo.InvariantCulture, $"https://www.rfc-editor.org/rfc/rfc9110#status.{Status}"),
            Title = Title,
            Status = Status,
            Detail = Detail,
        };
        if (Parameter is not null)
        {
            problem.Extensions["parameter"] = Parameter;
        }

        foreach (var (key, value) in Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        problem.Extensions[ApiResults.CorrelationIdProperty] = correlationId;
        return new ContentResult
        {
            StatusCode = Status,
            ContentType = ApiResults.ProblemContentType,
            Content = JsonSerializer.Serialize(problem, WebJson.Options),
        };
    }
}
