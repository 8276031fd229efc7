using System;
using System.CommandLine;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using McpForge.Cli.Client;
using McpForge.Cli.Trace;

namespace McpForge.Cli.Commands;

/// <summary><c>mcpforge trace [--out trace.jsonl] -- &lt;command&gt;</c>: put in an MCP host's config in place of the server command.</summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Write the JSON-lines records to this file (default: stderr)" };
        var payloads = new Option<bool>("--payloads") { Description = "Include each message itself in its record (may contain secrets)" };
        var quiet = new Option<bool>("--no-summary") { Description = "Do not print the summary to stderr on exit" };
        var server = new Argument<string[]>("command") { Description = "After --: the stdio server's command and its arguments", Arity = ArgumentArity.OneOrMore };
        var command = new Command("trace", "A transparent stdio proxy that records every message: `mcpforge trace --out trace.jsonl -- <command> [args]`")
        {
            output, payloads, quiet, server,
        };
        command.SetAction(async (ParseResult result, CancellationToken cancellationToken) =>
        {
            var parts = result.GetValue(server)!;
            var (path, problem) = CommandResolver.Resolve(parts[0]);
            if (problem != CommandResolver.Problem.None)
            {
                await Console.Error.WriteLineAsync($"mcpforge trace: cannot run '{parts[0]}' ({problem})").ConfigureAwait(false);
                return 127;
            }
            var outPath = result.GetValue(output);
            await using var records = outPath is null ? Console.OpenStandardError() : new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read);
            var recorder = new TraceRecorder(records, result.GetValue(payloads));
            int exitCode;
            try
            {
                await using var stdin = Console.OpenStandardInput();
                await using var stdout = Console.OpenStandardOutput();
                exitCode = await new TraceProxy(recorder).RunAsync(path!, parts.Skip(1).ToList(), stdin, stdout, cancellationToken).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                await Console.Error.WriteLineAsync($"mcpforge trace: cannot start '{path}': {e.Message}").ConfigureAwait(false);
                return 126;
            }
            if (!result.GetValue(quiet)) recorder.Summary.Write(Console.Error, recorder, outPath is null ? null : Path.GetFullPath(outPath));
            return exitCode;
        });
        return command;
    }
}
