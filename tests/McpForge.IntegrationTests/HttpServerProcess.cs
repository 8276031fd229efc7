using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.IntegrationTests;

/// <summary>
/// A server started as a real child process on 127.0.0.1 with a port of Kestrel's choosing (read from its
/// "Now listening on" line), in an empty working directory; disposing kills it.
/// </summary>
internal sealed partial class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workingDirectory;

    private readonly System.Text.StringBuilder _output;
    private readonly LineWaiters _waiters;

    private HttpServerProcess(Process process, string workingDirectory, Uri baseAddress, System.Text.StringBuilder output, LineWaiters waiters)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
        _output = output;
        _waiters = waiters;
    }

    /// <summary>
    /// Completes once the output holds a line containing <paramref name="text"/> (already, or when the server writes it):
    /// the signal to read what the server printed, in place of polling. Throws <see cref="TimeoutException"/>, with the
    /// output, after <paramref name="wait"/>.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan wait)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal)) return;
            _waiters.Add(text, seen);
        }
        try
        {
            await seen.Task.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No \"{text}\" in the server's output within {wait}:\n{Output}");
        }
    }

    /// <summary>The texts tests wait for; completed, under the output's lock, by the line that contains them.</summary>
    private sealed class LineWaiters
    {
        private readonly System.Collections.Generic.List<(string Text, TaskCompletionSource Seen)> _waiting = [];

        public void Add(string text, TaskCompletionSource seen) => _waiting.Add((text, seen));

        public void Saw(string line)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (!line.Contains(_waiting[i].Text, StringComparison.Ordinal)) continue;
                _waiting[i].Seen.TrySetResult();
                _waiting.RemoveAt(i);
            }
        }
    }

    /// <summary>What the server wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Uri BaseAddress { get; }

    public Uri Mcp => new(BaseAddress, "/mcp");

    public static async Task<HttpServerProcess> StartAsync(string fileName, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("mcpforge-http-").FullName;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        var waiters = new LineWaiters();
        void Append(string line)
        {
            lock (output)
            {
                output.AppendLine(line);
                waiters.Saw(line);
            }
        }
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Append(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Append(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpServerProcess(process, folder, address, output, waiters);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) throw new TimeoutException("The server did not start listening within 30 s:\n" + output);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
        _process.Dispose();
        try { Directory.Delete(_workingDirectory, recursive: true); } catch (IOException) { }
    }
}
