using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace Readiness.DevHost;

/// <summary>
/// The <see cref="FunctionContext"/> the local host hands a function: what the app reads from the worker's (the
/// invocation id, the function's name, the request's services, the trigger's binding data such as a queue message's
/// <c>DequeueCount</c>) and empty, working versions of the rest.
/// </summary>
public sealed class LocalFunctionContext(AppFunction function, IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken) : FunctionContext
{
    /// <summary>Where the worker's ASP.NET Core integration keeps the request (<c>context.GetHttpContext()</c> reads it).</summary>
    public const string HttpContextItem = "HttpRequestContext";

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new LocalTraceContext(Activity.Current?.Id ?? "", Activity.Current?.TraceStateString ?? "");

    public override BindingContext BindingContext { get; } = new LocalBindingContext(bindingData);

    public override RetryContext RetryContext { get; } = new LocalRetryContext();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition { get; } = new LocalFunctionDefinition(function);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    private sealed class LocalTraceContext(string traceParent, string traceState) : TraceContext
    {
        public override string TraceParent { get; } = traceParent;

        public override string TraceState { get; } = traceState;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = data;
    }

    private sealed class LocalRetryContext : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class LocalFunctionDefinition(AppFunction function) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } = [];

        public override string PathToAssembly { get; } = function.Class.Assembly.Location;

        public override string EntryPoint { get; } = function.Class.FullName + "." + function.Method.Name;

        public override string Id { get; } = function.Name;

        public override string Name { get; } = function.Name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class LocalInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance)
        {
            if (instance is null)
            {
                _features.Remove(typeof(T));
            }
            else
            {
                _features[typeof(T)] = instance;
            }
        }

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
