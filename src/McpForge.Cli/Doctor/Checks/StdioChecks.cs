using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>The stdio half of "the server won't start": the command, the process, and what it writes to stdout.</summary>
internal static class StdioChecks
{
    /// <summary>Resolves and starts the command; null (with the failure recorded) when it cannot run.</summary>
    public static StdioConnection? Start(DoctorRun run, IReadOnlyList<string> command)
    {
        run.Progress("starting " + command[0]);
        var (path, problem) = CommandResolver.Resolve(command[0]);
        switch (problem)
        {
            case CommandResolver.Problem.NotFound:
                run.Add(CheckResult.Fail(DoctorCatalog.StdioCommand, command[0].Contains('/') ? $"{command[0]} does not exist"
                    : System.IO.File.Exists(command[0]) ? $"'{command[0]}' is not on PATH (for the file here, write ./{command[0]})"
                    : $"'{command[0]}' is not on PATH"));
                return null;
            case CommandResolver.Problem.IsDirectory:
                run.Add(CheckResult.Fail(DoctorCatalog.StdioCommand, $"{path} is a directory, not a program"));
                return null;
            case CommandResolver.Problem.NotExecutable:
                run.Add(CheckResult.Fail(DoctorCatalog.StdioCommand, $"{path} is not executable (chmod +x {path})"));
                return null;
        }
        run.Add(CheckResult.Pass(DoctorCatalog.StdioCommand, path!));
        try
        {
            return StdioConnection.Start(path!, command.Skip(1).ToList(), command);
        }
        catch (Win32Exception e)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.StdioStarts, $"{path} could not be started: {e.Message}"));
            return null;
        }
    }

    /// <summary>After the handshake (successful or not): did the process stay up, and say why not.</summary>
    public static async Task CheckRunningAsync(DoctorRun run, McpClient client, StdioConnection connection, RpcOutcome initialize, TimeSpan wait)
    {
        if (!initialize.Succeeded)
        {
            // A server that closed its stdout is (nearly always) on its way out: wait for it as long as a request may
            // take. One that did not answer in time may still be running: a moment tells whether it just died.
            await connection.WaitForExitAsync(client.Closed ? wait : TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        }
        if (connection.HasExited)
        {
            run.Add(CheckResult.Fail(DoctorCatalog.StdioStarts, $"exited at once with code {connection.ExitCode}{await StderrTailAsync(connection, wait).ConfigureAwait(false)}"));
            return;
        }
        run.Add(CheckResult.Pass(DoctorCatalog.StdioStarts, $"running as process {connection.ProcessId}"));
    }

    /// <summary>At the end: a server that died during the checks fails this check even though it started.</summary>
    public static async Task CheckStillRunningAsync(DoctorRun run, StdioConnection connection, TimeSpan wait)
    {
        if (connection.HasExited)
            run.Add(CheckResult.Fail(DoctorCatalog.StdioStarts, $"started, then exited with code {connection.ExitCode} during the checks{await StderrTailAsync(connection, wait).ConfigureAwait(false)}"));
    }

    public static void CheckStdout(DoctorRun run, McpClient client)
    {
        var stray = client.StrayLines;
        if (client.StrayLineCount == 0)
        {
            run.Add(CheckResult.Pass(DoctorCatalog.StdioStdout, "every stdout line was a JSON-RPC message"));
            return;
        }
        var shown = string.Join(", ", stray.Take(3).Select(l => "\"" + Shorten(l, 80) + "\""));
        run.Add(CheckResult.Fail(DoctorCatalog.StdioStdout,
            $"{client.StrayLineCount} stdout {(client.StrayLineCount == 1 ? "line is" : "lines are")} not JSON-RPC: {shown}"));
    }

    /// <summary>The last stderr lines of a process that exited; <paramref name="wait"/> bounds the read of what is still in the pipe.</summary>
    private static async Task<string> StderrTailAsync(StdioConnection connection, TimeSpan wait)
    {
        var stderr = (await connection.StandardErrorToEndAsync(wait).ConfigureAwait(false)).Trim();
        if (stderr.Length == 0) return " and wrote nothing to stderr";
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        return "; stderr: " + string.Join(" | ", lines.TakeLast(5).Select(l => Shorten(l, 160)));
    }

    internal static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
