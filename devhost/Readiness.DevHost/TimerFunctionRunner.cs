using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Readiness.DevHost;

/// <summary>The timer functions a local host runs on their schedules, by function name.</summary>
public sealed record TimerSelection(IReadOnlyList<string> Names);

/// <summary>
/// Runs the selected timer functions on their schedules, as the Functions host does: the attribute's schedule (a
/// six-field NCRONTAB, or a <c>%Setting%</c> naming one, in UTC), <c>RunOnStartup</c> honoured, one run at a time per
/// function, a failure logged and the next occurrence awaited. No schedule monitor: a run missed while the host was
/// stopped is not made up (<see cref="TimerInfo.IsPastDue"/> is always false).
/// </summary>
public sealed class TimerFunctionRunner(
    FunctionCatalog catalog,
    TimerSelection selection,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerFunctionRunner> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Unknown names and unreadable schedules stop the host before it serves: a typo must not go unnoticed.
        foreach (var name in selection.Names)
        {
            var function = Find(name);
            _ = Schedule(function);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>The schedule of <paramref name="function"/>, its <c>%Setting%</c> read from the configuration.</summary>
    public CrontabSchedule Schedule(TimerFunction function)
    {
        var expression = QueueFunctionRunner.Resolve(function.Schedule, configuration);
        return CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidOperationException($"{function.Name}: '{expression}' is not a six-field NCRONTAB schedule (second minute hour day month weekday).");
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(selection.Names.Select(name => RunAsync(Find(name), stoppingToken)));

    private TimerFunction Find(string name) =>
        catalog.Timers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No timer function is named '{name}'. The app's timers: {string.Join(", ", catalog.Timers.Select(t => t.Name))}.");

    private async Task RunAsync(TimerFunction function, CancellationToken stoppingToken)
    {
        var schedule = Schedule(function);
        DateTime? last = null;
        if (function.RunOnStartup)
        {
            last = await InvokeAsync(function, schedule, last, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(now);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            last = await InvokeAsync(function, schedule, last, stoppingToken);
        }
    }

    private async Task<DateTime> InvokeAsync(TimerFunction function, CrontabSchedule schedule, DateTime? last, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var timer = new TimerInfo
        {
            IsPastDue = false,
            ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = new LocalFunctionContext(function, scope.ServiceProvider, new Dictionary<string, object?>(), stoppingToken);
            await FunctionInvoker.InvokeAsync(function, context, parameter => parameter.ParameterType == typeof(TimerInfo) ? timer : FunctionInvoker.Unbound);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Timer {Function} failed; it runs again at its next occurrence", function.Name);
        }

        return now;
    }
}
