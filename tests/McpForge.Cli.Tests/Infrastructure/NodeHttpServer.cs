using System;
using System.IO;
using System.Threading.Tasks;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>
/// tests/client-ts/http-server.mjs: a Streamable HTTP server on the official TypeScript SDK, on 127.0.0.1 and a
/// free port, which it prints as its first line. It exits when its stdin closes; disposing closes it and kills it if it lingers.
/// </summary>
internal sealed class NodeHttpServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private NodeHttpServer(ChildProcess process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<NodeHttpServer> StartAsync(params string[] arguments)
    {
        var process = ChildProcess.Start("node", [Path.Combine(Repo.ClientTs, "http-server.mjs"), .. arguments]);
        try
        {
            var line = process.ReadLine(TimeSpan.FromSeconds(30));
            if (!line.StartsWith("listening ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the HTTP fixture did not start: " + line + "\n" + process.StandardError);
            }
            return new NodeHttpServer(process, line["listening ".Length..]);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _process.CloseInput(); } catch (IOException) { }
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }
}
