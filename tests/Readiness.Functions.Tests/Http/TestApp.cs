using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Functions.Http;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Functions.Tests.Http;

/// <summary>
/// The function classes over the real services and a fresh, uniquely named set of Azurite tables, containers and
/// queues with the sample registry loaded; removed again on dispose.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestApp(StorageAccount account, ServiceProvider services)
    {
        Account = account;
        _services = services;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);
        Context = context.Object;
    }

    public StorageAccount Account { get; }

    public UploadFunctions Functions => ActivatorUtilities.CreateInstance<UploadFunctions>(_services);

    public ImportService Imports => _services.GetRequiredService<ImportService>();

    public IObservationStore Observations => _services.GetRequiredService<IObservationStore>();

    public string InvocationId { get; } = "inv-" + Guid.NewGuid().ToString("N")[..12];

    public FunctionContext Context { get; }

    public static async Task<TestApp> CreateAsync(Action<ImportSettings>? configure = null)
    {
        var account = await Azurite.CreateAccountAsync();
        var services = new ServiceCollection()
            .AddSingleton(account)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.Configure<ImportSettings>(s => configure?.Invoke(s));
        var provider = services.AddReadinessServices().BuildServiceProvider();
        await provider.GetRequiredService<TableReferenceData>().ImportRegistryAsync(Samples.Registry.Regencies, CancellationToken.None);
        return new TestApp(account, provider);
    }

    /// <summary>The stored values of one regency, by row key (<c>{period}|{indicator}</c>).</summary>
    public Task<Dictionary<string, StoredValue>> StoredAsync(string regencyCode) =>
        Observations.ReadPartitionAsync(regencyCode, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Account.DeleteAllAsync();
        await _services.DisposeAsync();
    }
}
