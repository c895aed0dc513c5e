using Readiness.Core.Ingestion;
using Readiness.Core.Ports;

namespace Readiness.Core.Registry;

/// <summary>Why a regency someone named was not found.</summary>
public enum RegencyLookupFailure
{
    /// <summary>No regency answers to the code or name.</summary>
    Unknown,

    /// <summary>A name that fits several regencies (<c>Bogor</c>): the candidates say which.</summary>
    Ambiguous,

    /// <summary>The registry lists no regency at all, so nothing can be found.</summary>
    EmptyRegistry,
}

/// <summary>A regency that could not be resolved, with the one sentence every host says about it (after naming where
/// the value came from: <c>--regency</c>, the route, an inbox folder): what is wrong and what to write instead, in
/// English (<see cref="Message"/>) and Bahasa Indonesia (<see cref="MessageId"/>).</summary>
public sealed record RegencyLookupError(RegencyLookupFailure Failure, string Text, IReadOnlyList<Regency> Candidates, string Message, string MessageId);

/// <summary>
/// Resolves the regency a caller names (a route, <c>--regency</c>, an inbox folder, a source) through the registry in
/// use: a Kemendagri code, a BPS code in the BPS scheme, or a name. One error vocabulary for every host.
/// </summary>
public sealed class RegencyLookupService(IReferenceData referenceData)
{
    public async Task<Result<Regency, RegencyLookupError>> FindAsync(string text, RegencyScheme scheme, CancellationToken cancellationToken) =>
        Find((await referenceData.GetAsync(cancellationToken)).Registry, text, scheme);

    /// <summary><c>all</c> names the folder of multi-regency files (<see cref="ImportRequest.AllRegencies"/>), which
    /// is readable but not a regency.</summary>
    public static bool IsAllRegencies(string text) => text.Trim().Equals(ImportRequest.AllRegencies, StringComparison.OrdinalIgnoreCase);

    /// <summary>The lookup over a given registry (the CLI's local files).</summary>
    public static Result<Regency, RegencyLookupError> Find(RegencyRegistry registry, string text, RegencyScheme scheme)
    {
        if (registry.Count == 0)
        {
            return new RegencyLookupError(RegencyLookupFailure.EmptyRegistry, text, [],
                $"'{text}' cannot be resolved: the regency registry is empty.",
                $"'{text}' tidak dapat dicari karena daftar wilayah (registry) masih kosong; muat daftar wilayah terlebih dahulu.");
        }

        var resolution = registry.Resolve(text, scheme);
        if (resolution.Regency is { } regency)
        {
            return regency;
        }

        if (resolution.Ambiguous)
        {
            var example = resolution.Candidates[0].Code;
            return new RegencyLookupError(RegencyLookupFailure.Ambiguous, text, resolution.Candidates,
                $"'{text}' matches {string.Join(" and ", resolution.Candidates)}: give the Kemendagri code (such as {example}) or the full name with its prefix (Kabupaten/Kota).",
                $"'{text}' cocok dengan lebih dari satu wilayah: {string.Join(" dan ", resolution.Candidates)}. Tulis kode Kemendagri (misalnya {example}) atau nama lengkap dengan awalan Kabupaten/Kota.");
        }

        var hint = scheme == RegencyScheme.Bps
            ? ("use a four-digit BPS code of the registry such as 1308, a Kemendagri code written with its dot such as 13.07, or the regency's name",
                "tulis kode BPS empat angka yang ada di daftar wilayah, misalnya 1308, kode Kemendagri dengan titik, misalnya 13.07, atau nama kabupaten/kota")
            : ("use a Kemendagri code such as 13.07, a BPS code in the BPS scheme, or the regency's name",
                "tulis kode Kemendagri seperti 13.07, kode BPS dengan skema BPS, atau nama kabupaten/kota");
        return new RegencyLookupError(RegencyLookupFailure.Unknown, text, resolution.Candidates,
            $"'{text}' is not a known regency ({resolution.Note ?? hint.Item1}).",
            $"'{text}' tidak ditemukan di daftar wilayah ({resolution.NoteId ?? hint.Item2}).");
    }
}
