using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.Cli.Infrastructure;

/// <summary>Options several commands share. Each command gets its own instances (a symbol has one parent).</summary>
internal static class CommonOptions
{
    public static Argument<FileInfo> File(string description)
    {
        var argument = new Argument<FileInfo>("FILE") { Description = description };
        argument.AcceptExistingOnly();
        return argument;
    }

    public static Option<string?> Regency() => new("--regency")
    {
        Description = "The regency the file is for (Kemendagri code such as 13.07, or a name). Rows may then omit the regency column, and rows for another regency are errors.",
        HelpName = "CODE",
    };

    public static Option<NumberStyle?> Locale() => new("--locale")
    {
        Description = "Force the number style instead of detecting it: id-ID (1.234,5) or en-US (1,234.5).",
        HelpName = "L",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (NumberStyleNames.TryParseLocale(text, out var style))
            {
                return style;
            }

            result.AddError($"Unknown locale '{text}': use id-ID (1.234,5) or en-US (1,234.5).");
            return null;
        },
    };

    public static Option<RegencyScheme> Scheme() => new("--regency-scheme")
    {
        Description = "How bare four-digit regency codes are read: kemendagri (1307 = 13.07, the default) or bps (through the registry's BPS codes).",
        HelpName = "kemendagri|bps",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (RegencySchemes.TryParse(text, out var scheme) && text.Length > 0)
            {
                return scheme;
            }

            result.AddError($"Unknown regency scheme '{text}': use kemendagri or bps.");
            return RegencyScheme.Kemendagri;
        },
    };

    public static Option<FileInfo> Registry(string description)
    {
        var option = new Option<FileInfo>("--registry") { Description = description, HelpName = "F" };
        option.AcceptExistingOnly();
        return option;
    }

    public static Option<FileInfo> Catalog()
    {
        var option = new Option<FileInfo>("--catalog")
        {
            Description = "Indicator catalog JSON file. Default: the catalog shipped with the application (catalog/catalog.json).",
            HelpName = "F",
        };
        option.AcceptExistingOnly();
        return option;
    }

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static Option<bool> Csv(string description) => new("--csv") { Description = description };

    /// <summary>A required <c>--year</c> from <see cref="Period.MinYear"/> to <see cref="Period.MaxYear"/>.</summary>
    public static Option<int> Year(string description) => new("--year")
    {
        Description = description,
        HelpName = "YYYY",
        Required = true,
        CustomParser = result => result.Tokens.Count == 1 ? ParseYear(result, result.Tokens[0].Value) : 0,
    };

    /// <summary><c>--year</c>, repeatable (<c>--year 2023 --year 2024</c>).</summary>
    public static Option<int[]> Years(string description) => new("--year")
    {
        Description = description,
        HelpName = "YYYY",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => [.. result.Tokens.Select(t => ParseYear(result, t.Value))],
    };

    /// <summary>An integer option from <paramref name="min"/> to <paramref name="max"/>, with a message that says so
    /// (System.CommandLine's own names the CLR type).</summary>
    public static int ParseInt(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(max == int.MaxValue ? $"{name} must be a whole number of {min} or more, not '{text}'." : $"{name} must be a whole number from {min} to {max}, not '{text}'.");
        return min;
    }

    /// <summary>A regency whose stored data a command reads: a Kemendagri code or a name, resolved through the
    /// <c>regencies</c> table.</summary>
    public static Option<string> StoredRegency(string description, bool required = true) => new("--regency")
    {
        Description = description,
        HelpName = "CODE",
        Required = required,
    };

    /// <summary>Rejects options that cannot be combined (<c>--json</c> with <c>--csv</c>) as a parse error (exit 2).</summary>
    public static void Exclusive(Command command, Option<bool> first, Option<bool> second) =>
        command.Validators.Add(result =>
        {
            if (result.GetValue(first) && result.GetValue(second))
            {
                result.AddError($"{first.Name} and {second.Name} cannot be used together.");
            }
        });

    public static int ParseYear(ArgumentResult result, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= Period.MinYear and <= Period.MaxYear)
        {
            return year;
        }

        result.AddError($"--year '{text}' is not a year from {Period.MinYear} to {Period.MaxYear}, such as 2024.");
        return 0;
    }

    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Storage account connection string, or a service endpoint such as https://NAME.table.core.windows.net/ to sign in " +
                      "with your Azure CLI login (shared keys are disabled in Azure). Default: UseDevelopmentStorage=true, the local Azurite on 127.0.0.1:10000-10002.",
        HelpName = "CONN",
    };

    /// <summary>A name prefix for every table, container and queue: tests and side-by-side runs. Hidden from help.</summary>
    public static Option<string?> StoragePrefix() => new("--storage-prefix")
    {
        Description = "Prefix every table, container and queue name (tests, side-by-side runs).",
        HelpName = "PREFIX",
        Hidden = true,
    };

    public static ImportMode ParseMode(string? text) => text switch
    {
        null or "atomic" => ImportMode.Atomic,
        "partial" => ImportMode.Partial,
        _ => throw new CliException($"Unknown mode '{text}': use atomic or partial."),
    };

    /// <summary>Opens a file for a one-pass sequential read.</summary>
    public static FileStream OpenRead(FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read {file.FullName}: {e.Message}");
        }
    }

    /// <summary>The command path as typed (<c>registry import</c>), for "see --help" hints.</summary>
    public static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (SymbolResult? result = parseResult.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: not RootCommand } command)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        return string.Join(' ', names.Prepend("readiness"));
    }
}
