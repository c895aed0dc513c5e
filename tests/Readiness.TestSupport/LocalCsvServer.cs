using System.Net;
using System.Text;
using Readiness.Development;

namespace Readiness.TestSupport;

/// <summary>
/// A published-CSV server on 127.0.0.1 for the remote-source tests: each route answers its status, body and ETag,
/// and a request whose <c>If-None-Match</c> equals the route's ETag gets 304; unknown paths get 404. A route may
/// answer late (a portal that hangs). Requests are recorded with the validator they sent.
/// </summary>
public sealed class LocalCsvServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (int Status, string Body, string? ETag, TimeSpan Delay)> _routes = [];
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

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (a 200 as text/csv, or another status),
    /// <paramref name="delay"/> after the request arrived.</summary>
    public void Route(string path, int status, string body = "", string? etag = null, TimeSpan delay = default)
    {
        lock (_routes)
        {
            _routes["/" + path.TrimStart('/')] = (status, body, etag, delay);
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

            // Each request on its own, so a late answer holds up no other.
            _ = RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            var ifNoneMatch = context.Request.Headers["If-None-Match"];
            lock (_requests)
            {
                _requests.Add((path, ifNoneMatch));
            }

            (int Status, string Body, string? ETag, TimeSpan Delay) route;
            lock (_routes)
            {
                route = _routes.TryGetValue(path, out var found) ? found : (404, "", null, TimeSpan.Zero);
            }

            if (route.Delay > TimeSpan.Zero)
            {
                await Task.Delay(route.Delay);
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
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up, or the server was disposed, before the answer was written.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
