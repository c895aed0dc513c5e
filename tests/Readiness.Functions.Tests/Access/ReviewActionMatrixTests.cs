using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Core.Review;
using Readiness.Functions.Http;
using Readiness.Functions.Tests.Http;
using static Readiness.Functions.Tests.Access.AccessFixture;

namespace Readiness.Functions.Tests.Access;

/// <summary>
/// The authorization matrix of the review actions (issue 14): every action × every kind of key, each on a
/// regency-year of its own brought to the state the action starts from, asserting the status: the regency submits its
/// own year, its province's Walidata verifies and returns, the ministry does everything (approve, reopen, unlock
/// alone). The bad credentials of <c>POST …/review</c> are cells of <see cref="AuthorizationMatrixTests"/>.
/// </summary>
public class ReviewActionMatrixTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    private static readonly Credential[] Keys =
        [Credential.OwnRegencyKey, Credential.OtherRegencyKey, Credential.OwnProvinceKey, Credential.OtherProvinceKey, Credential.AdminKey];

    /// <summary>Each action, the state it starts from, and the keys allowed to take it.</summary>
    private static readonly (ReviewAction Action, ReviewAction[] Before, Credential[] Allowed)[] Actions =
    [
        (ReviewAction.Submit, [], [Credential.OwnRegencyKey, Credential.AdminKey]),
        (ReviewAction.Verify, [ReviewAction.Submit], [Credential.OwnProvinceKey, Credential.AdminKey]),
        (ReviewAction.Return, [ReviewAction.Submit], [Credential.OwnProvinceKey, Credential.AdminKey]),
        (ReviewAction.Approve, [ReviewAction.Submit, ReviewAction.Verify], [Credential.AdminKey]),
        (ReviewAction.Reopen, [ReviewAction.Submit, ReviewAction.Verify, ReviewAction.Approve], [Credential.AdminKey]),
        (ReviewAction.Unlock, [], [Credential.AdminKey]),
    ];

    public static TheoryData<ReviewAction, Credential> Cells
    {
        get
        {
            var cells = new TheoryData<ReviewAction, Credential>();
            foreach (var (action, _, _) in Actions)
            {
                foreach (var key in Keys)
                {
                    cells.Add(action, key);
                }
            }

            return cells;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task ReviewAction_WithKey_AnswersTheStatusOfTheRules(ReviewAction action, Credential credential)
    {
        var app = fixture.Untrusting;
        var (_, before, allowed) = Actions.Single(a => a.Action == action);
        var year = PreparedApp.FreshYear();
        var service = app.App.Services.GetRequiredService<ReviewService>();
        var ministry = new Caller(Role.Admin, null, "key:setup");
        foreach (var step in before)
        {
            Assert.True((await service.TakeAsync(new ReviewCommand(ministry, Own, int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), step, "setup"), CancellationToken.None)).Done);
        }

        var key = credential switch
        {
            Credential.OwnRegencyKey => app.App.KeyFor(Own),
            Credential.OtherRegencyKey => app.App.KeyFor(Other),
            Credential.OwnProvinceKey => app.ProvinceKey,
            Credential.OtherProvinceKey => app.OtherProvinceKey,
            _ => app.App.AdminKey,
        };
        var body = $$"""{"action":"{{action.Name()}}","comment":"alasan","until":"2099-12-31"}""";

        var response = Response.Of(await app.App.Create<ReviewFunctions>().PostReview(
            Requests.Send("POST", body: body, contentType: "application/json").WithBearer(key), Own, year, app.App.Context));

        var expected = allowed.Contains(credential) ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
        Assert.True(expected == response.Status, $"{action} with {credential}: expected {expected}, got {response.Status} {response.Json}");
        if (expected == StatusCodes.Status403Forbidden)
        {
            Assert.True(response.IsProblem);
            Assert.Contains("tidak boleh", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            // Hard-coded nowhere: the state the rules lead to from the one the setup left.
            var from = before.Aggregate(ReviewState.Open, (state, step) => ReviewRules.Target(step, state)!.Value);
            Assert.Equal(ReviewRules.Target(action, from).ToString(), response.Json.GetProperty("review").GetProperty("state").GetString());
        }
    }
}
