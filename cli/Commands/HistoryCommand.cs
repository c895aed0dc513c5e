using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;
using Readiness.Core.Audit;

namespace Readiness.Cli.Commands;

/// <summary>
/// <c>readiness history --regency CODE [--indicator GOV-01] [--period 2024] [--json]</c>: the values of a regency over
/// time, newest first, each with its upload, who sent it, when, and the value it replaced
/// (<see cref="HistoryService"/>).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var regency = CommonOptions.StoredRegency("The regency: a Kemendagri code such as 13.07, or a name.");
        var indicator = new Option<string?>("--indicator") { Description = "Only this indicator (a catalog code such as GOV-01)." };
        var period = new Option<string?>("--period") { Description = "Only this period: a year (2024, with its quarters and months), a quarter (2024Q1) or a month (2024-01)." };
        var json = CommonOptions.Json("Print the history as JSON (regency, indicator, period, count, changes[]), as GET /api/regencies/{code}/history answers it.");
        var command = new Command(
            "history",
            "Show the audit trail of a regency's stored values: every change, newest first, with the previous and the new value, " +
            "the upload that made it, the key (or path) that sent the upload, and when. Nothing is ever removed from it.");
        command.Options.Add(regency);
        command.Options.Add(indicator);
        command.Options.Add(period);
        command.Options.Add(json);
        var storage = StorageOptions.AddTo(command);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            await using var services = await storage.OpenServicesAsync(parseResult, cancellationToken);
            var code = (await StoredReference.ResolveRegencyAsync(services, parseResult.GetValue(regency)!, cancellationToken))!.Code;
            var history = services.GetRequiredService<HistoryService>();
            var query = await history.ParseAsync(parseResult.GetValue(indicator), parseResult.GetValue(period), cancellationToken);
            if (!query.Ok)
            {
                throw new CliException($"--{query.Error.Parameter}: {query.Error.Message}");
            }

            var found = await history.ReadAsync(code, query.Value, cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(console.Out, found);
            }
            else
            {
                Print(console.Out, found);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, RegencyHistory history)
    {
        var filter = string.Join(", ", new[] { history.Indicator, history.Period }.OfType<string>());
        output.WriteLine(Invariant($"History of {history.Regency}{(filter.Length > 0 ? $" ({filter})" : "")}: {history.Count} change(s), newest first."));
        if (history.Count == 0)
        {
            output.WriteLine("No stored value has changed yet (Belum ada nilai tersimpan yang berubah).");
            return;
        }

        var table = new TextTable(new("changed at (UTC)"), new("indicator"), new("period"), new("change"), TextColumn.Number("previous"), TextColumn.Number("new"), new("upload"), new("key"));
        foreach (var c in history.Changes)
        {
            table.Add(
                c.ChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                c.Indicator,
                c.Period,
                c.Change,
                c.PreviousValue is { } before ? Value(before, c.PreviousUnit) : "-",
                Value(c.Value, c.Unit),
                c.UploadId,
                TerminalText.Safe(c.KeyId));
        }

        table.Write(output);
    }

    private static string Value(double value, string? unit) =>
        unit is null ? value.ToString("R", CultureInfo.InvariantCulture) : Invariant($"{value.ToString("R", CultureInfo.InvariantCulture)} {TerminalText.Safe(unit)}");
}
