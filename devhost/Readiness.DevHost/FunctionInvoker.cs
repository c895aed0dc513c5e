using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Readiness.DevHost;

/// <summary>
/// Calls a function as the worker does: the class made from the invocation's services with
/// <see cref="ActivatorUtilities"/> (constructor arguments from the app's DI), parameters bound by type
/// (<see cref="FunctionContext"/>, <see cref="CancellationToken"/>) or by the caller's binder (the trigger, route
/// values by name), the returned task awaited and its result handed back. The function's own exception is rethrown
/// as it was thrown, not wrapped in a <see cref="TargetInvocationException"/>.
/// </summary>
public static class FunctionInvoker
{
    /// <param name="bind">The value of a parameter that is not a context or a token; <see cref="Unbound"/> when it
    /// has none (the parameter's default, or null, is passed).</param>
    public static async Task<object?> InvokeAsync(AppFunction function, FunctionContext context, Func<ParameterInfo, object?> bind)
    {
        var services = context.InstanceServices;
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, function.Class);
        var arguments = function.Method.GetParameters().Select(p => Bind(p, context, bind)).ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        try
        {
            switch (returned)
            {
                case Task task:
                    await task;
                    return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
                case ValueTask valueTask:
                    await valueTask;
                    return null;
                default:
                    return returned;
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>What a binder returns for a parameter it has no value for.</summary>
    public static readonly object Unbound = new();

    /// <summary>A route value or binding datum as the parameter's type (invariant culture), as the worker converts them.</summary>
    public static object? Convert(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            null => null,
            _ when target.IsInstanceOfType(value) => value,
            string s when target.IsEnum => Enum.Parse(target, s, ignoreCase: true),
            IConvertible => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static object? Bind(ParameterInfo parameter, FunctionContext context, Func<ParameterInfo, object?> bind)
    {
        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context.CancellationToken;
        }

        var value = bind(parameter);
        if (!ReferenceEquals(value, Unbound))
        {
            return value;
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue
            : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType)
            : null;
    }
}
