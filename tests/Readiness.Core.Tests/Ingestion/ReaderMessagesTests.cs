using System.Reflection;
using System.Text.RegularExpressions;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Ingestion;

/// <summary>
/// Every message of <see cref="ReaderMessages"/>, called with sample arguments of each parameter type (every value of
/// an enum or a bool): its Indonesian text must carry every fact of its English one (numbers, codes, names in capitals
/// and quoted values), be no stub, and no two messages may share a text.
/// </summary>
public partial class ReaderMessagesTests
{
    [Fact]
    public void EveryIndonesianText_CarriesEveryFactOfTheEnglish()
    {
        var missing = new List<string>();
        foreach (var (name, message) in AllMessages())
        {
            var indonesianNumbers = Numbers(message.Indonesian).ToHashSet();
            foreach (var number in Numbers(message.English).Where(n => !indonesianNumbers.Contains(n)))
            {
                missing.Add($"{name}: number {number} of \"{message.English}\" is not in \"{message.Indonesian}\"");
            }

            foreach (var fact in Words(message.English).Where(f => !message.Indonesian.Contains(f, StringComparison.Ordinal)))
            {
                missing.Add($"{name}: '{fact}' of \"{message.English}\" is not in \"{message.Indonesian}\"");
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void EveryIndonesianText_IsATranslationNotAStub()
    {
        var stubs = AllMessages()
            .Where(m => m.Message.Indonesian == m.Message.English || m.Message.Indonesian.Length < m.Message.English.Length * 3 / 4)
            .Select(m => $"{m.Name}: \"{m.Message.Indonesian}\" ({m.Message.Indonesian.Length} characters) for \"{m.Message.English}\" ({m.Message.English.Length})")
            .Distinct()
            .ToList();
        Assert.True(stubs.Count == 0, string.Join('\n', stubs));
    }

    [Fact]
    public void NoTwoMessages_ShareAText()
    {
        var messages = AllMessages().Select(m => m.Message).Distinct().ToList();
        var sharedIndonesian = messages.GroupBy(m => m.Indonesian).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\" translates {string.Join(" and ", g.Select(m => $"{m.Code}: \"{m.English}\""))}");
        var sharedEnglish = messages.GroupBy(m => m.English).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\" is the text of {string.Join(" and ", g.Select(m => $"{m.Code}: \"{m.Indonesian}\""))}");
        var problems = sharedIndonesian.Concat(sharedEnglish).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void TheFactCheck_CatchesADroppedFact()
    {
        // The check itself: the stubs this test replaced fail it.
        var english = ReaderMessages.InvalidPeriod("2024Q5").English;
        Assert.Contains("'2024Q5'", Words(english));
        Assert.Contains("202401", Numbers(english));
        Assert.DoesNotContain("202401", Numbers("Periode '2024Q5' tidak valid."));
        Assert.Contains("GOV-01", Words(ReaderMessages.MissingIndicator.English));
        Assert.Contains("CSV", Words(ReaderMessages.EmptyFile.English));
        Assert.Contains("/api/indicators", Words(ReaderMessages.UnknownIndicator("x", "2026.1").English));
    }

    [Fact]
    public void CellMessages_NameTheColumnAsTheFileDoes_WithTheCanonicalNameInBrackets()
    {
        var message = ReaderMessages.At(7, "kode_wilayah", ReaderMessages.UnknownRegency("13,07", RegencyScheme.Kemendagri, []));
        Assert.StartsWith("Row 7, column kode_wilayah [regency_code]: '13,07' is not a regency", message.English, StringComparison.Ordinal);
        Assert.StartsWith("Baris 7, kolom kode_wilayah [regency_code]: '13,07' tidak dikenal", message.Indonesian, StringComparison.Ordinal);
        Assert.StartsWith("Row 3, column value: ", ReaderMessages.At(3, "value", ReaderMessages.MissingRegency).English, StringComparison.Ordinal);
        Assert.StartsWith("Row 3, column GOV-01: ", ReaderMessages.At(3, "GOV-01", ReaderMessages.MissingRegency).English, StringComparison.Ordinal);
        Assert.Equal(ReaderMessages.MissingRegency, ReaderMessages.At(1, "kode_wilayah", ReaderMessages.MissingRegency));
        Assert.Equal(ReaderMessages.MissingRegency, ReaderMessages.At(7, null, ReaderMessages.MissingRegency));
    }

    [Fact]
    public void AMissingColumn_IsNamedInTheLanguageOfTheFilesHeader()
    {
        var indonesian = ReaderMessages.MissingColumn(Csv.Field.Regency, false, ["kode_indikator", "periode", "nilai"]);
        Assert.StartsWith("Kolom wajib kode_wilayah [regency_code] tidak ada.", indonesian.Indonesian, StringComparison.Ordinal);
        Assert.StartsWith("Required column kode_wilayah [regency_code] is missing.", indonesian.English, StringComparison.Ordinal);
        var english = ReaderMessages.MissingColumn(Csv.Field.Regency, false, ["indicator_code", "period", "value"]);
        Assert.StartsWith("Kolom wajib regency_code tidak ada.", english.Indonesian, StringComparison.Ordinal);
    }

    /// <summary>Numbers with their separators removed, so 2,000,000 and 2.000.000 (and 105.5 and 105,5) are one fact.</summary>
    private static IEnumerable<string> Numbers(string text) => NumberPattern().Matches(text).Select(m => new string([.. m.Value.Where(char.IsAsciiDigit)]));

    /// <summary>Quoted values, codes and paths (<c>GOV-01</c>, <c>kode_wilayah</c>, <c>locale=id-ID</c>, <c>/api/…</c>,
    /// <c>--regency</c>, <c>.xlsx</c>, <c>Ya/Tidak</c>) and names in capitals (<c>CSV</c>, <c>BPS</c>).</summary>
    private static IEnumerable<string> Words(string text) =>
        QuotedPattern().Matches(text).Select(m => m.Value)
            .Concat(CodePattern().Matches(QuotedPattern().Replace(text, " ")).Select(m => m.Value.TrimEnd('.', ',', ';', ':')))
            .Where(w => w.Length > 1 && !w.All(c => char.IsAsciiDigit(c) || c is '.' or ','));

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"'[^']*'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"(?<![\w/-])(?:--[a-z][a-z-]*|/[\w{}/.-]+|\.[a-z]{3,4}\b|[A-Za-z][a-z]*/[A-Z]\w*|[\w{}=+.-]*[0-9_=][\w{}=+-]*|[A-Za-z]*[A-Z][A-Za-z]*-[A-Za-z0-9]+|[a-z]+-[A-Z]+|[A-Z]{2,}[A-Z0-9]*\b|Excel|Kemendagri|LibreOffice)")]
    private static partial Regex CodePattern();

    /// <summary>Every message, named by its member and arguments.</summary>
    private static IEnumerable<(string Name, ReaderMessage Message)> AllMessages()
    {
        foreach (var property in typeof(ReaderMessages).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(ReaderMessage)))
        {
            yield return (property.Name, (ReaderMessage)property.GetValue(null)!);
        }

        foreach (var method in typeof(ReaderMessages).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(ReaderMessage)))
        {
            var samples = method.GetParameters().Select(p => Samples(p, method)).ToList();
            foreach (var arguments in Combinations(samples).Take(300))
            {
                var message = (ReaderMessage)method.Invoke(null, arguments)!;
                yield return ($"{method.Name}({string.Join(", ", arguments.Select(a => a is string s ? $"\"{s}\"" : a?.ToString()))})", message);
            }
        }
    }

    /// <summary>Sample arguments by type: a message added with a new parameter type needs its samples here.</summary>
    private static object?[] Samples(ParameterInfo parameter, MethodInfo method)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type.IsEnum)
        {
            return [.. Enum.GetValues(type).Cast<object>()];
        }

        return type switch
        {
            _ when type == typeof(string) => ["Kolom_X 2024Q5"],
            _ when type == typeof(int) || type == typeof(long) => [Convert.ChangeType(4242, type), Convert.ChangeType(7, type)],
            _ when type == typeof(double) => [105.5, 1234.5],
            _ when type == typeof(bool) => [true, false],
            _ when type == typeof(char) => [';', '\t', ','],
            _ when type == typeof(Indicator) => [.. TestData.Catalog.Indicators.GroupBy(i => (i.Unit, i.Min is null, i.Max is null)).Select(g => g.First())],
            _ when type == typeof(Regency) => [Regency("13.07"), Regency("32.71")],
            _ when type == typeof(IReadOnlyList<Regency>) => [Array.Empty<Regency>(), new[] { Regency("32.01"), Regency("32.71") }],
            _ when type == typeof(IReadOnlyList<string>) => [new[] { "regency_code", "value" }, new[] { "Kode Wilayah", "nilai" }],
            _ when type == typeof(Period) => [Period.ParseCanonical("2024Q1"), Period.ParseCanonical("2023-07")],
            _ when type == typeof(ReaderMessages.StyleReason) =>
            [
                ReaderMessages.StyleFromOption, ReaderMessages.StyleByDefault, ReaderMessages.StyleFromSeparator(';'),
                ReaderMessages.StyleFromSeparator('\t'), ReaderMessages.StyleFromCell("D3", "12,5", NumberStyle.DecimalComma),
            ],
            _ when type == typeof(ReaderMessage) => [ReaderMessages.MissingRegency, ReaderMessages.InvalidPeriod("2024-13")],
            _ => throw new InvalidOperationException($"No sample for parameter {parameter.Name} ({type}) of ReaderMessages.{method.Name}: add one to {nameof(ReaderMessagesTests)}.{nameof(Samples)}."),
        };
    }

    private static IEnumerable<object?[]> Combinations(List<object?[]> samples)
    {
        IEnumerable<object?[]> combinations = [[]];
        foreach (var options in samples)
        {
            combinations = combinations.SelectMany(prefix => options.Select(option => (object?[])[.. prefix, option]));
        }

        return combinations;
    }
}
