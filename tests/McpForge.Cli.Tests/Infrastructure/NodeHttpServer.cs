using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>
/// tests/client-ts/http-server.mjs: a Streamable HTTP server on the official TypeScript SDK, on 127.0.0.1 and a
/// free port. It exits when its stdin closes; disposing closes it and kills it if it lingers.
/// </summary>
internal sealed class NodeHttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private NodeHttpServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NodeHttpServer> StartAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Repo.ClientTs, "http-server.mjs"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the HTTP fixture did not start: " + line + "\n" + await stderr.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        return new NodeHttpServer(process, line["listening ".Length..]);
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.StandardInput.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        _process.Dispose();
    }
}
