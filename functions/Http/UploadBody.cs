using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Readiness.Core;
using Readiness.Core.Validation;

namespace Readiness.Functions.Http;

/// <summary>
/// The file (CSV or workbook) of an upload request: the raw body (<c>text/csv</c> and friends), or the one file of a
/// <c>multipart/form-data</c> form. Refuses what cannot be a CSV upload before anything is stored: no body or a form
/// without exactly one file (400), a declared length above the limit (413), a media type that is not text (415).
/// A raw body is handed on as the request stream, so the import enforces the size limit while streaming it; a form's
/// file has to be read to its end before we know it is the only one, so it is spooled (to a temp file above
/// <see cref="MemoryThreshold"/>), counting against the same limit as it arrives.
/// </summary>
public sealed class UploadBody : IAsyncDisposable
{
    /// <summary>Room for the multipart envelope (boundaries, part headers, small form fields) on top of the file.</summary>
    public const long MultipartAllowance = 64 * 1024;

    private const int MemoryThreshold = 256 * 1024;

    /// <summary>Media types a CSV arrives with besides <c>text/*</c>: Excel on Windows labels CSV
    /// <c>application/vnd.ms-excel</c>, and generic clients send <c>application/octet-stream</c>. The content
    /// sniffer decides whether such a body really is CSV text.</summary>
    private static readonly HashSet<string> CsvMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/csv",
        "application/x-csv",
        "application/vnd.ms-excel",
        "application/octet-stream",
        // Workbooks (issue 13): the reader tells them apart by their bytes, whatever the label says.
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel.sheet.macroEnabled.12",
        "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/zip",
        "application/x-zip-compressed",
    };

    private readonly bool _owned;

    private UploadBody(Stream content, string? fileName, bool owned)
    {
        Content = content;
        FileName = fileName;
        _owned = owned;
    }

    public Stream Content { get; }

    public string? FileName { get; }

    /// <summary>The request body limit the web server needs so that our own limit answers first (with JSON).</summary>
    public static long RequestLimit(long maxUploadBytes) => maxUploadBytes + MultipartAllowance;

    /// <returns>The CSV, or why the request is refused.</returns>
    public static async Task<Result<UploadBody, ApiProblem>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return new ApiProblem(StatusCodes.Status400BadRequest, "Missing body",
                "The request has no body. Send the CSV file as the body (Content-Type: text/csv) or as the one file of a multipart/form-data form.", "body");
        }

        MediaTypeHeaderValue? mediaType = null;
        if (!string.IsNullOrWhiteSpace(request.ContentType) && !MediaTypeHeaderValue.TryParse(request.ContentType, out mediaType))
        {
            return Unsupported(request.ContentType, "Content-Type");
        }

        if (mediaType is not null && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return request.ContentLength > RequestLimit(maxBytes)
                ? TooLarge(maxBytes)
                : await ReadFormAsync(request, mediaType, maxBytes, cancellationToken);
        }

        if (!IsCsv(mediaType))
        {
            return Unsupported(request.ContentType, "Content-Type");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var fileName = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
            ? FileNameOf(disposition)
            : null;
        return new UploadBody(request.Body, fileName, owned: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            await Content.DisposeAsync();
        }
    }

    private static async Task<Result<UploadBody, ApiProblem>> ReadFormAsync(HttpRequest request, MediaTypeHeaderValue mediaType, long maxBytes, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
        {
            return new ApiProblem(StatusCodes.Status400BadRequest, "Bad request",
                "The multipart/form-data Content-Type has no valid boundary.", "Content-Type");
        }

        var reader = new MultipartReader(boundary, request.Body);
        Stream? file = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (disposition is null || !disposition.IsFileDisposition())
                {
                    // Other form fields are not used; they are small or the form is not one we accept.
                    await section.Body.DrainAsync(MultipartAllowance, cancellationToken);
                    continue;
                }

                if (file is not null)
                {
                    await file.DisposeAsync();
                    return new ApiProblem(StatusCodes.Status400BadRequest, "More than one file",
                        "The form carries more than one file. Upload one CSV file per request.", "file");
                }

                var partType = section.ContentType;
                if (!string.IsNullOrWhiteSpace(partType) && (!MediaTypeHeaderValue.TryParse(partType, out var partMediaType) || !IsCsv(partMediaType)))
                {
                    return Unsupported(partType, "file");
                }

                fileName = FileNameOf(disposition);
                file = await SpoolAsync(section.Body, maxBytes, cancellationToken);
                if (file is null)
                {
                    return TooLarge(maxBytes);
                }
            }
        }
        // A truncated or malformed form is the client's fault. Kestrel's own errors (BadHttpRequestException, an
        // IOException too) keep their status, and a client that went away is not answered.
        catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException) && !cancellationToken.IsCancellationRequested)
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }

            return new ApiProblem(StatusCodes.Status400BadRequest, "Malformed form",
                "The multipart/form-data body could not be read (" + e.Message + "). Send the CSV as one file field, for example curl -F file=@data.csv.", "body");
        }

        return file is null
            ? new ApiProblem(StatusCodes.Status400BadRequest, "No file",
                "The form has no file. Send the CSV as a file field, for example curl -F file=@data.csv.", "file")
            : new UploadBody(file, fileName, owned: true);
    }

    /// <summary>Reads <paramref name="source"/> to its end into a rewindable buffer; null once more than
    /// <paramref name="maxBytes"/> arrive (the rest is not read).</summary>
    private static async Task<Stream?> SpoolAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var spool = new FileBufferingReadStream(source, MemoryThreshold, bufferLimit: null, Path.GetTempPath);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await spool.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    await spool.DisposeAsync();
                    return null;
                }
            }

            spool.Seek(0, SeekOrigin.Begin);
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>No declared type, any <c>text/*</c>, or one of the types Excel and generic clients use for CSV.</summary>
    private static bool IsCsv(MediaTypeHeaderValue? mediaType) =>
        mediaType is null
        || mediaType.Type.Equals("text", StringComparison.OrdinalIgnoreCase)
        || CsvMediaTypes.Contains(mediaType.MediaType.ToString());

    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName);
        return name.HasValue && name.Length > 0 ? name.Value : null;
    }

    private static ApiProblem TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "Upload too large",
            string.Create(CultureInfo.InvariantCulture, $"The file is larger than the limit of {maxBytes:N0} bytes. Split it (for example one file per year) and upload the parts."),
            "body",
            new Dictionary<string, object?> { ["code"] = ErrorCodes.FileTooLarge, ["maxBytes"] = maxBytes });

    private static ApiProblem Unsupported(string? contentType, string parameter) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Not a CSV upload",
            $"'{contentType}' is not a CSV or Excel upload. Send the file as text/csv, an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.ms-excel) or application/octet-stream, or as one file of a multipart/form-data form.",
            parameter,
            new Dictionary<string, object?> { ["code"] = ErrorCodes.NotCsv });
}
