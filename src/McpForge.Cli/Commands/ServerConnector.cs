using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpForge.Cli.Client;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Commands;

/// <summary>Connects to a <see cref="ServerTarget"/> and completes the handshake, for the commands that just use a server.</summary>
internal static class ServerConnector
{
    public static async Task<McpClient?> ConnectAsync(ServerTarget target, TimeSpan timeout, TextWriter errors, CancellationToken cancellationToken)
    {
        IMcpConnection connection;
        if (target.Url is { } url)
        {
            var headers = target.Token is null ? target.Headers : [.. target.Headers, new("Authorization", "Bearer " + target.Token)];
            connection = new HttpConnection(url, headers, target.Insecure, timeout);
        }
        else
        {
            var command = target.Command!;
            var (path, problem) = CommandResolver.Resolve(command[0]);
            if (problem != CommandResolver.Problem.None)
            {
                await errors.WriteLineAsync($"mcpforge: cannot run '{command[0]}' ({problem}); `mcpforge doctor -- {string.Join(' ', command)}` says more").ConfigureAwait(false);
                return null;
            }
            try
            {
                connection = StdioConnection.Start(path!, command.Skip(1).ToList(), command);
            }
            catch (Win32Exception e)
            {
                await errors.WriteLineAsync($"mcpforge: cannot start '{path}': {e.Message}").ConfigureAwait(false);
                return null;
            }
        }

        var client = new McpClient(connection, timeout);
        var initialize = await client.InitializeAsync(McpProtocol.LatestVersion, cancellationToken).ConfigureAwait(false);
        if (initialize.Succeeded) return client;

        await errors.WriteLineAsync($"mcpforge: initialize failed: {initialize.Problem}").ConfigureAwait(false);
        if (connection is StdioConnection stdio)
        {
            // A server that closed its stdout has (nearly always) exited and closed its stderr too: read that to the end,
            // waiting at most as long as a request may take (a child of the server could hold stderr open). One still
            // running (it answered with an error, or not in time) shows what it has written so far.
            var stderr = client.Closed ? await stdio.StandardErrorToEndAsync(timeout).ConfigureAwait(false) : stdio.StandardError;
            if (stderr.Trim() is { Length: > 0 } shown) await errors.WriteLineAsync("server stderr:\n" + shown).ConfigureAwait(false);
        }
        await client.DisposeAsync().ConfigureAwait(false);
        return null;
    }
}
