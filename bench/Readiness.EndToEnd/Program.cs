using System.Globalization;
using System.Runtime.InteropServices;
using Readiness.Development;
using Readiness.EndToEnd;

// The end-to-end benchmark (see scripts/bench.sh). Usage:
//   Readiness.EndToEnd [--out FILE] [--runs N] [--warmup N] [--rounds N] [--stages parse,memory,import-memory,workbook,quality(-checks|-cost),storage,http,portal,cold-start] [--keep-data] [--pid-file FILE]
//   Readiness.EndToEnd --measure-memory FILE     (child mode: validate + normalize FILE, print peak RSS as JSON)
//   Readiness.EndToEnd --measure-import FILE[,FILE…] CONNECTION PREFIX N [PARALLELISM]   (child mode: N background imports at once, the i-th of FILE i mod count, peak RSS as JSON)
//   Readiness.EndToEnd --parse-loop N            (validate + normalize the national file N times, to profile)
if (args is [MemoryStage.ChildFlag, var file])
{
    return await MemoryStage.ChildAsync(file);
}

if (args is [ImportMemoryStage.ChildFlag, var importFiles, var connection, var prefix, var imports, .. var rest] && rest.Length <= 1)
{
    return await ImportMemoryStage.ChildAsync(importFiles.Split(','), connection, prefix, int.Parse(imports, CultureInfo.InvariantCulture),
        rest is [var parallelism] ? int.Parse(parallelism, CultureInfo.InvariantCulture) : null);
}

if (args is ["--parse-loop", var times])
{
    // For a profiler: dotnet-trace collect -- Readiness.EndToEnd --parse-loop 30
    return await ParseStage.LoopAsync(int.Parse(times, CultureInfo.InvariantCulture));
}

