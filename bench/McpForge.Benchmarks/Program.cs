using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/McpForge.Benchmarks -- --filter '*'      (BenchmarkDotNet)
// dotnet run -c Release --project bench/McpForge.Benchmarks -- --interleaved    (A/B in alternating blocks, for busy machines)
// dotnet run -c Release --project bench/McpForge.Benchmarks -- --interleaved-eras   (the two protocol eras, the same way)
// dotnet run -c Release --project bench/McpForge.Benchmarks -- --loop-era modern 20   (modern, legacy or padded alone for 20 s, to profile with perf)
if (args is ["--interleaved-eras", ..])
{
    McpForge.Benchmarks.Interleaved.RunEras();
    return;
}
if (args is ["--loop-era", var era, var seconds, ..])
{
    McpForge.Benchmarks.Interleaved.LoopEra(era, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args is ["--interleaved", ..])
{
    McpForge.Benchmarks.Interleaved.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(McpForge.Benchmarks.ToolCallBenchmarks).Assembly).Run(args);
