using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Readiness.Functions;
using Readiness.Storage;

namespace Readiness.DevHost;

/// <summary>How to run the local host.</summary>
public sealed record LocalHostOptions
{
    /// <summary>Where Kestrel listens (<c>http://127.0.0.1:0</c> picks a free port).</summary>
    public string Url { get; init; } = "http://127.0.0.1:7071";

    /// <summary>The storage connection string; null reads <c>AzureWebJobsStorage</c> from the configuration, as the app does.</summary>
    public string? StorageConnection { get; init; }

    /// <summary>A table/container/queue name prefix (tests, benchmarks); the app itself uses none.</summary>
    public string? StoragePrefix { get; init; }

    /// <summary>host.json's settings; null reads the app's host.json (a test shortens the queue's retry delay here).</summary>
    public HostSettings? Host { get; init; }

    /// <summary>Whether the queue functions run (the upload and score queues and their poison queues).</summary>
    public bool RunQueues { get; init; } = true;

    /// <summary>Load the sample registry and the default catalog into empty tables on start-up (development).</summary>
    public bool SeedSamples { get; init; }

    /// <summary>Timer functions to run on their schedules, by function name; none by default (the CLI runs them).</summary>
    public IReadOnlyList<string> Timers { get; init; } = [];

    /// <summary>App settings on top of the environment's (<c>Readiness:MaxUploadBytes</c>, schedules…).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs after the app's registrations: options and replacements, as a test needs them.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Logging on top of the console's defaults (a test keeps warnings only).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The command line, for configuration (<c>--Readiness:MaxUploadBytes=…</c>).</summary>
    public string[] Args { get; init; } = [];
}

/// <summary>
/// The app's functions behind a plain Kestrel server, for development, the HTTP and browser tests and the benchmark
/// (the Functions host cannot run on these machines). The services are the app's own
/// (<see cref="FunctionsApp.AddReadinessFunctions"/>, the same call as <c>functions/Program.cs</c>, so the same body
/// limits and storage set-up), the routes and queues are read from the function attributes
/// (<see cref="FunctionCatalog"/>) and host.json (<see cref="HostSettings"/>). What it does not reproduce of the
/// Functions host is listed in the README ("Run the API and the portal locally").
/// </summary>
public static class LocalFunctionsHost
{
    public static WebApplication Build(LocalHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args, ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>(options.Settings);
        if (options.StorageConnection is { } connection)
        {
            settings[StorageAccount.ConnectionSetting] = connection;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(options.Url);
        options.ConfigureLogging?.Invoke(builder.Logging);

        var host = options.Host ?? HostSettings.Load();
        var catalog = FunctionCatalog.OfApp(host.RoutePrefix);
        builder.Services.AddReadinessFunctions(builder.Configuration);
        // The request span the Functions host makes in Azure, which this host stands in for: ASP.NET Core's own activity
        // per request, so an upload's trace starts at its HTTP request here too.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource("Microsoft.AspNetCore"));
        if (!string.IsNullOrEmpty(options.StoragePrefix))
        {
            var configuration = builder.Configuration;
            builder.Services.Replace(ServiceDescriptor.Singleton(_ =>
                StorageAccount.Open(configuration[StorageAccount.ConnectionSetting] ?? StorageAccount.Development, options.StoragePrefix)));
        }

        // The executors of IActionResult (ContentResult, FileResult, ObjectResult…), as the worker's integration has them.
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(catalog);
        if (options.SeedSamples)
        {
            builder.Services.AddHostedService<SampleReferenceLoader>();
        }

        if (options.RunQueues)
        {
            builder.Services.AddHostedService<QueueFunctionRunner>();
        }

        if (options.Timers.Count > 0)
        {
            builder.Services.AddSingleton(new TimerSelection(options.Timers));
            builder.Services.AddHostedService<TimerFunctionRunner>();
        }
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        HttpFunctionEndpoints.Map(app, catalog);
        return app;
    }
}
