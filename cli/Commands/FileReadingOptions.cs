using System.CommandLine;
using Readiness.Cli.Infrastructure;
using Readiness.Core.Ingestion;

namespace Readiness.Cli.Commands;

/// <summary>The options of validate and normalize: how to read one file against local registry and catalog files.</summary>
internal sealed class FileReadingOptions
{
    public Argument<FileInfo> File { get; } = CommonOptions.File("The CSV file or Excel workbook (.xlsx, .xlsm, .xls; detected from its bytes), long or wide format, any delimiter and encoding the CSV contract accepts.");

    public Option<string?> Regency { get; } = CommonOptions.Regency();

    public Option<Core.Normalization.NumberStyle?> Locale { get; } = CommonOptions.Locale();

    public Option<Core.Registry.RegencyScheme> Scheme { get; } = CommonOptions.Scheme();

    public Option<FileInfo> Registry { get; } = CommonOptions.Registry(
        "Regency registry CSV (code,name,province_code,province_name,bps_code,aliases). Default: samples/registry.csv of the repository " +
        "found above the current directory (or above the readiness binary); outside a checkout the option is required.");

    public Option<FileInfo> Catalog { get; } = CommonOptions.Catalog();

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Regency);
        command.Options.Add(Locale);
        command.Options.Add(Scheme);
        command.Options.Add(Registry);
        command.Options.Add(Catalog);
    }

    /// <summary>The reader and read options the parse result asks for (usage errors for bad reference files or regency).</summary>
    public (ObservationReader Reader, ReadOptions Options, FileInfo File) Bind(ParseResult parseResult)
    {
        var reference = LocalReference.Load(parseResult.GetValue(Registry), parseResult.GetValue(Catalog));
        var options = reference.ReadOptions(parseResult.GetValue(Regency), parseResult.GetValue(Locale), parseResult.GetValue(Scheme));
        return (new ObservationReader(reference.Catalog, reference.Registry), options, parseResult.GetRequiredValue(File));
    }
}
