using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness uploads --regency CODE</c>: a regency's recent uploads with their status (<see cref="ImportService.ListAsync"/>);
/// <c>readiness uploads replay</c>: puts a failed or stuck upload back on the queue (<see cref="ImportService.ReplayAsync"/>);
/// <c>readiness uploads recover</c>: one pass of the recovery timer (<see cref="ImportService.RecoverAsync"/>), then the
/// queue processed here, as <c>inbox run</c> does for the inbox timer.
/// </summary>
internal static class UploadCommands
{
    public const int DefaultTop = 20;

    public static Command Create()
    {
        var regency = UploadRegency();
        var top = new Option<int>("--top")
        {
            Description = "How many of the most recent uploads to list.",
            HelpName = "N",
            DefaultValueFactory = _ => DefaultTop,
            CustomParser = result => result.Tokens.Count == 0 ? DefaultTop : CommonOptions.ParseInt(result, "--top", 1, 1000),
        };
        var json = CommonOptions.Json("Print the uploads as a JSON array (the upload records GET /api/regencies/{code}/uploads returns).");
        var command = new Command(
            "uploads",
            "List a regency's most recent uploads, newest first, with their status (Queued, Completed, Rejected, Failed, …), source, " +
            "file and counts. 'uploads replay' puts a failed upload back on the queue.");
        command.Options.Add(regency);
        command.Options.Add(top);
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.Subcommands.Add(Replay());
        command.Subcommands.Add(Recover());
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = await PartitionAsync(services, parseResult.GetRequiredValue(regency), cancellationToken);
            var uploads = await services.GetRequiredService<ImportService>().ListAsync(code, parseResult.GetValue(top), cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, uploads);
                return ExitCodes.Success;
            }

            var whose = code == ImportRequest.AllRegencies ? "multi-regency files" : $"regency {code}";
            if (uploads.Count == 0)
            {
                console.Out.WriteLine($"No uploads for {whose}.");
                return ExitCodes.Success;
            }

            console.Out.WriteLine(Invariant($"The {uploads.Count} most recent uploads for {whose}, newest first:"));
            var table = new TextTable(
                new("upload"), new("status"), new("source"), new("file"), new("received (UTC)"),
                TextColumn.Number("imported"), TextColumn.Number("updated"), TextColumn.Number("unchanged"), TextColumn.Number("rejected"), TextColumn.Number("errors"), new("note"));
            foreach (var upload in uploads)
            {
                table.Add(
                    upload.UploadId,
                    upload.DryRun ? $"{upload.Status} (dry run)" : upload.Status.ToString(),
                    upload.Source.Name(),
                    upload.FileName ?? "",
                    upload.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Invariant($"{upload.Imported}"),
                    Invariant($"{upload.Updated}"),
                    Invariant($"{upload.Unchanged}"),
                    Invariant($"{upload.Rejected}"),
                    Invariant($"{upload.Errors}"),
                    upload.Failure ?? "");
            }

