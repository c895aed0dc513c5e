using System.CommandLine;

namespace Readiness.Cli.Output;

/// <summary>The language a report is printed in. <c>--json</c> always carries both (<c>message</c>, <c>message_id</c>).</summary>
internal enum ReportLanguage
{
    Indonesian,
    English,
}

internal static class ReportLanguages
{
    /// <summary>
    /// <c>--lang id|en</c> of the commands an officer runs on a file (validate, normalize, ingest). Indonesian by
    /// default: regency officers read Bahasa Indonesia first; <c>--lang en</c> prints the English texts.
    /// </summary>
    public static Option<ReportLanguage> Option()
    {
        var option = new Option<ReportLanguage>("--lang")
        {
            Description = "Language of the printed report: id (Bahasa Indonesia, the default) or en (English). --json carries both.",
            HelpName = "id|en",
            DefaultValueFactory = _ => ReportLanguage.Indonesian,
            CustomParser = result => result.Tokens is [{ Value: "en" }] ? ReportLanguage.English : ReportLanguage.Indonesian,
        };
        option.AcceptOnlyFromAmong("id", "en");
        return option;
    }

    /// <summary>The text of a phrase in the language: the printers' own words, in both languages side by side.</summary>
    public static string Pick(this ReportLanguage language, string english, string indonesian) =>
        language == ReportLanguage.Indonesian ? indonesian : english;
}
