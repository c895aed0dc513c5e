using System.Collections.Frozen;
using System.Text;

namespace Readiness.Core.Registry;

/// <summary>The outcome of resolving what a user wrote in a regency cell.</summary>
/// <param name="Note">The registry's remark on a code it repaired, or on a name that fits only another kind (English).</param>
/// <param name="NoteId">The same remark in Bahasa Indonesia.</param>
/// <param name="Former">Set when the text was a former code (<c>91.01</c> for Merauke, now <c>93.01</c>): valid only
/// for periods up to its last year, which the caller checks with the row's period.</param>
public sealed record RegencyResolution(Regency? Regency, IReadOnlyList<Regency> Candidates, string? Note = null, string? NoteId = null, FormerCodeUse? Former = null)
{
    public bool Found => Regency is not null;

    public bool Ambiguous => Regency is null && Candidates.Count > 1;

    public static RegencyResolution Unknown { get; } = new(null, []);
}

/// <summary>
/// The regencies and cities known to the pipeline, with every way a user may name one: Kemendagri code
/// (<c>13.07</c>, <c>1307</c>), BPS code (with the BPS scheme), official name, name without prefix, name without
/// spaces, and registry aliases. Built once per run; every lookup is a dictionary lookup.
/// </summary>
public sealed class RegencyRegistry
{
    private readonly FrozenDictionary<string, Regency> _byCode;
    private readonly FrozenDictionary<string, Regency> _byBps;
    private readonly FrozenDictionary<string, Regency> _byFormerCode;
    private readonly FrozenDictionary<string, Regency[]> _byFullName;
    private readonly FrozenDictionary<string, Regency[]> _byBareName;
    private readonly FrozenDictionary<string, int> _ordinal;

