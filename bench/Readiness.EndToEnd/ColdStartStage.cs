using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.EndToEnd;

/// <summary>
/// Stage <c>cold-start</c>: from starting the app's process to its first answered request, with and without
/// ReadyToRun, in the same run. The local host (devhost/Readiness.DevHost, which serves the app's own function
/// classes with the app's own <c>AddReadinessFunctions</c>) is published twice, portable (JIT) and ReadyToRun for
/// linux-x64 as the Function App is, and each build is started <see cref="Runs"/> times, interleaved, against one
/// Azurite: the time from <c>Process.Start</c> to the first 200 of <c>GET /api/indicators</c> with an admin key (the
/// process's start-up, the storage set-up on start, the access check and a catalog read from Table Storage).
/// </summary>
public static class ColdStartStage
{
    public const string Name = "cold-start";
    public const int Runs = 10;
    private const string Section = "Cold start";

    public static async Task RunAsync(BenchReport report, string work)
    {
        Console.WriteLine("Stage cold-start: publishing the local host without ReadyToRun, with it, and as the worker runs it");
        var jit = Path.Combine(work, "cold-start-jit");
        var r2rTiered = Path.Combine(work, "cold-start-r2r-tiered");
        var r2r = Path.Combine(work, "cold-start-r2r");
        var project = Path.Combine(BenchDataSet.RepositoryRoot, "devhost", "Readiness.DevHost", "Readiness.DevHost.csproj");
        // ReadinessReadyToRun=false: the functions project's own publish setting stays out of the devhost's publish;
        // the ReadyToRun builds are ReadyToRun as a whole (the app's assemblies and their dependencies, as in Azure),
        // with the worker's runtime settings (functions/WorkerRuntime.props). The worker's build has tiered compilation
        // off (precompiled code is final: less memory per import); the tiered one turns it back on, so the two rows
        // tell what ReadyToRun gains and what that memory setting costs at start-up.
        string[] readyToRun = ["-p:ReadinessReadyToRun=false", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-p:ReadinessWorkerRuntime=true"];
        await PublishAsync(project, jit, "-p:ReadinessReadyToRun=false", "-p:PublishReadyToRun=false");
        await PublishAsync(project, r2rTiered, [.. readyToRun, "-p:TieredCompilation=true"]);
        await PublishAsync(project, r2r, readyToRun);
        RequireTiering(r2rTiered, true);
        RequireTiering(r2r, false);

        await using var azurite = await AzuriteProcess.StartAsync(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory());
        // One untimed start of each creates the tables and seeds the sample registry and catalog; it also puts the
        // builds in the file cache, so no timed run pays for the disk.
        string[] builds = [jit, r2rTiered, r2r];
        foreach (var build in builds)
        {
            await StartAndAnswerAsync(build, azurite.ConnectionString, key: null);
        }

        var key = await AdminKeyAsync(azurite.ConnectionString);
        var times = builds.ToDictionary(b => b, _ => new List<double>());
        for (var run = 0; run < Runs; run++)
        {
            // Interleaved, so a noisy neighbour on the shared machine hits every build alike.
            foreach (var build in builds)
            {
                times[build].Add(await StartAndAnswerAsync(build, azurite.ConnectionString, key));
            }
        }

        string Summary(string build) => string.Create(CultureInfo.InvariantCulture, $"p50 {Stats.Median(times[build]):0} ms, p90 {Stats.Percentile(times[build], 90):0} ms");
        report.Add(new ResultRow(
            $"cold start: process start to the first answered request (`GET /api/indicators`), ReadyToRun linux-x64, tiered compilation on (median of {Runs})",
            Summary(r2rTiered), Stats.Median(times[r2rTiered]),
            $"the same without ReadyToRun (JIT): {Summary(jit)}", Stats.Median(times[jit]),
            TargetKind.AtMost, 1.0));
        report.Add(new ResultRow(
            $"cold start of the worker as published: ReadyToRun with tiered compilation off (functions/WorkerRuntime.props; median of {Runs})",
            Summary(r2r), Stats.Median(times[r2r]),
            $"ReadyToRun with tiering on: {Summary(r2rTiered)}", Stats.Median(times[r2rTiered]),
            TargetKind.AtMost, 1.15));
        report.Note(Section, string.Create(CultureInfo.InvariantCulture,
            $"`--stages {Name}`: devhost/Readiness.DevHost published three times in this run (`dotnet publish -c Release`, portable; `-r linux-x64 --self-contained false -p:PublishReadyToRun=true -p:ReadinessWorkerRuntime=true -p:TieredCompilation=true`; and the same without the last, as the worker is published), each started {Runs} times, interleaved, as `dotnet Readiness.DevHost.dll` against one in-memory Azurite (tables already created); timed from `Process.Start` to the first 200 of `GET /api/indicators` with an admin key, polled every 5 ms; the process is then killed by its pid. The second row's ceiling, 1.15× the tiered build's start, is the start-up price accepted for tiering off, which keeps a 20 MB background import about 12 MiB smaller (section \"Import memory\"): methods without precompiled code are compiled once, optimized, instead of quickly first."));
        report.Note(Section, string.Join("; ", builds.Select(b => $"{Path.GetFileName(b)} runs in ms: " + string.Join(", ", times[b].Select(t => t.ToString("0", CultureInfo.InvariantCulture))))) + ".");
        report.Note(Section, string.Create(CultureInfo.InvariantCulture,
            $"Sizes: portable publish {FolderMiB(jit):0.0} MiB, ReadyToRun {FolderMiB(r2r):0.0} MiB (precompiled code is larger; Flex Consumption downloads the package on a cold start)."));
        report.Note(Section, "Not the Functions host: in Azure the host process starts first (its own start-up, extension loading, the gRPC channel to the worker, function indexing from functions.metadata) and forwards the request through its proxy, and Flex Consumption first allocates an instance and mounts the deployment package. Those costs are absent here; what ReadyToRun changes, the worker's JIT time, is what this stage compares. Compare the ratio, not the milliseconds.");
    }

    /// <summary>The two ReadyToRun builds share one intermediate folder: check that each got its own runtime settings.</summary>
    private static void RequireTiering(string build, bool on)
    {
        var config = File.ReadAllText(Path.Combine(build, "Readiness.DevHost.runtimeconfig.json"));
        var expected = $"\"System.Runtime.TieredCompilation\": {(on ? "true" : "false")}";
        if (!config.Contains(expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{build}: its runtimeconfig.json should say {expected}: {config}");
        }
    }

    internal static async Task PublishAsync(string project, string output, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q", .. extra])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {string.Join(' ', extra)} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }

    /// <summary>Starts the published host, waits for its first 200, stops it by its pid; the milliseconds in between.</summary>
    private static async Task<double> StartAndAnswerAsync(string folder, string connection, string? key)
    {
        var port = LocalPorts.Free();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // From the repository root, as serve.sh runs it: the host finds host.json and the samples there.
        info.WorkingDirectory = BenchDataSet.RepositoryRoot;
        info.ArgumentList.Add(Path.Combine(folder, "Readiness.DevHost.dll"));
        info.ArgumentList.Add("--seed-samples");
        info.Environment[StorageAccount.ConnectionSetting] = connection;
        info.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        // A slow first answer on a loaded machine is still the answer being timed: no short client time-out.
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/{(key is null ? "openapi.json" : "indicators")}");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => errors.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"the local host in {folder} exited with {process.ExitCode} before answering: {string.Join('\n', errors.Take(20))}");
                }

                try
                {
                    using var attempt = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
                    if (key is not null)
                    {
                        attempt.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    }

                    using var response = await client.SendAsync(attempt);
                    if (response.IsSuccessStatusCode)
                    {
                        return clock.Elapsed.TotalMilliseconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(5);
            }

            throw new TimeoutException($"the local host in {folder} did not answer within 2 minutes");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> AdminKeyAsync(string connection)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionSetting] = connection }).Build();
        await using var services = new ServiceCollection().AddLogging().AddReadiness(configuration).BuildServiceProvider();
        var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Admin, null, null, "cold-start benchmark", CancellationToken.None);
        return created.Plaintext;
    }

    private static double FolderMiB(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1024.0 / 1024.0;
}
