using BenchmarkDotNet.Running;

// BenchmarkDotNet micro-benchmarks of the parsing stages. scripts/bench.sh runs them all with a short job:
//   dotnet run -c Release --project bench/Readiness.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Readiness.Benchmarks.ParseBenchmarks).Assembly).Run(args);
