using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Readiness.Functions.Tests.Http;

/// <summary>Requests as the ASP.NET Core integration hands them to a function: a <see cref="DefaultHttpContext"/>.</summary>
internal static class Requests
{
    /// <summary>A raw body. <paramref name="declareLength"/> false is a chunked upload: no Content-Length.</summary>
    public static HttpRequest Body(byte[] body, string? contentType = "text/csv", string query = "", bool declareLength = true)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = declareLength ? body.Length : null;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    public static HttpRequest Csv(string csv, string? contentType = "text/csv", string query = "") =>
        Body(Encoding.UTF8.GetBytes(csv), contentType, query);

    /// <summary>A <c>multipart/form-data</c> form, built the way browsers and curl -F build it.</summary>
    public static HttpRequest Form(params FormPart[] parts)
    {
        using var form = new MultipartFormDataContent();
        foreach (var part in parts)
        {
            var content = new ByteArrayContent(part.Content);
            if (part.ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(part.ContentType);
            }

            if (part.FileName is null)
            {
                form.Add(content, part.Name);
            }
            else
            {
                form.Add(content, part.Name, part.FileName);
            }
        }

        var body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return Body(body, form.Headers.ContentType!.ToString());
    }

    /// <summary>A request of any method with an optional text body.</summary>
    public static HttpRequest Send(string method, string query = "", string? body = null, string? contentType = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(query);
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = contentType;
        return context.Request;
    }

    /// <summary>Adds <c>Authorization: Bearer {key}</c>.</summary>
    public static HttpRequest WithBearer(this HttpRequest request, string key)
    {
        request.Headers.Authorization = "Bearer " + key;
        return request;
    }

    /// <summary>Adds <c>X-Api-Key: {key}</c>.</summary>
    public static HttpRequest WithApiKey(this HttpRequest request, string key)
    {
        request.Headers["X-Api-Key"] = key;
        return request;
    }

    public static HttpRequest Get(string query = "", string? accept = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.QueryString = new QueryString(query);
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        return context.Request;
    }
}

internal sealed record FormPart(string Name, string? FileName, string? ContentType, byte[] Content)
{
    public static FormPart File(string csv, string fileName = "data.csv", string contentType = "text/csv") =>
        new("file", fileName, contentType, Encoding.UTF8.GetBytes(csv));

    public static FormPart Field(string name, string value) => new(name, null, null, Encoding.UTF8.GetBytes(value));
}

/// <summary>A CSV answer: status, media type, the <c>Content-Disposition</c> the function set, and the text.</summary>
internal sealed record CsvResponse(int Status, string ContentType, string? Disposition, string Text)
{
    public static CsvResponse Of(IActionResult result, HttpRequest request)
    {
        var content = Assert.IsType<ContentResult>(result);
        Assert.NotNull(content.StatusCode);
        Assert.NotNull(content.ContentType);
        Assert.NotNull(content.Content);
        return new CsvResponse(content.StatusCode.Value, content.ContentType, request.HttpContext.Response.Headers.ContentDisposition.ToString(), content.Content);
    }

    /// <summary>The lines of the text, without the byte order mark and the final newline.</summary>
    public string[] Lines => Text.TrimStart('\uFEFF').TrimEnd('\n').Split('\n');
}

/// <summary>What a function answered: status, media type and the parsed JSON body.</summary>
internal sealed record Response(int Status, string ContentType, JsonElement Json)
{
    public static Response Of(IActionResult result)
    {
        var content = Assert.IsType<ContentResult>(result);
        Assert.NotNull(content.StatusCode);
        Assert.NotNull(content.ContentType);
        Assert.DoesNotContain("   at ", content.Content, StringComparison.Ordinal); // never a stack trace
        using var document = JsonDocument.Parse(content.Content!);
        return new Response(content.StatusCode.Value, content.ContentType, document.RootElement.Clone());
    }

    public bool IsProblem => ContentType.StartsWith("application/problem+json", StringComparison.Ordinal);

    public JsonElement Upload => Json.GetProperty("upload");

    public JsonElement Report => Json.GetProperty("report");

    public string UploadId => Upload.GetProperty("uploadId").GetString()!;

    public IReadOnlyList<string> ErrorCodes => [.. Report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).Distinct()];

    public string? Parameter => Json.TryGetProperty("parameter", out var p) ? p.GetString() : null;
}
