using System.Net.Sockets;
using System.Text;

namespace Readiness.Http.Tests;

/// <summary>A response read off the socket: the status line's code, the headers (lower-case names) and the body.</summary>
internal sealed record WireResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// HTTP/1.1 written by hand over one TCP connection, for what HttpClient will not send: a body without
/// <c>Expect: 100-continue</c> whose <c>Content-Length</c> is over a limit, a length that lies, a second request on a
/// connection whose first body the server answered early.
/// </summary>
internal sealed class Wire(Uri baseAddress) : IAsyncDisposable
{
    private readonly TcpClient _client = new() { NoDelay = true };
    private Stream? _stream;
    private readonly List<byte> _pending = [];

    public async Task<Stream> ConnectAsync()
    {
        if (_stream is null)
        {
            await _client.ConnectAsync(baseAddress.Host, baseAddress.Port);
            _stream = _client.GetStream();
        }

        return _stream;
    }

    /// <summary>Sends the request head (Host added) and <paramref name="body"/>, in pieces, as a browser streams a file.</summary>
    public async Task SendAsync(string method, string path, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        var stream = await ConnectAsync();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        for (var offset = 0; offset < body.Length; offset += 64 * 1024)
        {
            await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
        }

        await stream.FlushAsync();
    }

    /// <summary>Stops sending (TCP half-close): the server sees the end of the request stream.</summary>
    public void EndSending() => _client.Client.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response (a Content-Length body, or chunked).</summary>
    public async Task<WireResponse> ReadResponseAsync()
    {
        var stream = await ConnectAsync();
        var headerText = Encoding.ASCII.GetString(await ReadUntilAsync(stream, "\r\n\r\n"u8.ToArray()));
        var lines = headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        byte[] body;
        if (headers.TryGetValue("content-length", out var length))
        {
            body = await ReadExactlyAsync(stream, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var all = new List<byte>();
            while (true)
            {
                var size = Convert.ToInt32(Encoding.ASCII.GetString(await ReadUntilAsync(stream, "\r\n"u8.ToArray())).Trim(), 16);
                var chunk = await ReadExactlyAsync(stream, size + 2);
                if (size == 0)
                {
                    break;
                }

                all.AddRange(chunk.AsSpan(0, size));
            }

            body = [.. all];
        }
        else
        {
            body = [];
        }

        return new WireResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client.Dispose();
    }

    private async Task<byte[]> ReadUntilAsync(Stream stream, byte[] terminator)
    {
        while (true)
        {
            var at = IndexOf(_pending, terminator);
            if (at >= 0)
            {
                var found = _pending.GetRange(0, at).ToArray();
                _pending.RemoveRange(0, at + terminator.Length);
                return found;
            }

            await FillAsync(stream);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        while (_pending.Count < count)
        {
            await FillAsync(stream);
        }

        var bytes = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return bytes;
    }

    private async Task FillAsync(Stream stream)
    {
        var buffer = new byte[16 * 1024];
        var read = await stream.ReadAsync(buffer);
        if (read == 0)
        {
            throw new EndOfStreamException("The server closed the connection before the response was complete.");
        }

        _pending.AddRange(buffer.AsSpan(0, read));
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
