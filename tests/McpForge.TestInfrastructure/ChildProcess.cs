using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.TestInfrastructure;

/// <summary>
/// A real child process a test drives: its stdout read line by line (or left to the caller as a raw stream), its stderr
/// captured, its stdin written. Tests wait on what the process writes or on its exit, never on the clock: each wait has
/// a timeout only so that a hang fails the test, with the process's output, instead of stalling the run. Disposing kills
/// the whole process tree, so a failed test leaves no server behind.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    /// <summary>The bound on a wait when the test gives none.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    /// <summary>How long disposing (and reading the last output after an exit) may take before it gives up.</summary>
    private static readonly TimeSpan s_drainWait = TimeSpan.FromSeconds(10);

    // A soak runs for hours: past this the texts keep their beginning, which is what a failure message needs.
    private const int MaxTextChars = 64 * 1024 * 1024;

    private readonly Process _process;
    private readonly string _name;
    private readonly bool _rawOutput;
    private readonly BlockingCollection<string> _stdoutLines = new();
    // _log (stdout lines read here and stderr lines, as they came), _stderr, _waiters and _openStreams are guarded by _log.
    private readonly StringBuilder _log = new();
    private readonly StringBuilder _stderr = new();
    private readonly OutputWaiters _waiters = new();
    private int _openStreams;
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private int _disposed;

    private ChildProcess(Process process, string name, bool rawOutput)
    {
        _process = process;
        _name = name;
        _rawOutput = rawOutput;
        _openStreams = rawOutput ? 1 : 2;
        if (rawOutput) _stdoutLines.CompleteAdding();
        _stdoutPump = rawOutput ? Task.CompletedTask : Task.Run(() => PumpAsync(process.StandardOutput, isStandardError: false));
        _stderrPump = Task.Run(() => PumpAsync(process.StandardError, isStandardError: true));
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string fileName, params string[] arguments) => Start(fileName, (IEnumerable<string>)arguments);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="environment"/> added to the child's environment.</summary>
    public static ChildProcess Start(string fileName, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Start(fileName, arguments, environment);

    /// <summary>
    /// Starts <paramref name="fileName"/>. With <paramref name="rawOutput"/> stdout is not read here: the caller reads
    /// <see cref="Output"/> itself (bytes, or at its own pace to test backpressure).
    /// </summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, bool rawOutput = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            // Always redirected: a child must never read the test runner's own stdin.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + fileName);
        process.StandardInput.NewLine = "\n";
        process.StandardInput.AutoFlush = true;
        return new ChildProcess(process, fileName + " " + string.Join(' ', info.ArgumentList), rawOutput);
    }

    /// <summary>
    /// Runs a process to its end with <paramref name="stdin"/> as its whole input; a process still running after
    /// <paramref name="timeout"/> is killed and a <see cref="TimeoutException"/> thrown.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout,
        byte[]? stdin = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var process = Start(fileName, arguments, environment, workingDirectory, rawOutput: true);
        var stdout = new MemoryStream();
        var copy = process.Output.CopyToAsync(stdout);
        if (stdin is not null) await process.Input.WriteAsync(stdin).ConfigureAwait(false);
        process.CloseInput();
        if (!await process.WaitForExitAsync(timeout).ConfigureAwait(false))
        {
            process.Kill();
            throw new TimeoutException($"{process._name} did not finish within {timeout}; stderr so far:\n{process.StandardError}");
        }
        await copy.WaitAsync(s_drainWait).ConfigureAwait(false);
        return new ProcessResult(process.ExitCode, stdout.ToArray(), process.StandardError);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The child's stdin, for a caller that writes bytes (<see cref="Send"/> writes lines).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The child's stdout, when started with <c>rawOutput</c>.</summary>
    public Stream Output => _rawOutput ? _process.StandardOutput.BaseStream : throw new InvalidOperationException("stdout is read line by line here; start with rawOutput to read it raw");

    /// <summary>What the process wrote to stderr so far.</summary>
    public string StandardError
    {
        get { lock (_log) return _stderr.ToString(); }
    }

    /// <summary>Every line read so far, stdout's (unless raw) and stderr's, in the order they came.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Writes <paramref name="line"/> and a line feed to stdin.</summary>
    public void Send(string line) => _process.StandardInput.WriteLine(line);

    /// <summary>Closes stdin: the end of input, which a stdio server answers by finishing and exiting.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next stdout line; a <see cref="TimeoutException"/> after <paramref name="wait"/> or at the end of stdout.</summary>
    public string ReadLine(TimeSpan? wait = null)
    {
        if (_rawOutput) throw new InvalidOperationException("stdout is raw: read Output");
        if (_stdoutLines.TryTake(out var line, wait ?? DefaultWait)) return line;
        throw new TimeoutException("No output line from the server. stderr:\n" + StandardError);
    }

    /// <summary>Every remaining stdout line until the process closes stdout.</summary>
    public List<string> ReadToEnd(TimeSpan? wait = null)
    {
        var lines = new List<string>();
        var deadline = DateTime.UtcNow + (wait ?? DefaultWait);
        while (!_stdoutLines.IsCompleted)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) throw new TimeoutException("The server did not close stdout. stderr:\n" + StandardError);
            if (_stdoutLines.TryTake(out var line, remaining)) lines.Add(line);
        }
        return lines;
    }

    /// <summary>
    /// Completes once a line of stdout or stderr holds <paramref name="text"/> (already, or when the process writes it):
    /// the signal that the process got there.
    /// </summary>
    public Task<string> WaitForOutputAsync(string text, TimeSpan? wait = null) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), $"\"{text}\"", standardErrorOnly: false, wait);

    /// <summary>
    /// Blocks until a line of stderr holds <paramref name="text"/> (a log entry is written by a background thread, some
    /// time after it is logged).
    /// </summary>
    public void WaitForStandardError(string text, TimeSpan? wait = null) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), $"\"{text}\" on stderr", standardErrorOnly: true, wait).GetAwaiter().GetResult();

    /// <summary>
    /// The first line (of stderr only, or of both streams) that <paramref name="match"/> accepts, from what was read
    /// already or when it comes. Fails at once when the process has closed both streams, and after <paramref name="wait"/>.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description, bool standardErrorOnly = false, TimeSpan? wait = null)
    {
        Task<string> seen;
        lock (_log)
        {
            foreach (var line in (standardErrorOnly ? _stderr : _log).ToString().Split('\n'))
            {
                if (match(line)) return line;
            }
            seen = _openStreams == 0 ? Task.FromException<string>(Ended(description)) : _waiters.Add(match, standardErrorOnly);
        }
        var bound = wait ?? DefaultWait;
        try
        {
            return await seen.WaitAsync(bound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {description} from {_name} within {bound}. Output:\n{Log}");
        }
    }

    /// <summary>Waits until the process has exited and its output has been read; false after <paramref name="wait"/>.</summary>
    public bool WaitForExit(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        if (!_process.WaitForExit(wait)) return false;
        var remaining = deadline - DateTime.UtcNow;
        return Task.WhenAll(_stdoutPump, _stderrPump).Wait(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    /// <inheritdoc cref="WaitForExit"/>
    public async Task<bool> WaitForExitAsync(TimeSpan wait)
    {
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _stdoutPump, _stderrPump).WaitAsync(wait).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager or a container runtime stops a process.</summary>
    public void Terminate()
    {
        if (kill(_process.Id, SIGTERM) != 0) throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    private async Task PumpAsync(StreamReader reader, bool isStandardError)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!isStandardError) _stdoutLines.Add(line);
                lock (_log)
                {
                    if (_log.Length < MaxTextChars) _log.Append(line).Append('\n');
                    if (isStandardError && _stderr.Length < MaxTextChars) _stderr.Append(line).Append('\n');
                    _waiters.Saw(line, isStandardError);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was killed and disposed while its pipe was read: its output ends here.
        }
        finally
        {
            if (!isStandardError) _stdoutLines.CompleteAdding();
            lock (_log)
            {
                if (--_openStreams == 0) _waiters.End(Ended("the line awaited"));
            }
        }
    }

    private InvalidOperationException Ended(string description) =>
        new($"{_name} closed its output without writing {description}. Output:\n{_log}");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Kill();
        _process.WaitForExit(s_drainWait);
        Task.WhenAll(_stdoutPump, _stderrPump).Wait(s_drainWait);
        _process.Dispose();
        _stdoutLines.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Kill();
        try
        {
            await Task.WhenAll(_process.WaitForExitAsync(), _stdoutPump, _stderrPump).WaitAsync(s_drainWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild holds a pipe open; the process itself is gone.
        }
        _process.Dispose();
        _stdoutLines.Dispose();
    }
}
