using Readiness.Cli;

return await ReadinessCli.RunAsync(args, Console.Out, Console.Error);
