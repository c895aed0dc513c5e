using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core.Ingestion;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// Opens the storage account a command works on and wires the same services the functions app uses
/// (<see cref="ReadinessServiceCollectionExtensions.AddReadiness(IServiceCollection, StorageAccount)"/>), so the CLI adds
/// no logic of its own.
/// </summary>
internal static partial class Pipeline
{
    /// <summary>Whether a connection string means the local Azurite on its well-known ports.</summary>
    public static bool IsLocalDevelopment(string connection) =>
        string.Equals(connection.Trim().TrimEnd(';'), StorageAccount.Development, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The account for <c>--connection</c> (default: the local Azurite) and <c>--storage-prefix</c>, with every table,
    /// container and queue created if missing. Fails fast, with what to do, when the local Azurite is not running.
    /// </summary>
    public static async Task<StorageAccount> OpenAsync(string? connection, string? prefix, CancellationToken cancellationToken)
    {
        connection ??= StorageAccount.Development;
        prefix ??= "";
        if (prefix.Length > 0 && !PrefixPattern().IsMatch(prefix))
        {
            throw new CliException($"--storage-prefix '{prefix}' must be a lowercase letter followed by up to 20 lowercase letters or digits.");
        }

        if (IsLocalDevelopment(connection) && !await LocalPorts.IsListeningAsync(LocalAzurite.TablePort, cancellationToken))
        {
            throw new CliException(
                $"Nothing listens on 127.0.0.1:{LocalAzurite.TablePort}, where the default connection ({StorageAccount.Development}) expects Azurite's table service. " +
                "Start Azurite in the repository ('npm ci' once, then 'npm run azurite'), or run 'readiness demo', which starts and stops its own, " +
                "or pass --connection with a storage account's connection string.",
                ExitCodes.Failure);
        }

        StorageAccount account;
        try
        {
            account = StorageAccount.Open(connection, prefix);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            throw new CliException($"--connection is neither a usable storage connection string nor an https service endpoint: {e.Message}");
        }

        // In Azure the templates create every table, container and queue, and an operator's roles need not include
        // creating them; locally (Azurite, connection strings) the CLI creates what is missing.
        if (!account.IdentityBased)
        {
            await account.EnsureCreatedAsync(cancellationToken);
        }

        return account;
    }

    /// <summary>
    /// The pipeline's services over <paramref name="account"/>, validating against its <c>regencies</c> and
    /// <c>indicators</c> tables. <paramref name="configure"/> runs after the pipeline's registrations and sets from a
    /// command's options what the functions app reads from its <c>Readiness__*</c> app settings
    /// (<c>services.Configure&lt;ImportOptions&gt;</c> for the inbox settle time, <c>SourceOptions</c> for plain http).
    /// </summary>
    public static ServiceProvider BuildServices(StorageAccount account, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        // Service logs are for operators: warnings and worse only, and on stderr so stdout stays the command's output.
        // Retries of a remote source are Polly's to log, with stack traces; the outcome is on the source's row, which
        // 'sources run' prints, and the service logs one warning line per failed source.
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Polly", LogLevel.None)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.None)
            .AddSimpleConsole(options => options.SingleLine = true)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddReadiness(account);

        // An operator waits for the result: the CLI processes every file in the foreground, whatever its size,
        // instead of queueing large ones for the functions app as the HTTP upload does.
        services.Configure<ImportOptions>(import => import.AsyncThresholdBytes = long.MaxValue);
        if (PauseAtCheckpoint.FromEnvironment() is { } pause)
        {
            services.AddSingleton<Readiness.Core.Ports.IImportCheckpoints>(pause);
        }

        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,20}$")]
    private static partial Regex PrefixPattern();
}
