global using Readiness.BenchData;
