using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace Readiness.Core.Registry;

/// <summary>
/// Reads the regency registry from CSV with the header <c>code,name,province_code,province_name,bps_code,aliases</c>
/// (aliases separated by <c>|</c>), optionally followed by the national registry's
/// <c>population,area_km2,former_code,former_code_until</c>. Any delimiter CsvHelper detects; errors name the line.
/// A column the format does not know is an error (a typo would otherwise drop a column silently).
/// </summary>
public static partial class RegistryCsv
{
    /// <summary>The base format; the first four are required.</summary>
    public static readonly string[] Columns = ["code", "name", "province_code", "province_name", "bps_code", "aliases"];

    /// <summary>Optional typed columns of the national registry (<c>../shared/data/registry-2025.csv</c>).</summary>
    public static readonly string[] NationalColumns = ["population", "area_km2", "former_code", "former_code_until"];

    private static readonly string[] AllColumns = [.. Columns, .. NationalColumns];

    public static RegencyRegistry Load(string path)
    {
        using var stream = File.OpenRead(path);
        return new RegencyRegistry(Read(stream, path));
    }

    public static IReadOnlyList<Regency> Read(Stream stream, string source = "registry")
    {
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { TrimWhitespace = true }, leaveOpen: true);
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = AllColumns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        var columnList = $"the header must have the columns {string.Join(",", Columns)} (bps_code, aliases and {string.Join(",", NationalColumns)} may be left out)";
        foreach (var required in Columns.Take(4))
        {
            if (index[required] < 0)
            {
                throw new RegistryException($"{source}: {columnList}; '{required}' is missing.");
            }
        }

        if (header.Select((h, i) => (h, i)).FirstOrDefault(p => p.h.Length > 0 && !AllColumns.Contains(p.h)) is { h: not null } unknown)
        {
            throw new RegistryException($"{source}: column {unknown.i + 1} '{reader.Headers[unknown.i]}' is not a registry column; {columnList}. Rename or remove the column.");
        }

        var regencies = new List<Regency>();
        while (reader.Read())
        {
            var line = reader.RowNumber + 1;
            string Field(string column) => index[column] >= 0 && index[column] < reader.FieldCount ? (reader.GetString(index[column]) ?? "").Trim() : "";
            var code = Field("code");
            if (code.Length == 0 && Field("name").Length == 0)
            {
                continue;
            }

            if (!CodePattern().IsMatch(code))
            {
                throw new RegistryException($"{source}, line {line}: code '{code}' is not a Kemendagri code such as 13.07.");
            }

            var bps = Field("bps_code");
            if (bps.Length > 0 && !BpsPattern().IsMatch(bps))
            {
                throw new RegistryException($"{source}, line {line}: bps_code '{bps}' is not a four-digit BPS code.");
            }

            var province = Field("province_code");
            if (province != code[..2])
            {
                throw new RegistryException($"{source}, line {line}: province_code '{province}' does not match the province of code {code} ({code[..2]}).");
            }

            var name = Field("name");
            if (name.Length == 0)
            {
                throw new RegistryException($"{source}, line {line}: regency {code} has no name.");
            }

            var population = Field("population");
            long? people = null;
            if (population.Length > 0)
            {
                people = long.TryParse(population, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                    ? p
                    : throw new RegistryException($"{source}, line {line}: population '{population}' of {code} is not a whole number of people (digits only, no separators).");
            }

            var area = Field("area_km2");
            double? km2 = null;
            if (area.Length > 0)
            {
                km2 = double.TryParse(area, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a) && a > 0
                    ? a
                    : throw new RegistryException($"{source}, line {line}: area_km2 '{area}' of {code} is not a positive number with a decimal point (such as 4174.211).");
            }

            var (formerCode, until) = (Field("former_code"), Field("former_code_until"));
            int? formerUntil = null;
            if (formerCode.Length > 0 || until.Length > 0)
            {
                if (!CodePattern().IsMatch(formerCode))
                {
                    throw new RegistryException($"{source}, line {line}: former_code '{formerCode}' of {code} is not a Kemendagri code such as 91.01 (former_code_until needs one).");
                }

                formerUntil = int.TryParse(until, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1950 and <= 2100
                    ? y
                    : throw new RegistryException($"{source}, line {line}: former_code_until '{until}' of {code} is not the year the former code {formerCode} was last valid (such as 2022).");
            }

            var aliases = Field("aliases").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            regencies.Add(new Regency(code, name, province, Field("province_name"), bps.Length > 0 ? bps : null, aliases,
                people, km2, formerCode.Length > 0 ? formerCode : null, formerUntil));
        }

        return regencies.Count > 0 ? regencies : throw new RegistryException($"{source}: the registry lists no regency.");
    }

    /// <summary>Writes the registry back out in the same format (for exports and round trips): the national columns
    /// only when some regency has a value for them, so a small registry keeps its small header.</summary>
    public static void Write(IEnumerable<Regency> regencies, TextWriter output)
    {
        var list = regencies.ToList();
        var national = list.Any(r => r.Population is not null || r.AreaKm2 is not null || r.FormerCode is not null);
        using var writer = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        writer.WriteRecord(national ? AllColumns : Columns);
        foreach (var r in list)
        {
            string[] fields = [r.Code, r.Name, r.ProvinceCode, r.ProvinceName, r.BpsCode ?? "", string.Join('|', r.Aliases)];
            writer.WriteRecord(national
                ? [
                    .. fields,
                    r.Population?.ToString(CultureInfo.InvariantCulture) ?? "", r.AreaKm2?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                    r.FormerCode ?? "", r.FormerCodeUntil?.ToString(CultureInfo.InvariantCulture) ?? "",
                ]
                : fields);
        }

        writer.Flush();
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex BpsPattern();
}
