using System.Text.RegularExpressions;
using CsvHelper;

namespace Readiness.Core.Registry;

/// <summary>
/// Reads the regency registry from CSV with the header <c>code,name,province_code,province_name,bps_code,aliases</c>
/// (aliases separated by <c>|</c>). Any delimiter CsvHelper detects; errors name the line.
/// </summary>
public static partial class RegistryCsv
{
    public static readonly string[] Columns = ["code", "name", "province_code", "province_name", "bps_code", "aliases"];

    public static RegencyRegistry Load(string path)
    {
        using var stream = File.OpenRead(path);
        return new RegencyRegistry(Read(stream, path));
    }

    public static IReadOnlyList<Regency> Read(Stream stream, string source = "registry")
    {
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { TrimWhitespace = true }, leaveOpen: true);
        var header = reader.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        foreach (var required in Columns.Take(4))
        {
            if (index[required] < 0)
            {
                throw new RegistryException($"{source}: the header must have the columns {string.Join(",", Columns)}; '{required}' is missing.");
            }
        }

        var regencies = new List<Regency>();
        while (reader.Read())
        {
            var line = reader.RowNumber + 1;
            string Field(string column) => index[column] >= 0 ? (reader.GetString(index[column]) ?? "").Trim() : "";
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

            var aliases = Field("aliases").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            regencies.Add(new Regency(code, name, Field("province_code"), Field("province_name"), bps.Length > 0 ? bps : null, aliases));
        }

        return regencies.Count > 0 ? regencies : throw new RegistryException($"{source}: the registry lists no regency.");
    }

    /// <summary>Writes the registry back out in the same format (for exports and round trips).</summary>
    public static void Write(IEnumerable<Regency> regencies, TextWriter output)
    {
        using var writer = CsvWriter.Create(output, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.Escape }, leaveOpen: true);
        writer.WriteRecord(Columns);
        foreach (var r in regencies)
        {
            writer.WriteRecord([r.Code, r.Name, r.ProvinceCode, r.ProvinceName, r.BpsCode ?? "", string.Join('|', r.Aliases)]);
        }

        writer.Flush();
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex BpsPattern();
}
