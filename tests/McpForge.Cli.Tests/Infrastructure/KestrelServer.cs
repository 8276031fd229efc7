using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>
/// An ASP.NET Core MCP server (samples/Everything, a template's HTTP variant) started with <c>--urls http://127.0.0.1:0</c>;
/// the port Kestrel picked is read from its "Now listening on:" line. Disposing kills it.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private KestrelServer(Process process) => _process = process;

    public string BaseUrl { get; private set; } = "";

    public string McpUrl => BaseUrl + "/mcp";

    public static async Task<KestrelServer> StartAsync(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        var server = new KestrelServer(Process.Start(info)!);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) { listening.TrySetException(new InvalidOperationException("the server exited:\n" + server.Log)); return; }
            lock (server._log) server._log.AppendLine(line);
            var at = line.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0) listening.TrySetResult(line[(at + "Now listening on: ".Length)..].Trim());
        }
        server._process.OutputDataReceived += (_, e) => Read(e.Data);
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._log) server._log.AppendLine(e.Data); };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            server.BaseUrl = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        Assert.StartsWith("http://127.0.0.1:", server.BaseUrl);
        return server;
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
