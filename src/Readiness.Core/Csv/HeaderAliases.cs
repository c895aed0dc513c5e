using System.Text;

namespace Readiness.Core.Csv;

/// <summary>The columns of the long format (and the key columns of the wide one).</summary>
public enum Field
{
    Regency,
    Indicator,
    Period,
    Value,
    Unit,
    Note,
}

/// <summary>Header names in English and Indonesian, matched ignoring case, spaces, dots and hyphens.</summary>
public static class HeaderAliases
{
    private static readonly Dictionary<string, Field> Aliases = new(StringComparer.Ordinal)
    {
        ["regency_code"] = Field.Regency,
        ["regency"] = Field.Regency,
        ["kode_wilayah"] = Field.Regency,
        ["kode_kabupaten"] = Field.Regency,
        ["kode_kab_kota"] = Field.Regency,
        ["kode_kabkota"] = Field.Regency,
        ["kode_kota"] = Field.Regency,
        ["kode_daerah"] = Field.Regency,
        ["wilayah"] = Field.Regency,
        ["kabupaten_kota"] = Field.Regency,
        ["kab_kota"] = Field.Regency,
        ["indicator_code"] = Field.Indicator,
        ["indicator"] = Field.Indicator,
        ["kode_indikator"] = Field.Indicator,
        ["indikator"] = Field.Indicator,
        ["period"] = Field.Period,
        ["periode"] = Field.Period,
        ["tahun"] = Field.Period,
        ["year"] = Field.Period,
        ["value"] = Field.Value,
        ["nilai"] = Field.Value,
        ["unit"] = Field.Unit,
        ["satuan"] = Field.Unit,
        ["note"] = Field.Note,
        ["notes"] = Field.Note,
        ["keterangan"] = Field.Note,
        ["catatan"] = Field.Note,
        ["ket"] = Field.Note,
    };

    /// <summary>The canonical header name of each field.</summary>
    public static string Canonical(Field field) => field switch
    {
        Field.Regency => "regency_code",
        Field.Indicator => "indicator_code",
        Field.Period => "period",
        Field.Value => "value",
        Field.Unit => "unit",
        _ => "note",
    };

    public static bool TryMap(string header, out Field field) => Aliases.TryGetValue(Normalize(header), out field);

    /// <summary><c>" Kode Wilayah "</c>, <c>KODE-WILAYAH</c> and <c>kode.wilayah</c> all become <c>kode_wilayah</c>;
    /// <c>Kode Kab/Kota</c> becomes <c>kode_kab_kota</c>.</summary>
    public static string Normalize(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Trim().Trim('\uFEFF'))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }
}
