using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Cli.Commands;

/// <summary><c>readiness ingest FILE…</c>: the HTTP upload's import (same <see cref="ImportService"/>) from the shell.</summary>
internal static class IngestCommand
{
    /// <summary>Who the history says sent a CLI upload: the operator's account on this machine.</summary>
    public static string CliKeyId => $"cli:{Environment.UserName}";

    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "One or more CSV files, imported one after the other.", Arity = ArgumentArity.OneOrMore };
        files.AcceptExistingOnly();
        var regency = CommonOptions.Regency();
        var mode = new Option<string>("--mode")
        {
            Description = "atomic (default): an invalid file stores nothing. partial: store the valid rows and report the rest.",
            HelpName = "atomic|partial",
            DefaultValueFactory = _ => "atomic",
        };
        mode.AcceptOnlyFromAmong("atomic", "partial");
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate and report what would change, without storing observations." };
        var locale = CommonOptions.Locale();
        var lang = ReportLanguages.Option();
        var scheme = CommonOptions.Scheme();
        var registry = CommonOptions.Registry(
            "Validate against this registry CSV and also import it into the regencies table. Default: the registry already in the regencies table.");

        var command = new Command(
            "ingest",
            "Import CSV files into storage through the same service as the HTTP upload (raw file archived, validated, changed values " +
            "written, upload and report recorded). Prints each file's import summary with the text of its errors and warnings; " +
            "exit code 1 if any file was rejected.");
        command.Arguments.Add(files);
        command.Options.Add(regency);
        command.Options.Add(mode);
        command.Options.Add(dryRun);
        command.Options.Add(locale);
        command.Options.Add(scheme);
        command.Options.Add(registry);
        command.Options.Add(lang);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var importMode = CommonOptions.ParseMode(parseResult.GetValue(mode));
            var registryFile = parseResult.GetValue(registry);
            var fileRegistry = registryFile is null ? null : LocalReference.ReadRegistry(registryFile);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            if (fileRegistry is not null)
            {
                var count = await services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(fileRegistry, cancellationToken);
                console.Error.WriteLine($"Imported {count} regencies from {registryFile!.Name} into the regencies table.");
            }

            var import = services.GetRequiredService<ImportService>();
            var data = await services.GetRequiredService<IReferenceData>().GetAsync(cancellationToken);
            if (data.Registry.Regencies.Count == 0)
            {
                console.Error.WriteLine("warning: the regencies table is empty, so no regency will be recognised. Run 'readiness registry import FILE' or pass --registry FILE.");
            }

            var selectedScheme = parseResult.GetValue(scheme);
            var uploadRegency = parseResult.GetValue(regency) is { } text
                ? LocalReference.Usable(await services.GetRequiredService<RegencyLookupService>().FindAsync(text, selectedScheme, cancellationToken))
                : null;

            var inputs = parseResult.GetRequiredValue(files);
            var language = parseResult.GetValue(lang);
            var rejected = 0;
            for (var i = 0; i < inputs.Length; i++)
            {
                var file = inputs[i];
                console.Error.WriteLine(language == ReportLanguage.English
                    ? Invariant($"[{i + 1}/{inputs.Length}] ingesting {TerminalText.Safe(file.Name)} ({file.Length:N0} bytes)…")
                    : Invariant($"[{i + 1}/{inputs.Length}] mengimpor {TerminalText.Safe(file.Name)} ({file.Length:N0} byte)…"));
                ImportResult result;
                await using (var stream = CommonOptions.OpenRead(file))
                {
                    result = await import.ImportAsync(
                        new ImportRequest
                        {
                            Regency = uploadRegency,
                            Mode = importMode,
                            DryRun = parseResult.GetValue(dryRun),
                            Locale = parseResult.GetValue(locale),
                            Scheme = selectedScheme,
                            FileName = file.Name,
                            Source = UploadSource.Cli,
                            KeyId = CliKeyId,
                        },
                        stream,
                        cancellationToken);
                }

                ReportPrinter.PrintImport(console.Out, file.Name, result, language: language);
                if (result.Outcome != ImportOutcome.Accepted)
                {
                    rejected++;
                }
            }

            if (inputs.Length > 1)
            {
                console.Out.WriteLine(language.Pick($"{inputs.Length - rejected} of {inputs.Length} files imported.", $"{inputs.Length - rejected} dari {inputs.Length} berkas diimpor."));
            }

            return rejected == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }
}
