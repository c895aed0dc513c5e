using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Scoring;
using Readiness.Core.Sources;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.Functions.Tests.Metadata;

/// <summary>
/// The README's settings table is the options classes: every <c>Readiness__*</c> setting it lists binds, through the
/// functions app's <c>AddReadiness(configuration)</c>, into one options property with the default it states, and
/// every options property is listed.
/// </summary>
public partial class AppSettingsTests
{
    private static readonly Type[] OptionTypes = [typeof(ImportOptions), typeof(SourceOptions), typeof(AccessOptions), typeof(ScoringOptions), typeof(Core.Health.HealthOptions), typeof(Core.Review.ReviewOptions), typeof(Core.Quality.QualityOptions)];

    public static TheoryData<string, string> Documented()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.OfThisBuild, "README.md"));
        var data = new TheoryData<string, string>();
        foreach (Match row in SettingsRow().Matches(readme))
        {
            var names = NameInRow().Matches(row.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
            var defaults = row.Groups["defaults"].Value.Split(',', StringSplitOptions.TrimEntries);
            Assert.Equal(names.Count, defaults.Length);
            for (var i = 0; i < names.Count; i++)
            {
                data.Add(names[i], defaults[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void ADocumentedSetting_HasItsDefault_AndBindsFromItsAppSetting(string name, string documentedDefault)
    {
        var (type, property) = Property(name);
        var unset = Value(Bound([]), type, property);
        // A setting as Bicep writes it: bool.ToString() is True/False.
        var changed = unset switch
        {
            bool b => (!b).ToString(),
            int n => (n + 1).ToString(CultureInfo.InvariantCulture),
            long n => (n + 1).ToString(CultureInfo.InvariantCulture),
            TimeSpan t => (t + TimeSpan.FromMinutes(1)).ToString("c", CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{name} has a type the table does not describe."),
        };

        var set = Value(Bound(new() { [$"{ReadinessSettings.Section}:{name}"] = changed }), type, property);

        Assert.Equal(documentedDefault, Convert.ToString(unset, CultureInfo.InvariantCulture), ignoreCase: true);
        Assert.Equal(changed, Convert.ToString(set, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryOption_IsDocumented()
    {
        var documented = Documented().Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var options = OptionTypes.SelectMany(t => t.GetProperties().Where(p => p.CanWrite)).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(options, documented);
    }

    private static (Type Type, PropertyInfo Property) Property(string name) =>
        OptionTypes.SelectMany(t => t.GetProperties().Where(p => p.CanWrite && p.Name == name).Select(p => (t, p))).Single();

    private static ServiceProvider Bound(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddReadiness(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static object? Value(ServiceProvider services, Type type, PropertyInfo property)
    {
        var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
        return property.GetValue(options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
    }

    /// <summary>A row of the README's table that names <c>Readiness__*</c> settings: the names, then their defaults.</summary>
    [GeneratedRegex(@"^\| (?<names>`Readiness__\w+`(?:, `Readiness__\w+`)*) \| (?<defaults>[^|]+?) \|", RegexOptions.Multiline)]
    private static partial Regex SettingsRow();

    [GeneratedRegex(@"`Readiness__(\w+)`")]
    private static partial Regex NameInRow();
}
