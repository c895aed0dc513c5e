using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Storage;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// <c>--connection</c> and <c>--storage-prefix</c> of a command that works on storage, and the one way such a command
/// opens it: <see cref="Pipeline.OpenAsync"/> for the account, <see cref="Pipeline.BuildServices"/> for the services.
/// </summary>
internal sealed class StorageOptions
{
    private readonly Option<string?> _connection = CommonOptions.Connection();
    private readonly Option<string?> _prefix = CommonOptions.StoragePrefix();

    /// <summary>Adds both options to <paramref name="command"/>, after the options it already has (help lists them last).</summary>
    public static StorageOptions AddTo(Command command)
    {
        var storage = new StorageOptions();
        command.Options.Add(storage._connection);
        command.Options.Add(storage._prefix);
        return storage;
    }

    public Task<StorageAccount> OpenAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        Pipeline.OpenAsync(parseResult.GetValue(_connection), parseResult.GetValue(_prefix), cancellationToken);

    /// <summary>The account opened and the pipeline's services over it (see <see cref="Pipeline.BuildServices"/>).</summary>
    public async Task<ServiceProvider> OpenServicesAsync(
        ParseResult parseResult, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null) =>
        Pipeline.BuildServices(await OpenAsync(parseResult, cancellationToken), configure);
}