    /// <summary>A well-formed Kemendagri province code: two digits (<c>13</c>, <c>93</c>); whether any regency is in
    /// it is a question for the registry (<see cref="Scoring.ScoreService.CheckProvinceAsync"/>).</summary>
    public static bool IsProvinceCode(string? code) => code is { Length: 2 } && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]);

    public RegencyRegistry(IEnumerable<Regency> regencies)
    {
        var listed = regencies.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var duplicate = listed.GroupBy(r => r.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RegistryException($"Regency code {duplicate.Key} is listed twice.");
        }

        // A former province (91 Papua for Merauke) is named after the regencies still in it.
        var provinceNames = listed.Where(r => r.ProvinceName.Length > 0).GroupBy(r => r.ProvinceCode).ToDictionary(g => g.Key, g => g.First().ProvinceName, StringComparer.Ordinal);
        Regencies = [.. listed.Select(r => r.FormerProvinceCode is { } former && r.FormerProvinceName is null && provinceNames.TryGetValue(former, out var name) ? r with { FormerProvinceName = name } : r)];
        _byCode = Regencies.ToFrozenDictionary(r => r.Code, StringComparer.Ordinal);
        _byFormerCode = FormerCodes.Index(Regencies, _byCode);
        _byBps = Regencies.Where(r => !string.IsNullOrEmpty(r.BpsCode))
            .GroupBy(r => r.BpsCode!)
            .ToFrozenDictionary(g => g.Key, g => g.Count() == 1
                ? g.First()
                : throw new RegistryException($"BPS code {g.Key} is listed for {string.Join(" and ", g.Select(r => r.Code))}."));
        _ordinal = Regencies.Select((r, i) => (r.Code, i)).ToFrozenDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);

        var full = new Dictionary<string, HashSet<Regency>>(StringComparer.Ordinal);
        var bare = new Dictionary<string, HashSet<Regency>>(StringComparer.Ordinal);
        foreach (var regency in Regencies)
        {
            foreach (var name in regency.Aliases.Prepend(regency.Name))
            {
                var key = NameKey.Of(name);
                if (key.Bare.Length == 0)
                {
                    continue;
                }

                // "Kabupaten Bogor" answers to "KABUPATEN BOGOR" and to "BOGOR"; an alias without a prefix only to itself.
                var kind = key.Kind ?? (name == regency.Name ? regency.Kind : null);
                if (kind is not null)
                {
                    Add(full, $"{kind}:{key.Bare}", regency);
                }

                Add(bare, key.Bare, regency);
            }
        }

        _byFullName = full.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _byBareName = bare.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<Regency> Regencies { get; }

    public int Count => Regencies.Count;

    /// <summary>Current provinces (38 in the national registry).</summary>
    public int ProvinceCount => Regencies.Select(r => r.ProvinceCode).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Regencies whose code changed (26 in the 2022 Papua split).</summary>
    public int FormerCodeCount => _byFormerCode.Count;

    /// <summary>One line on what the registry holds, for the import's answer.</summary>
    public string Summary() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Count} regencies ({Regencies.Count(r => r.Kind == RegencyKind.Kabupaten)} kabupaten, {Regencies.Count(r => r.Kind == RegencyKind.Kota)} kota) in {ProvinceCount} provinces; {Regencies.Count(r => r.BpsCode is not null)} with a BPS code, {Regencies.Count(r => r.Population is not null)} with population, {Regencies.Count(r => r.AreaKm2 is not null)} with area, {FormerCodeCount} with a former code");

    /// <summary>Position of a regency in <see cref="Regencies"/>, for compact keys.</summary>
    public int Ordinal(Regency regency) => _ordinal[regency.Code];

    public bool TryGetByCode(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Regency? regency) =>
        _byCode.TryGetValue(code, out regency);

    /// <summary>The regency that had <paramref name="formerCode"/> before a code change (<c>91.01</c>: Merauke, now <c>93.01</c>).</summary>
    public bool TryGetByFormerCode(string formerCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Regency? regency) =>
        _byFormerCode.TryGetValue(formerCode, out regency);

    /// <summary>The name of a province as the registry lists it (current or former, such as 91 Papua); null when unknown.</summary>
    public string? ProvinceName(string provinceCode) =>
        Regencies.FirstOrDefault(r => r.ProvinceCode == provinceCode)?.ProvinceName
        ?? Regencies.FirstOrDefault(r => r.FormerProvinceCode == provinceCode)?.FormerProvinceName;

    public bool TryGetByBpsCode(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Regency? regency) =>
        _byBps.TryGetValue(code, out regency);

    /// <summary>
    /// Resolves a code or a name. Never guesses between schemes: <c>1307</c> is read in <paramref name="scheme"/>, and
    /// a name that fits two regencies (<c>Bogor</c>) is ambiguous, with both as candidates.
    /// </summary>
    public RegencyResolution Resolve(string? text, RegencyScheme scheme = RegencyScheme.Kemendagri)
    {
        var s = text?.Trim().Trim('\u00A0') ?? "";
        if (s.Length is 0 or > 120)
        {
            return RegencyResolution.Unknown;
        }

        if (IsCode(s, out var province, out var regencyPart, out var dotted))
        {
            return ResolveCode(s, province, regencyPart, dotted, scheme);
        }

        var key = NameKey.Of(s);
        if (key.Bare.Length == 0)
        {
            return RegencyResolution.Unknown;
        }

        if (key.Kind is { } kind)
        {
            if (_byFullName.TryGetValue($"{kind}:{key.Bare}", out var byFull))
            {
                return Pick(byFull);
            }

            // "Kota Baru" is Kabupaten Kotabaru: the prefix was part of the name.
            if (_byBareName.TryGetValue(key.PrefixWord + key.Bare, out var withPrefix))
            {
                return Pick(withPrefix);
            }

            // "Kota Lima Puluh Kota" does not exist: a prefix that fits no regency of that kind is not a guess we make.
            return _byBareName.TryGetValue(key.Bare, out var otherKind)
                ? new RegencyResolution(
                    null,
                    otherKind,
                    $"No {kind.ToString().ToLowerInvariant()} is called that; did you mean {string.Join(" or ", otherKind.Select(r => r.ToString()))}?",
                    $"tidak ada {kind.ToString().ToLowerInvariant()} dengan nama itu; mungkin maksudnya {string.Join(" atau ", otherKind.Select(r => r.ToString()))}?")
                : RegencyResolution.Unknown;
        }

        return _byBareName.TryGetValue(key.Bare, out var byBare) ? Pick(byBare) : RegencyResolution.Unknown;
    }

    private RegencyResolution ResolveCode(string text, string province, string regencyPart, bool dotted, RegencyScheme scheme)
    {
        var note = regencyPart.Length == 1
            ? $"'{text}' was read as {province}.{regencyPart}0: Excel drops the trailing zero of codes such as {province}.{regencyPart}0; format the column as text."
            : null;
        var noteId = regencyPart.Length == 1
            ? $"'{text}' dibaca sebagai {province}.{regencyPart}0: Excel membuang angka nol di akhir kode seperti {province}.{regencyPart}0; format kolom itu sebagai teks."
            : null;
        if (regencyPart.Length == 1)
        {
            regencyPart += "0";
        }

        if (!dotted && scheme == RegencyScheme.Bps)
        {
            return _byBps.TryGetValue(province + regencyPart, out var byBps) ? new RegencyResolution(byBps, [byBps], note, noteId) : RegencyResolution.Unknown;
        }

        var code = $"{province}.{regencyPart}";
        if (_byCode.TryGetValue(code, out var byCode))
        {
            return new RegencyResolution(byCode, [byCode], note, noteId);
        }

        // A code retired in a code change (91.01, Merauke before the 2022 Papua split) is its successor, for the
        // periods it was valid; the caller checks the period.
        return _byFormerCode.TryGetValue(code, out var successor)
            ? new RegencyResolution(successor, [successor], note, noteId, new FormerCodeUse(text, code, successor.FormerCodeUntil!.Value, successor))
            : RegencyResolution.Unknown;
    }

    /// <summary>What the same four digits mean in BPS coding, for a hint when the Kemendagri reading was taken.</summary>
    public Regency? BpsReadingOf(string text)
    {
        var s = text.Trim();
        return s.Length == 4 && s.All(char.IsAsciiDigit) && _byBps.TryGetValue(s, out var regency) ? regency : null;
    }

    private static RegencyResolution Pick(Regency[] matches) =>
        matches.Length == 1 ? new RegencyResolution(matches[0], matches) : new RegencyResolution(null, matches);

    private static bool IsCode(string s, out string province, out string regency, out bool dotted)
    {
        province = regency = "";
        dotted = false;
        if (s.Length == 4 && s.All(char.IsAsciiDigit))
        {
            (province, regency) = (s[..2], s[2..]);
            return true;
        }

        if (s.Length is 4 or 5 && s[2] == '.' && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && s[3..].All(char.IsAsciiDigit))
        {
            (province, regency, dotted) = (s[..2], s[3..], true);
            return true;
        }

        return false;
    }

    private static void Add(Dictionary<string, HashSet<Regency>> index, string key, Regency regency)
    {
        if (!index.TryGetValue(key, out var set))
        {
            index[key] = set = [];
        }

        set.Add(regency);
    }

    /// <summary>A name folded for matching: upper case, punctuation and spaces removed, the prefix split off.</summary>
    private readonly record struct NameKey(RegencyKind? Kind, string Bare, string PrefixWord)
    {
        private static readonly (string Prefix, RegencyKind Kind, string Word)[] Prefixes =
        [
            ("KABUPATEN ADMINISTRASI ", RegencyKind.Kabupaten, "KABUPATEN"),
            ("KABUPATEN ", RegencyKind.Kabupaten, "KABUPATEN"),
            ("KAB ", RegencyKind.Kabupaten, "KAB"),
            ("KOTA ADMINISTRASI ", RegencyKind.Kota, "KOTA"),
            ("KOTA ADM ", RegencyKind.Kota, "KOTA"),
            ("KOTAMADYA ", RegencyKind.Kota, "KOTAMADYA"),
            ("KOTA ", RegencyKind.Kota, "KOTA"),
            ("KOT ", RegencyKind.Kota, "KOTA"),
        ];

        public static NameKey Of(string name)
        {
            var folded = Fold(name);
            foreach (var (prefix, kind, word) in Prefixes)
            {
                if (folded.StartsWith(prefix, StringComparison.Ordinal) && folded.Length > prefix.Length)
                {
                    return new NameKey(kind, Squeeze(folded[prefix.Length..]), word);
                }
            }

            return new NameKey(null, Squeeze(folded), "");
        }

        private static string Fold(string name)
        {
            var builder = new StringBuilder(name.Length + 1);
            var lastWasSpace = true;
            foreach (var c in name.Normalize(NormalizationForm.FormKC))
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(char.ToUpperInvariant(c));
                    lastWasSpace = false;
                }
                else if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }
            }

            return builder.ToString().TrimEnd() + " ";
        }

        private static string Squeeze(string folded) => folded.Replace(" ", "", StringComparison.Ordinal);
    }
}

public sealed class RegistryException(string message) : Exception(message);
