using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Ingestion;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness inbox run</c>: one pass of the inbox timer (<see cref="InboxService.RunAsync"/>), then the queued files
/// processed here, so the pass ends with every settled file imported and moved to <c>processed/</c> or <c>failed/</c>.
/// </summary>
internal static class InboxCommand
{
    public static Command Create()
    {
        var settle = new Option<int?>("--settle-seconds")
        {
            Description = "Files modified more recently than this are still being written and wait for the next pass. " +
                "Default: 120, the functions app's Readiness__InboxSettleSeconds default.",
            HelpName = "S",
            CustomParser = result => result.Tokens.Count == 0 ? null : CommonOptions.ParseInt(result, "--settle-seconds", 0, int.MaxValue),
        };
        var run = new Command(
            "run",
            "Do one pass over the inbox container, as the functions app's timer does: each inbox/{regency}/….csv that has settled is " +
            "queued once as an upload for that regency (a file outside a regency folder is moved to failed/). Then process the " +
            "upload queue here and print each import: every file ends in processed/ or failed/ with its report beside it. " +
            "Exit code 1 when a file was rejected or refused.");
        run.Options.Add(settle);
        var storage = StorageOptions.AddTo(run);
        run.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var settleSeconds = parseResult.GetValue(settle);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken, configure: collection => collection.Configure<ImportOptions>(import =>
            {
                if (settleSeconds is { } seconds)
                {
                    import.InboxSettleSeconds = seconds;
                }
            }));
            var pass = await services.GetRequiredService<InboxService>().RunAsync(cancellationToken);
            console.Out.WriteLine(Invariant(
                $"Inbox pass: {pass.Queued} file(s) queued, {pass.Waiting} still being written (wait for the next pass), {pass.AlreadyQueued} already queued, {pass.Refused} refused (not in a regency folder: moved to failed/)."));

            var results = await UploadQueueDrain.RunAsync(services, cancellationToken);
            var rejected = 0;
            foreach (var result in results)
            {
                console.Out.WriteLine();
                ReportPrinter.PrintImport(console.Out, result.Upload.SourcePath ?? result.Upload.FileName ?? result.Upload.UploadId, result);
                rejected += result.Outcome == ImportOutcome.Accepted ? 0 : 1;
            }

            console.Out.WriteLine();
            console.Out.WriteLine(Invariant($"Processed {results.Count} queued upload(s): {results.Count - rejected} stored, {rejected} rejected or failed."));
            return rejected == 0 && pass.Refused == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });

        return new Command("inbox", "Files regencies drop into the inbox blob container (inbox/{regency code}/{name}.csv).") { run };
    }
}
