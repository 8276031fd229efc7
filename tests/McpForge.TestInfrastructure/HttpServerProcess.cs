using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace McpForge.TestInfrastructure;

/// <summary>
/// An ASP.NET Core server started as a <see cref="ChildProcess"/> with <c>--urls http://127.0.0.1:0</c>: Kestrel picks a
/// free port and the address is read from its "Now listening on" line, so parallel tests never collide on a port. It
/// runs in an empty working directory of its own (its content root holds nothing of the test's), deleted on disposal.
/// </summary>
public sealed partial class HttpServerProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan s_startWait = TimeSpan.FromSeconds(30);
    private readonly string _workingDirectory;

    private HttpServerProcess(ChildProcess process, string workingDirectory, Uri baseAddress)
    {
        Process = process;
        _workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
    }

    public ChildProcess Process { get; }

    /// <summary><c>http://127.0.0.1:port</c>, as the server printed it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The MCP endpoint, <c>/mcp</c>.</summary>
    public Uri Mcp => new(BaseAddress, "/mcp");

    /// <summary>What the server wrote to stdout and stderr so far.</summary>
    public string Output => Process.Log;

    /// <inheritdoc cref="ChildProcess.WaitForOutputAsync"/>
    public Task<string> WaitForOutputAsync(string text, TimeSpan? wait = null) => Process.WaitForOutputAsync(text, wait);

    public static Task<HttpServerProcess> StartAsync(string fileName, params string[] arguments) => StartAsync(fileName, arguments, s_startWait);

    /// <summary>Starts the server and waits (at most <paramref name="wait"/>, failing early if it exits) until it listens.</summary>
    public static async Task<HttpServerProcess> StartAsync(string fileName, IEnumerable<string> arguments, TimeSpan wait)
    {
        var folder = Directory.CreateTempSubdirectory("mcpforge-http-").FullName;
        var process = ChildProcess.Start(fileName, [.. arguments, "--urls", "http://127.0.0.1:0"], workingDirectory: folder);
        try
        {
            var line = await process.WaitForLineAsync(l => Listening().IsMatch(l), "\"Now listening on: http://127.0.0.1:…\"", wait: wait).ConfigureAwait(false);
            return new HttpServerProcess(process, folder, new Uri(Listening().Match(line).Groups[1].Value));
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            DeleteQuietly(folder);
            throw;
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    private static void DeleteQuietly(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        Process.Dispose();
        DeleteQuietly(_workingDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync().ConfigureAwait(false);
        DeleteQuietly(_workingDirectory);
    }
}
