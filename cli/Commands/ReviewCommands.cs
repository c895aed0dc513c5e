using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Access;
using Readiness.Core.Registry;
using Readiness.Core.Review;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness review status|list|submit|verify|approve|return|reopen|unlock</c>: the review of regency-years
/// (<see cref="ReviewService"/>). The CLI runs with the storage account's own rights, so it acts as the ministry
/// (admin); its history entries name the operating-system user (<c>cli:NAME</c>).
/// </summary>
internal static class ReviewCommands
{
    public static Command Create()
    {
        var command = new Command("review", "The review of a regency-year: Open → Submitted (regency) → Verified (province Walidata) → Approved (ministry); return, reopen, lock exceptions, the work list.");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Action(ReviewAction.Submit, "Submit a regency-year for review (it is then locked); shows its completeness and open data-quality flags."));
        command.Subcommands.Add(Action(ReviewAction.Verify, "Verify a submitted regency-year (the province's Walidata check)."));
        command.Subcommands.Add(Action(ReviewAction.Approve, "Approve a verified regency-year: its scores become final."));
        command.Subcommands.Add(Action(ReviewAction.Return, "Return a submitted or verified regency-year to Open, saying why (--comment is required)."));
        command.Subcommands.Add(Action(ReviewAction.Reopen, "Reopen an approved regency-year, saying why (--comment is required)."));
        command.Subcommands.Add(Action(ReviewAction.Unlock, "Grant a lock exception: the regency-year takes uploads after its closing date until --until (WIB)."));
        return command;
    }

    /// <summary>Who the CLI acts as: the ministry, named by the operating-system user for the history.</summary>
    public static Caller Operator { get; } = new(Role.Admin, null, $"cli:{Environment.UserName}");

    private static Command Status()
    {
        var (regency, year) = (CommonOptions.StoredRegency("The regency: a Kemendagri code such as 13.07, or a name."), CommonOptions.Year("The reporting year."));
        var json = CommonOptions.Json("Print the review as JSON (state, final, lock, calendar, history, open data-quality flags).");
        var command = new Command("status", "Show the review state of a regency-year, its lock, reporting window, history and open data-quality flags.");
        command.Options.Add(regency);
        command.Options.Add(year);
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetRequiredValue(regency), cancellationToken))!.Code;
            var status = await services.GetRequiredService<ReviewService>().GetStatusAsync(code, parseResult.GetValue(year), cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, status);
            }
            else
            {
                Print(console.Out, status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var year = CommonOptions.Year("The reporting year.");
        var province = new Option<string?>("--province") { Description = "Only this province (two-digit code, such as 13).", HelpName = "PP" };
        var state = new Option<string?>("--state") { Description = "Only regency-years in this state: Open, Submitted, Verified or Approved.", HelpName = "STATE" };
        var json = CommonOptions.Json("Print the work list as JSON.");
        var command = new Command("list", "The work list of a year: every regency with its review state and open data-quality flags (a Walidata's with --province, what waits with --state Submitted).");
        command.Options.Add(year);
        command.Options.Add(province);
        command.Options.Add(state);
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var provinceCode = parseResult.GetValue(province)?.Trim();
            if (provinceCode is not null && !RegencyRegistry.IsProvinceCode(provinceCode))
            {
                throw new CliException($"--province takes a two-digit province code (such as 13), not '{provinceCode}'.");
            }

            ReviewState? only = null;
            if (parseResult.GetValue(state) is { } text)
            {
                only = ReviewNames.TryParseState(text, out var parsed) ? parsed : throw new CliException($"--state must be Open, Submitted, Verified or Approved, not '{text}'.");
            }

            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var items = await services.GetRequiredService<ReviewService>().ListAsync(parseResult.GetValue(year), provinceCode, only, cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, items);
                return ExitCodes.Success;
            }

            var table = new TextTable(new("code"), new("regency"), new("province"), new("state"), new("changed"), new("unlocked until"), TextColumn.Number("flags"));
            foreach (var item in items)
            {
                table.Add(item.RegencyCode, item.RegencyName, item.ProvinceCode, item.State.ToString(),
                    item.ChangedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-",
                    item.UnlockedUntil is { } until ? ReportingPeriod.Format(until) : "-",
                    item.OpenFlags.ToString(CultureInfo.InvariantCulture));
            }

            table.Write(console.Out);
            var counts = string.Join(", ", items.GroupBy(i => i.State).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{items.Count} regencies{(items.Count > 0 ? $": {counts}" : "")}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Action(ReviewAction action, string description)
    {
        var regency = CommonOptions.StoredRegency("The regency: a Kemendagri code such as 13.07, or a name.");
        var year = CommonOptions.Year("The reporting year.");
        var comment = new Option<string?>("--comment") { Description = ReviewRules.NeedsComment(action) ? "Why (required): the regency reads it." : "A comment for the history.", HelpName = "TEXT" };
        var until = new Option<DateOnly?>("--until")
        {
            Description = "The last day (yyyy-MM-dd, WIB) uploads are taken.",
            HelpName = "DATE",
            Required = action == ReviewAction.Unlock,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return day;
                }

                result.AddError($"--until must be a date yyyy-MM-dd (such as 2025-03-31), not '{text}'.");
                return null;
            },
        };
        var json = CommonOptions.Json("Print the result as JSON.");
        var command = new Command(action.Name(), description);
        command.Options.Add(regency);
        command.Options.Add(year);
        command.Options.Add(comment);
        if (action == ReviewAction.Unlock)
        {
            command.Options.Add(until);
        }

        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetRequiredValue(regency), cancellationToken))!.Code;
            var outcome = await services.GetRequiredService<ReviewService>().TakeAsync(
                new ReviewCommand(Operator, code, parseResult.GetValue(year), action, parseResult.GetValue(comment), action == ReviewAction.Unlock ? parseResult.GetValue(until) : null),
                cancellationToken);
            if (!outcome.Done)
            {
                throw new CliException($"{outcome.Message}\n{outcome.MessageId}", outcome.Kind == ReviewOutcomeKind.Invalid ? ExitCodes.Usage : ExitCodes.Invalid);
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, new { review = outcome.Status, findings = outcome.Findings });
                return ExitCodes.Success;
            }

            Print(console.Out, outcome.Status!, withFlags: outcome.Findings is null);
            if (outcome.Findings is { } findings)
            {
                PrintFindings(console.Out, findings);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, ReviewStatus status, bool withFlags = true)
    {
        var review = status.Review;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{review.RegencyCode} {review.Year}: {review.State}{(status.IsFinal ? " (final)" : "")}"));
        if (status.Period is { } period)
        {
            output.WriteLine($"Reporting window: opens {ReportingPeriod.Format(period.Opens)}, due {ReportingPeriod.Format(period.Due)}, closes {ReportingPeriod.Format(period.Closes)} (WIB)");
        }

        if (review.UnlockedUntil is { } until)
        {
            output.WriteLine($"Lock exception until {ReportingPeriod.Format(until)} (WIB)");
        }

        output.WriteLine(status.Lock.Locked ? $"Uploads: locked. {status.Lock.ToError().Message}" : $"Uploads: taken{(status.Lock.Late ? " (late)" : "")}.");
        if (withFlags)
        {
            PrintFlags(output, status.QualityFlags);
        }

        if (review.History.Count == 0)
        {
            output.WriteLine("History: none yet.");
            return;
        }

        var table = new TextTable(TextColumn.Number("#"), new("at (UTC)"), new("action"), new("from"), new("to"), new("by"), new("role"), new("comment"));
        foreach (var t in review.History)
        {
            table.Add(t.Sequence.ToString(CultureInfo.InvariantCulture), t.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), t.Action.Name(),
                t.From.ToString(), t.To.ToString(), t.By, t.Role, t.UnlockedUntil is { } u ? $"until {ReportingPeriod.Format(u)}; {t.Comment}" : t.Comment ?? "");
        }

        table.Write(output);
    }

    private static void PrintFindings(TextWriter output, SubmissionFindings findings)
    {
        if (findings.Completeness is { } c)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Completeness: {c.Reported.Count} of {c.Reported.Count + c.Missing.Count} indicators reported{(c.Missing.Count > 0 ? $"; missing: {string.Join(' ', c.Missing)}" : "")}."));
        }

        PrintFlags(output, findings.Quality);
    }

    private static void PrintFlags(TextWriter output, IReadOnlyList<Core.Quality.QualityFinding> flags)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Open data-quality flags: {flags.Count}."));
        foreach (var flag in flags)
        {
            output.WriteLine($"  {flag.Code} {flag.Subject}: {flag.Message}");
        }
    }
}