var options = Options.Parse(args);
var started = DateTimeOffset.UtcNow;
var report = new BenchReport();
var work = Path.Combine(Path.GetTempPath(), $"readiness-bench-{Environment.ProcessId}");
Directory.CreateDirectory(work);
try
{
    Console.WriteLine($"Generating data in {work} (registry from {BenchDataSet.SharedDataDirectory})");
    var national = BenchDataSet.National(1);
    var nationalRows = BenchDataSet.NationalRows(1);
    var singleFile = Path.Combine(work, "single-288.csv");
    var national1File = Path.Combine(work, "national-1x.csv");
    var national10File = Path.Combine(work, "national-10x.csv");
    await File.WriteAllBytesAsync(singleFile, BenchDataSet.Single(BenchDataSet.Registry.Regencies[0]));
    await File.WriteAllBytesAsync(national1File, national);
    await using (var ten = File.Create(national10File))
    {
        BenchDataSet.WriteNational(ten, BenchDataSet.Years10x);
    }

    var dataSection = "Data";
    report.Note(dataSection, $"Registry: {BenchDataSet.Registry.Count} regencies from ../shared/data/regencies.csv (BPS codes); Kemendagri-style codes synthesized from the BPS digits (1308 → 13.08), which gives 514 distinct valid codes (not the official Kemendagri mapping, which differs inside some provinces).");
    report.Note(dataSection, $"Catalog {BenchDataSet.Catalog.Version}: {BenchDataSet.Catalog.Indicators.Count} indicators; values are a deterministic hash of (regency, indicator, period) inside each indicator's valid range, en-US style, comma-separated.");
    report.Note(dataSection, string.Create(CultureInfo.InvariantCulture, $"National 1×: {nationalRows:N0} rows (514 × 24 × 12 months of {BenchDataSet.Year}), {national.Length:N0} bytes. National 10×: {BenchDataSet.NationalRows(BenchDataSet.Years10x):N0} rows ({BenchDataSet.Year - BenchDataSet.Years10x + 1}–{BenchDataSet.Year}), {new FileInfo(national10File).Length:N0} bytes. Single regency: 288 rows."));

    if (options.Stages.Contains("parse"))
    {
        await ParseStage.RunAsync(report, national, nationalRows, options.Rounds);
    }

    if (options.Stages.Contains("memory"))
    {
        await MemoryStage.RunAsync(report, singleFile, national1File, national10File);
    }

    if (options.Stages.Contains("workbook"))
    {
        await WorkbookStage.RunAsync(report, work, Math.Min(options.Rounds, 3));
    }

    if (options.Stages.Contains("import-memory"))
    {
        await ImportMemoryStage.RunAsync(report, work);
    }

    // quality = quality-checks (pure, the honesty figures) + quality-cost (on Azurite); each can be run alone.
    if (options.Stages.Contains("quality") || options.Stages.Contains("quality-checks"))
    {
        QualityStage.Run(report);
    }

    if (options.Stages.Contains("quality") || options.Stages.Contains("quality-cost"))
    {
        Console.WriteLine("Starting Azurite for the quality cost");
        using var azurite = AzuriteProcess.Start(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory() with { PidFile = options.PidFile });
        await QualityCostStage.RunAsync(report, azurite);
    }

    if (options.Stages.Contains("storage"))
    {
        Console.WriteLine("Starting Azurite");
        using var azurite = AzuriteProcess.Start(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory() with { PidFile = options.PidFile });
        report.Note(BenchReport.EnvironmentSection, $"Azurite {AzuriteProcess.Version(BenchDataSet.RepositoryRoot)} (pid {azurite.Pid}), in memory, 127.0.0.1, free ports, telemetry off; stopped by pid at the end.");
        var storage = new StorageStages(report, azurite, national, nationalRows, options.Runs, options.Warmup);
        await storage.RunAsync();
    }

    // http = http-uploads + http-scores (each can be run alone).
    var httpUploads = options.Stages.Contains("http") || options.Stages.Contains("http-uploads");
    var httpScores = options.Stages.Contains("http") || options.Stages.Contains("http-scores");
    if (httpUploads || httpScores)
    {
        Console.WriteLine("Starting Azurite for the HTTP stage");
        using var azurite = AzuriteProcess.Start(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory() with { PidFile = options.PidFile });
        await HttpStage.RunAsync(report, azurite, httpUploads, httpScores);
    }

    if (options.Stages.Contains(PortalStage.Name))
    {
        await PortalStage.RunAsync(report);
    }

    // Not in the default list: it publishes the local host twice (a few minutes of build).
    if (options.Stages.Contains(ColdStartStage.Name))
    {
        await ColdStartStage.RunAsync(report, work);
    }
}
finally
{
    if (!options.KeepData)
    {
        Directory.Delete(work, recursive: true);
    }
}

var elapsed = DateTimeOffset.UtcNow - started;
report.Note(BenchReport.EnvironmentSection, $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}; server GC {System.Runtime.GCSettings.IsServerGC}.");
report.Note(BenchReport.EnvironmentSection, string.Create(CultureInfo.InvariantCulture, $"Started {started:yyyy-MM-dd HH:mm:ss} UTC, end-to-end part took {elapsed.TotalSeconds:0} s."));
var header = string.Create(CultureInfo.InvariantCulture,
    $"Generated by `bash scripts/bench.sh` on {started:yyyy-MM-dd HH:mm} UTC. Every ceiling is measured in the same run on the same machine, because the machines are shared and noisy; the ratio is figure ÷ ceiling and the margin is the distance to the target.");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
await File.WriteAllTextAsync(options.Out, report.ToMarkdown(header));
Console.WriteLine($"Wrote {options.Out}: {report.Rows.Count(r => r.Pass)} of {report.Rows.Count} targets met.");
return 0;

internal sealed record Options(string Out, int Runs, int Warmup, int Rounds, bool KeepData, string? PidFile, string[] Stages)
{
    public static Options Parse(string[] args)
    {
        var options = new Options(Path.Combine(BenchDataSet.RepositoryRoot, "bench", "results", "latest.md"), 30, 5, 5, false, null, ["parse", "memory", "workbook", "import-memory", "quality", "storage", "http", PortalStage.Name]);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--out" => options with { Out = Next() },
                "--runs" => options with { Runs = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--warmup" => options with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rounds" => options with { Rounds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--pid-file" => options with { PidFile = Next() },
                "--keep-data" => options with { KeepData = true },
                "--stages" => options with { Stages = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
