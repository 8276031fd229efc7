using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>
/// <see cref="ChildProcess.RunAsync"/> as the CLI tests run commands: from the repository root unless told otherwise,
/// as a user runs <c>mcpforge</c> from a clone.
/// </summary>
internal static class ProcessRunner
{
    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        byte[]? stdin = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.RunAsync(fileName, arguments, timeout, stdin, workingDirectory ?? RepositoryPaths.Root, environment);

    /// <summary>Runs the built CLI: <c>dotnet mcpforge.dll args…</c>.</summary>
    public static Task<ProcessResult> CliAsync(TimeSpan timeout, params string[] arguments) =>
        RunAsync("dotnet", [Repo.CliDll, .. arguments], timeout);
}
