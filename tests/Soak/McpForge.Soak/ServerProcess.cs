using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace McpForge.Soak;

/// <summary>
/// A server child process: over stdio (its raw stdin and stdout), or over HTTP on 127.0.0.1 with a port Kestrel
/// chose (read from its "Now listening on" line). Its stderr is kept for failure messages; disposing kills it.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The server's stderr (and, over HTTP, its stdout) so far.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public Stream Input => Process.StandardInput.BaseStream;

    public Stream Output => Process.StandardOutput.BaseStream;

    /// <summary>The MCP endpoint of an HTTP server.</summary>
    public Uri? Endpoint { get; private set; }

    /// <summary>Resident set of the process now, read from /proc (for a server the test cannot ask).</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    /// <summary>The most the resident set of the process has been since it started or <see cref="ResetPeakResidentBytes"/> (its high-water mark), read from /proc.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>Sets the high-water mark of the resident set to what it is now (Linux: 5 written to /proc/PID/clear_refs).</summary>
    public void ResetPeakResidentBytes() => File.WriteAllText($"/proc/{Process.Id}/clear_refs", "5");

    private long StatusBytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"No {field} in /proc status.");
    }

    /// <summary>Starts <paramref name="command"/> (a native binary, or <c>dotnet x.dll</c>) to be spoken to over stdio.</summary>
    public static ServerProcess StartStdio(IReadOnlyList<string> command)
    {
        var server = new ServerProcess(Start(command, [], redirectInput: true));
        server.Process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.Process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Starts <paramref name="command"/> with <c>--urls http://127.0.0.1:0</c> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartHttpAsync(IReadOnlyList<string> command, TimeSpan? wait = null)
    {
        var server = new ServerProcess(Start(command, ["--urls", "http://127.0.0.1:0"], redirectInput: false));
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Process.OutputDataReceived += (_, e) =>
        {
            server.Append(e.Data);
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value + "/mcp"));
        };
        server.Process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        try
        {
            server.Endpoint = await listening.Task.WaitAsync(wait ?? TimeSpan.FromSeconds(30));
            return server;
        }
        catch (TimeoutException)
        {
            server.Dispose();
            throw new TimeoutException("The server did not listen within 30 s:\n" + server.Log);
        }
    }

    private static Process Start(IReadOnlyList<string> command, string[] extra, bool redirectInput)
    {
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        for (var i = 1; i < command.Count; i++) info.ArgumentList.Add(command[i]);
        foreach (var argument in extra) info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start " + command[0]);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 1_000_000) _log.AppendLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        Process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
