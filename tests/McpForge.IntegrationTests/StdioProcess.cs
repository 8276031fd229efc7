using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// A real MCP server child process spoken to over its stdin/stdout, one JSON-RPC message per line.
/// Every wait is bounded; disposing kills the process if it is still running.
/// </summary>
internal sealed class StdioProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_defaultWait = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private StdioProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line) _stdout.Add(line);
            _stdout.CompleteAdding();
        });
        _stderrPump = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                    Monitor.PulseAll(_stderr);
                }
            }
        });
    }

    public static StdioProcess Start(string fileName, params string[] arguments) => Start(fileName, null, arguments);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="environment"/> added to the child's environment.</summary>
    public static StdioProcess Start(string fileName, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
        process.StandardInput.NewLine = "\n";
        process.StandardInput.AutoFlush = true;
        return new StdioProcess(process);
    }

    /// <summary>Starts a framework-dependent build with the <c>dotnet</c> host.</summary>
    public static StdioProcess StartDotnet(string assemblyPath) => Start("dotnet", assemblyPath);

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// Waits until stderr holds <paramref name="text"/> (a log entry is written by a background thread, some time after
    /// it is logged); fails the test after <paramref name="wait"/>.
    /// </summary>
    public void WaitForStandardError(string text, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? s_defaultWait);
        lock (_stderr)
        {
            while (!_stderr.ToString().Contains(text, StringComparison.Ordinal))
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || _stderrPump.IsCompleted)
                {
                    throw new TimeoutException($"\"{text}\" did not appear on stderr. stderr:\n{_stderr}");
                }
                Monitor.Wait(_stderr, remaining);
            }
        }
    }

    public void Send(string line) => _process.StandardInput.WriteLine(line);

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next stdout line, raw; fails the test after <paramref name="wait"/>.</summary>
    public string ReadLine(TimeSpan? wait = null)
    {
        if (_stdout.TryTake(out var line, wait ?? s_defaultWait)) return line;
        throw new TimeoutException("No output line from the server. stderr:\n" + StandardError);
    }

    /// <summary>Reads lines until the response with <paramref name="id"/>, returning it and whatever came before it.</summary>
    public (JsonElement Response, List<JsonElement> Before) ReadResponse(long id, TimeSpan? wait = null)
    {
        var before = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (wait ?? s_defaultWait);
        for (var i = 0; i < 10_000; i++)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) break;
            var message = JsonDocument.Parse(ReadLine(remaining)).RootElement.Clone();
            if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt64() == id)
            {
                return (message, before);
            }
            before.Add(message);
        }
        throw new TimeoutException($"No response with id {id}. stderr:\n{StandardError}");
    }

    public JsonElement Request(long id, string method, string paramsJson = "{}")
    {
        Send($$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"{{{method}}}","params":{{{paramsJson}}}}""");
        return ReadResponse(id).Response;
    }

    public JsonElement Initialize(string version = "2025-11-25")
    {
        var response = Request(0, "initialize", $$$"""{"protocolVersion":"{{{version}}}","capabilities":{},"clientInfo":{"name":"integration-tests","version":"1.0"}}""");
        Send("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        return response;
    }

    /// <summary>Every remaining stdout line until the process closes it.</summary>
    public List<string> ReadToEnd(TimeSpan? wait = null)
    {
        var lines = new List<string>();
        var deadline = DateTime.UtcNow + (wait ?? s_defaultWait);
        while (!_stdout.IsCompleted)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) throw new TimeoutException("The server did not close stdout. stderr:\n" + StandardError);
            if (_stdout.TryTake(out var line, remaining)) lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// Waits until the process has exited and everything it wrote to stdout and stderr has been read, so that
    /// <see cref="StandardError"/> is complete; false when that takes longer than <paramref name="wait"/>.
    /// </summary>
    public bool WaitForExit(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        if (!_process.WaitForExit(wait)) return false;
        var remaining = deadline - DateTime.UtcNow;
        return Task.WhenAll(_stdoutPump, _stderrPump).Wait(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    /// <summary>Sends SIGTERM, as a service manager or a container runtime stops a process.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SIGTERM) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public int ExitCode => _process.ExitCode;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        await Task.WhenAny(Task.WhenAll(_stdoutPump, _stderrPump), Task.Delay(5000)).ConfigureAwait(false);
        _process.Dispose();
        _stdout.Dispose();
    }
}
