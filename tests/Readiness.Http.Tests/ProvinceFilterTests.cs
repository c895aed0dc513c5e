using System.Net;

namespace Readiness.Http.Tests;

/// <summary>
/// The <c>province</c> option of every endpoint that filters by it, over the loopback socket: read one way
/// (<c>ProvinceFilter</c>), so a typo is refused alike everywhere, with the option named and the fix said in Indonesian
/// too, instead of one endpoint answering an empty list that looks like "nothing to do".
/// </summary>
public class ProvinceFilterTests(ApiHostFixture api) : IClassFixture<ApiHostFixture>
{
    public static TheoryData<string> Endpoints => ["api/scores", "api/completeness", "api/quality", "api/review"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Province_MalformedIs400_UnknownIs404_TwiceIs400_KnownIs200(string endpoint)
    {
        async Task<(HttpStatusCode Status, string? Parameter, string? Detail)> GetAsync(string province)
        {
            using var response = await api.Admin.GetAsync($"{endpoint}?year=2024&{province}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (response.StatusCode, null, null);
            }

            var problem = await ApiHostFixture.JsonAsync(response);
            return (response.StatusCode, problem.GetProperty("parameter").GetString(), problem.GetProperty("detail").GetString());
        }

        var malformed = await GetAsync("province=1x");
        var unknown = await GetAsync("province=99");
        var twice = await GetAsync("province=13&province=31");
        var known = await GetAsync("province=%2013%20");

        Assert.Equal((HttpStatusCode.BadRequest, "province"), (malformed.Status, malformed.Parameter));
        Assert.Contains("kode provinsi dua digit, misalnya province=13", malformed.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "province"), (unknown.Status, unknown.Parameter));
        Assert.Contains("tidak ada kabupaten/kota di provinsi '99'", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "province"), (twice.Status, twice.Parameter));
        Assert.Equal(HttpStatusCode.OK, known.Status);
    }
}
