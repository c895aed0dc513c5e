using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

/// <summary>What one pass over the inbox did.</summary>
public sealed record InboxRun(int Queued, int Waiting, int AlreadyQueued, int Refused);

/// <summary>
/// Scheduled ingestion for regencies that cannot call the API: files dropped into <c>inbox/{regency}/…csv</c> are
/// each queued once, processed in the background, and moved to <c>processed/</c> or <c>failed/</c> with their report.
/// A file modified within the settle time is probably still being written and waits for the next pass.
/// </summary>
public sealed class InboxService(IInboxStore inbox, ImportService imports, RegencyLookupService regencies, IOptions<ImportOptions> options, TimeProvider clock, ILogger<InboxService> logger)
{
    public async Task<InboxRun> RunAsync(CancellationToken cancellationToken)
    {
        int queued = 0, waiting = 0, already = 0, refused = 0;
        var now = clock.GetUtcNow();
        foreach (var file in await inbox.ListAsync(cancellationToken))
        {
            if (file.UploadId is not null)
            {
                already++;
                continue;
            }

            if (now - file.LastModified < TimeSpan.FromSeconds(options.Value.InboxSettleSeconds))
            {
                waiting++;
                continue;
            }

            // Folders are Kemendagri codes only: a BPS reading of the same digits would be a guess.
            var regency = await regencies.FindAsync(file.RegencyFolder, RegencyScheme.Kemendagri, cancellationToken);
            if (!regency.Ok)
            {
                await RefuseAsync(file, regency.Error, cancellationToken);
                refused++;
                continue;
            }

            var uploadId = ImportService.NewUploadId(now);
            if (!await inbox.ClaimAsync(file.Path, uploadId, cancellationToken))
            {
                already++;
                continue;
            }

            try
            {
                await using var content = await inbox.OpenReadAsync(file.Path, cancellationToken);
                var request = new ImportRequest
                {
                    Regency = regency.Value,
                    UploadId = uploadId,
                    FileName = file.Name,
                    Source = UploadSource.Inbox,
                    SourcePath = file.Path,
                    Async = true,
                };
                await imports.ImportAsync(request, content, cancellationToken);
                queued++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Inbox file {Path} could not be queued; it stays in the inbox for the next run", file.Path);
                await inbox.ReleaseAsync(file.Path, cancellationToken);
            }
        }

        logger.LogInformation("Inbox pass: {Queued} queued, {Waiting} still being written, {Already} already queued, {Refused} refused", queued, waiting, already, refused);
        return new InboxRun(queued, waiting, already, refused);
    }

    private Task RefuseAsync(InboxFile file, RegencyLookupError error, CancellationToken cancellationToken)
    {
        var report = new ValidationReport();
        report.AddError(new ValidationIssue
        {
            Code = ErrorCodes.UnknownRegency,
            Message = $"Inbox files go into a folder named after the regency's Kemendagri code, such as inbox/13.07/{file.Name}; the folder {error.Message}",
            MessageId = "Folder harus bernama kode wilayah Kemendagri.",
            Value = file.RegencyFolder,
        });
        logger.LogWarning("Inbox file {Path} is not in a regency folder: moved to failed", file.Path);
        return inbox.CompleteAsync(file.Path, succeeded: false, report.ToJson(), cancellationToken);
    }
}
