using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Core.Registry;

namespace Readiness.Cli.Commands;

/// <summary><c>readiness registry import FILE</c> and <c>readiness catalog import [FILE]</c>: reference data into its tables.</summary>
internal static class ReferenceCommands
{
    public static Command Registry()
    {
        var file = CommonOptions.File("Registry CSV with the header code,name,province_code,province_name,bps_code,aliases (aliases separated by |), optionally population,area_km2,former_code,former_code_until (the national registry).");
        var import = new Command("import", "Replace the regencies table with the regencies of a registry CSV (regencies no longer listed are removed).");
        import.Arguments.Add(file);
        var storage = StorageOptions.AddTo(import);
        import.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var source = parseResult.GetRequiredValue(file);
            var registry = LocalReference.ReadRegistry(source);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var count = await services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(registry, cancellationToken);
            console.Out.WriteLine($"Imported {count} regencies from {source.Name} into the regencies table: {registry.Summary()}.");
            return ExitCodes.Success;
        });

        return new Command("registry", "The regency registry that uploads are validated against.") { import };
    }

    public static Command Catalog()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "Catalog JSON file. Default: the catalog shipped with the application (catalog/catalog.json).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        file.AcceptExistingOnly();
        var import = new Command("import", "Replace the indicators table with an indicator catalog (the default catalog when no file is given).");
        import.Arguments.Add(file);
        var storage = StorageOptions.AddTo(import);
        import.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var source = parseResult.GetValue(file);
            var catalog = LocalReference.LoadCatalog(source);
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var count = await services.GetRequiredService<ReferenceDataService>().ReplaceCatalogAsync(catalog, cancellationToken);
            console.Out.WriteLine($"Imported catalog {catalog.Version} ({count} indicators) from {source?.Name ?? "the default catalog"} into the indicators table.");
            return ExitCodes.Success;
        });

        return new Command("catalog", "The indicator catalog that uploads are validated against and scored with.") { import };
    }
}
