using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Readiness.DevHost;

/// <summary>A <c>[Function]</c> method of the app: its name, class and method, as the worker indexes it.</summary>
public abstract record AppFunction(string Name, Type Class, MethodInfo Method);

/// <summary>An HTTP function: the route template (host.json prefix + the attribute's <c>Route</c>, or the function
/// name) and its methods (upper case; empty means any method).</summary>
public sealed record HttpFunction(string Name, Type Class, MethodInfo Method, string RouteTemplate, IReadOnlyList<string> Methods) : AppFunction(Name, Class, Method);

/// <summary>A queue function: the queue it listens on (app settings in <c>%…%</c> resolved when it starts).</summary>
public sealed record QueueFunction(string Name, Type Class, MethodInfo Method, string QueueName) : AppFunction(Name, Class, Method);

/// <summary>A timer function: its schedule as the attribute states it (an NCRONTAB or a <c>%Setting%</c>).</summary>
public sealed record TimerFunction(string Name, Type Class, MethodInfo Method, string Schedule, bool RunOnStartup) : AppFunction(Name, Class, Method);

/// <summary>
/// The app's functions, found the way the Functions SDK finds them: every public method with <c>[Function]</c> in the
/// functions assembly, its trigger read from the parameter that carries the trigger attribute. The attributes are the
/// one source of truth; nothing here repeats a route, a queue or a schedule.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<HttpFunction> http, IReadOnlyList<QueueFunction> queues, IReadOnlyList<TimerFunction> timers)
    {
        Http = http;
        Queues = queues;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyList<QueueFunction> Queues { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    /// <summary>The functions of the app's assembly (the one holding <see cref="Readiness.Functions.FunctionsApp"/>).</summary>
    public static FunctionCatalog OfApp(string routePrefix) => Discover(typeof(Readiness.Functions.FunctionsApp).Assembly, routePrefix);

    /// <exception cref="NotSupportedException">A function whose trigger or parameters the local host cannot bind.</exception>
    public static FunctionCatalog Discover(Assembly assembly, string routePrefix)
    {
        var http = new List<HttpFunction>();
        var queues = new List<QueueFunction>();
        var timers = new List<TimerFunction>();
        var methods = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract || t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(m => m.Function is not null);
        foreach (var (method, function) in methods)
        {
            var name = function!.Name;
            var type = method.DeclaringType!;
            var parameters = method.GetParameters();
            if (parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } trigger)
            {
                var triggerParameter = parameters.Single(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null);
                if (triggerParameter.ParameterType != typeof(HttpRequest))
                {
                    throw new NotSupportedException($"{name}: the local host binds an HTTP trigger to HttpRequest only, not {triggerParameter.ParameterType.Name}.");
                }

                var route = (trigger.Route ?? name).Trim('/');
                var template = string.IsNullOrEmpty(routePrefix) ? route : routePrefix + "/" + route;
                http.Add(new HttpFunction(name, type, method, template, [.. (trigger.Methods ?? []).Select(m => m.ToUpperInvariant())]));
            }
            else if (parameters.Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } queue)
            {
                queues.Add(new QueueFunction(name, type, method, queue.QueueName));
            }
            else if (parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null) is { } timer)
            {
                timers.Add(new TimerFunction(name, type, method, timer.Schedule, timer.RunOnStartup));
            }
            else
            {
                throw new NotSupportedException($"{name}: the local host runs HTTP, queue and timer functions only.");
            }
        }

        return new FunctionCatalog(http, queues, timers);
    }
}