            table.Write(console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Replay()
    {
        var regency = UploadRegency();
        var id = new Option<string>("--id") { Description = "The upload id (as 'readiness uploads' lists it).", HelpName = "ID", Required = true };
        var process = new Option<bool>("--process")
        {
            Description = "Also process the upload queue now, in this process (as 'inbox run' does), instead of leaving the upload to the functions app.",
        };
        var command = new Command(
            "replay",
            "Put a failed (or stuck) upload back on the upload-requests queue: its archived file is processed again, as if it had " +
            "just been uploaded. Completed, validated and rejected uploads are final and are not replayed (exit code 2).");
        command.Options.Add(regency);
        command.Options.Add(id);
        command.Options.Add(process);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = await PartitionAsync(services, parseResult.GetRequiredValue(regency), cancellationToken);
            var uploadId = parseResult.GetRequiredValue(id).Trim();
            var imports = services.GetRequiredService<ImportService>();
            var replayed = await imports.ReplayAsync(new UploadWork(code, uploadId), cancellationToken)
                ?? throw new CliException($"No upload '{uploadId}' is recorded for {code}. 'readiness uploads --regency {code}' lists them.");
            if (!ImportService.Requeued(replayed))
            {
                throw new CliException(replayed.BlobPath is null
                    ? $"Upload {uploadId} has no archived file to process again ({replayed.Status})."
                    : $"Upload {uploadId} is {replayed.Status}, which is final: only failed or unfinished uploads are replayed. Upload the file again to import it anew.");
            }

            console.Out.WriteLine($"Upload {uploadId} ({replayed.FileName ?? "no file name"}) is queued again for processing.");
            if (!parseResult.GetValue(process))
            {
                console.Out.WriteLine("The functions app's queue trigger processes it; run with --process to process it here now.");
                return ExitCodes.Success;
            }

            var rejected = 0;
            foreach (var result in await UploadQueueDrain.RunAsync(services, cancellationToken))
            {
                ReportPrinter.PrintImport(console.Out, result.Upload.FileName ?? result.Upload.UploadId, result);
                rejected += result.Outcome == ImportOutcome.Accepted ? 0 : 1;
            }

            return rejected == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command Recover()
    {
        var olderThan = new Option<int?>("--older-than")
        {
            Description = "Take over unfinished uploads whose record has not changed for this many seconds (their process has died). " +
                "Default: 600, the functions app's Readiness__RecoverAfterSeconds default; 0 takes over every unfinished upload, " +
                "so use it only when no other process is importing.",
            HelpName = "SECONDS",
            CustomParser = result => result.Tokens.Count == 0 ? null : CommonOptions.ParseInt(result, "--older-than", 0, int.MaxValue),
        };
        var command = new Command(
            "recover",
            "Do one pass of upload recovery, as the functions app's UploadRecovery timer does: every upload left unfinished (Received, " +
            "Queued, Validating, Writing) by a process that died is put back on the queue and finished from its archived file, or, when " +
            "its file was never archived, ends Failed saying to upload it again. Then process the upload queue here and print each " +
            "import. Exit code 1 when an upload ended rejected or failed.");
        command.Options.Add(olderThan);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var seconds = parseResult.GetValue(olderThan) ?? new ImportOptions().RecoverAfterSeconds;
            var pass = await services.GetRequiredService<ImportService>().RecoverAsync(TimeSpan.FromSeconds(seconds), cancellationToken);
            console.Out.WriteLine(Invariant(
                $"Recovery pass (unfinished for {seconds} s or more): {pass.Requeued} upload(s) queued again, {pass.Failed.Count} ended Failed, {pass.Active} still active (left alone)."));
            foreach (var upload in pass.Failed)
            {
                console.Out.WriteLine($"  {upload.UploadId} ({upload.RegencyCode}, {upload.FileName ?? "no file name"}): Failed. {upload.Failure}");
            }

            var failed = pass.Failed.Count;
            var results = await UploadQueueDrain.RunAsync(services, cancellationToken);
            foreach (var result in results)
            {
                console.Out.WriteLine();
                ReportPrinter.PrintImport(console.Out, result.Upload.FileName ?? result.Upload.UploadId, result);
                failed += result.Outcome == ImportOutcome.Accepted ? 0 : 1;
            }

            console.Out.WriteLine();
            console.Out.WriteLine(Invariant($"Processed {results.Count} queued upload(s)."));
            return failed == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static Option<string> UploadRegency() => CommonOptions.StoredRegency(
        "The regency the uploads were for: a Kemendagri code such as 13.07, or a name; 'all' for multi-regency files.");

    /// <summary>The uploads partition: the regency's code, or <c>all</c> for multi-regency files.</summary>
    private static async Task<string> PartitionAsync(IServiceProvider services, string text, CancellationToken cancellationToken) =>
        (await StoredReference.ResolveRegencyAsync(services, text, cancellationToken, allowAll: true))?.Code ?? ImportRequest.AllRegencies;
}
