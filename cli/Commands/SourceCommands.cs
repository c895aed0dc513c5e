using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Sources;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness sources run|add|list|remove</c>: the published CSVs of the <c>sources</c> table, fetched on a
/// schedule by the functions app (<see cref="SourceService"/>) and kept in <see cref="ISourceStore"/>.
/// </summary>
internal static class SourceCommands
{
    public static Command Create() => new(
        "sources",
        "Published CSV files (open-data portals) that are fetched on a schedule, one row per regency and source id in the sources table. " +
        "Only https URLs are fetched, unless --allow-http (the functions app's Readiness__AllowHttpSources).")
    {
        Run(), Add(), List(), Remove(),
    };

    private static Command Run()
    {
        var allowHttp = AllowHttp();
        var command = new Command(
            "run",
            "Do one pass over the sources, as the functions app's timer does: fetch each enabled source with If-None-Match and " +
            "If-Modified-Since, skip unchanged content, import new content like an upload for the source's regency, and record the " +
            "outcome on the source's row. Prints the pass and every source's status. Exit code 1 when a source failed or its file was rejected.");
        command.Options.Add(allowHttp);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken, configure: AllowingHttp(parseResult.GetValue(allowHttp)));
            var pass = await services.GetRequiredService<SourceService>().RunAsync(cancellationToken);
            console.Out.WriteLine(Invariant($"Sources pass: {pass.Imported} imported, {pass.Unchanged} unchanged, {pass.Failed} failed or rejected, {pass.Skipped} disabled."));
            var sources = await services.GetRequiredService<ISourceStore>().ListAsync(cancellationToken);
            if (sources.Count > 0)
            {
                PrintSources(console.Out, sources);
            }

            return pass.Failed == 0 ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }

    private static Command Add()
    {
        var regency = CommonOptions.StoredRegency("The regency the file is for: a Kemendagri code such as 13.07, or a name.");
        var id = new Option<string>("--id")
        {
            Description = "A short name for the source, unique per regency (1–64 letters, digits, '-' or '_'), such as portal.",
            HelpName = "ID",
            Required = true,
        };
        var url = new Option<string>("--url") { Description = "The https URL of the published CSV.", HelpName = "URL", Required = true };
        var mode = new Option<string>("--mode")
        {
            Description = "atomic (default): an invalid file stores nothing. partial: store the valid rows and report the rest.",
            HelpName = "atomic|partial",
            DefaultValueFactory = _ => "atomic",
        };
        mode.AcceptOnlyFromAmong("atomic", "partial");
        var locale = CommonOptions.Locale();
        var scheme = CommonOptions.Scheme();
        var allowHttp = AllowHttp();
        var command = new Command(
            "add",
            "Add a source, or replace the one with the same regency and id (its remembered ETag is then forgotten, so the next pass " +
            "fetches it in full). The regency must be in the registry and the URL must be https (http only with --allow-http). " +
            "Nothing is fetched now: 'sources run' or the functions app's timer does.");
        command.Options.Add(regency);
        command.Options.Add(id);
        command.Options.Add(url);
        command.Options.Add(mode);
        command.Options.Add(locale);
        command.Options.Add(scheme);
        command.Options.Add(allowHttp);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var text = parseResult.GetRequiredValue(url).Trim();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var address))
            {
                throw new CliException($"--url '{text}' is not an absolute URL, such as https://data.example.go.id/smart-city.csv.");
            }

            var importMode = CommonOptions.ParseMode(parseResult.GetValue(mode));
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken, configure: AllowingHttp(parseResult.GetValue(allowHttp)));
            var found = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetRequiredValue(regency), cancellationToken))!;
            var source = new Source(
                found.Code,
                parseResult.GetRequiredValue(id).Trim(),
                address,
                importMode,
                parseResult.GetValue(locale),
                parseResult.GetValue(scheme));
            if (await services.GetRequiredService<SourceService>().CheckAsync(source, cancellationToken) is { } problem)
            {
                throw new CliException($"The source was not saved: {problem}");
            }

            var store = services.GetRequiredService<ISourceStore>();
            var replaced = (await store.ListAsync(cancellationToken)).Any(s => s.RegencyCode == source.RegencyCode && s.Id == source.Id);
            await store.SaveAsync(source, cancellationToken);
            console.Out.WriteLine($"{(replaced ? "Replaced" : "Added")} source {source.RegencyCode}/{source.Id} for {found}: {source.Url} ({parseResult.GetValue(mode)}).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the sources with the outcome of their last fetch (status, when, consecutive failures, last error).");
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var sources = await services.GetRequiredService<ISourceStore>().ListAsync(cancellationToken);
            if (sources.Count == 0)
            {
                console.Out.WriteLine("No sources. 'readiness sources add --regency CODE --id ID --url URL' adds one.");
                return ExitCodes.Success;
            }

            PrintSources(console.Out, sources);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var regency = CommonOptions.StoredRegency("The regency of the source: a Kemendagri code such as 13.07, or a name.");
        var id = new Option<string>("--id") { Description = "The source id.", HelpName = "ID", Required = true };
        var command = new Command("remove", "Remove a source: it is no longer fetched. What it imported stays stored.");
        command.Options.Add(regency);
        command.Options.Add(id);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var found = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetRequiredValue(regency), cancellationToken))!;
            var sourceId = parseResult.GetRequiredValue(id).Trim();
            if (!await services.GetRequiredService<ISourceStore>().DeleteAsync(found.Code, sourceId, cancellationToken))
            {
                throw new CliException($"There is no source {found.Code}/{sourceId}. 'readiness sources list' lists them.");
            }

            console.Out.WriteLine($"Removed source {found.Code}/{sourceId}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<bool> AllowHttp() => new("--allow-http")
    {
        Description = "Allow plain http URLs (a local test server); the functions app's Readiness__AllowHttpSources. Default: https only.",
    };

    private static Action<IServiceCollection> AllowingHttp(bool allowHttp) =>
        services => services.Configure<SourceOptions>(sources => sources.AllowHttpSources |= allowHttp);

    private static void PrintSources(TextWriter output, IReadOnlyList<Source> sources)
    {
        var table = new TextTable(
            new("regency"), new("id"), new("url"), new("mode"), new("enabled"), new("last status"), new("last fetched (UTC)"),
            TextColumn.Number("failures"), new("last upload"), new("last error"));
        foreach (var s in sources.OrderBy(s => s.RegencyCode, StringComparer.Ordinal).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            table.Add(
                s.RegencyCode,
                s.Id,
                s.Url.ToString(),
                s.Mode.Name(),
                s.Enabled ? "yes" : "no",
                s.LastStatus ?? "never fetched",
                s.LastFetchedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                Invariant($"{s.ConsecutiveFailures}"),
                s.LastUploadId ?? "",
                s.LastError is { } error ? error.ReplaceLineEndings(" ") : "");
        }

        table.Write(output);
    }
}
