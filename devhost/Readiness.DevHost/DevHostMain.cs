using System.Globalization;
using Microsoft.Extensions.Logging;
using Readiness.Storage;

namespace Readiness.DevHost;

/// <summary>
/// <c>dotnet run --project devhost/Readiness.DevHost</c>: the API on <c>http://127.0.0.1:7071</c> (<c>PORT</c>
/// overrides), over the storage in <c>AzureWebJobsStorage</c> (the local Azurite by default), with the queue
/// functions running. <c>--timers InboxTimer,ScoreTimer</c> runs those timers on their schedules too;
/// <c>--seed-samples</c> loads the sample registry and the default catalog into empty tables.
/// ./scripts/serve.sh starts Azurite and runs this.
/// </summary>
public static class DevHostMain
{
    public static async Task<int> Main(string[] args)
    {
        var port = Environment.GetEnvironmentVariable("PORT") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : 7071;
        var timers = args.SkipWhile(a => a != "--timers").Skip(1).FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var connection = Environment.GetEnvironmentVariable(StorageAccount.ConnectionSetting) is { Length: > 0 } ? null : StorageAccount.Development;
        var app = LocalFunctionsHost.Build(new LocalHostOptions
        {
            Url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            StorageConnection = connection,
            Timers = timers,
            SeedSamples = args.Contains("--seed-samples"),
            // The app's own logs, not a line per request from ASP.NET Core.
            ConfigureLogging = logging => logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning),
            Args = [.. args.Where((a, i) => a is not ("--timers" or "--seed-samples") && (i == 0 || args[i - 1] != "--timers"))],
        });
        await app.RunAsync();
        return 0;
    }
}
