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

    private HttpServerProcess(Process process, string workingDirectory, Uri baseAddress, System.Text.StringBuilder output)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
        _output = output;
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
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match) listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpServerProcess(process, folder, address, output);
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
