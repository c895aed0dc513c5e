using System.Net;
using System.Text;
using Readiness.Development;

namespace Readiness.TestSupport;

/// <summary>
/// A published-CSV server on 127.0.0.1 for the remote-source tests: each route answers its status, body and ETag,
/// and a request whose <c>If-None-Match</c> equals the route's ETag gets 304; unknown paths get 404. Requests are
/// recorded with the validator they sent.
/// </summary>
public sealed class LocalCsvServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, string Body, string? ETag)> _routes = [];
    private readonly List<(string Path, string? IfNoneMatch)> _requests = [];

    public LocalCsvServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            BaseUrl = $"http://127.0.0.1:{LocalPorts.Free()}/";
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl);
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                // Taken between finding it free and listening: try another port.
            }
        }

        _ = ServeAsync();
    }

    public string BaseUrl { get; private set; }

    public Uri Url(string path) => new(BaseUrl + path.TrimStart('/'));

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (a 200 as text/csv, or another status).</summary>
    public void Route(string path, int status, string body = "", string? etag = null)
    {
        lock (_routes)
        {
            _routes["/" + path.TrimStart('/')] = (status, body, etag);
        }
    }

    public IReadOnlyList<(string Path, string? IfNoneMatch)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var ifNoneMatch = context.Request.Headers["If-None-Match"];
            lock (_requests)
            {
                _requests.Add((path, ifNoneMatch));
            }

            (int Status, string Body, string? ETag) route;
            lock (_routes)
            {
                route = _routes.TryGetValue(path, out var found) ? found : (404, "", null);
            }

            var status = route.ETag is not null && ifNoneMatch == route.ETag ? 304 : route.Status;
            context.Response.StatusCode = status;
            if (route.ETag is not null)
            {
                context.Response.Headers["ETag"] = route.ETag;
            }

            if (status == 200)
            {
                context.Response.ContentType = "text/csv";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(route.Body));
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
