using Microsoft.AspNetCore.Http;
using Readiness.Core;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>
/// The <c>province</c> query option of the read endpoints (scores, completeness, quality, the review work list), read
/// one way: given at most once, trimmed, two digits (else 400), and the province of some regency of the registry (else
/// 404, so a typo is not answered with an empty list that looks like "nothing to do").
/// </summary>
public static class ProvinceFilter
{
    public const string Parameter = "province";

    /// <summary>The province to filter by, null when the option is absent, or the problem to answer.</summary>
    public static async Task<Result<string?, ApiProblem>> ReadAsync(IQueryCollection query, ScoreService scores, CancellationToken cancellationToken)
    {
        var text = QueryOptions.Single(query, Parameter);
        if (!text.Ok)
        {
            return ApiProblem.BadOption(text.Error);
        }

        if (text.Value?.Trim() is not { } province)
        {
            return Result<string?, ApiProblem>.Success(null);
        }

        return await scores.CheckProvinceAsync(province, cancellationToken) switch
        {
            ProvinceCheck.Malformed => ApiProblem.BadOption(new OptionError(Parameter, province,
                "province must be a two-digit Kemendagri province code, such as province=13 (provinsi: kode provinsi dua digit, misalnya province=13).")),
            ProvinceCheck.Unknown => new ApiProblem(StatusCodes.Status404NotFound, "Unknown province",
                $"No regency of the registry is in province '{province}' (tidak ada kabupaten/kota di provinsi '{province}' dalam registri).", Parameter,
                new Dictionary<string, object?> { ["value"] = province }),
            _ => Result<string?, ApiProblem>.Success(province),
        };
    }
}
