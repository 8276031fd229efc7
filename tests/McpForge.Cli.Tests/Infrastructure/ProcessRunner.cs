using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>What a finished process left: its exit code and everything it wrote, byte for byte.</summary>
internal sealed record ProcessResult(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs a real child process to its end, with a deadline: a process still running then is killed and the test fails.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        byte[]? stdin = null, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (environment is not null) foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = new MemoryStream();
        var stdoutCopy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}; stderr so far: {await Task.WhenAny(stderr, Task.Delay(1000)).ContinueWith(_ => stderr.IsCompleted ? stderr.Result : "")}");
        }
        await Task.WhenAll(stdoutCopy, stderr).WaitAsync(TimeSpan.FromSeconds(10));
        return new ProcessResult(process.ExitCode, stdout.ToArray(), await stderr);
    }

    /// <summary>Runs the built CLI: <c>dotnet mcpforge.dll args…</c>.</summary>
    public static Task<ProcessResult> CliAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync("dotnet", [Repo.CliDll, .. arguments], timeout);
}
