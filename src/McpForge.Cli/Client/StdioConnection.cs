using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using McpForge.Cli.Protocol;

namespace McpForge.Cli.Client;

/// <summary>
/// A server started as a child process, spoken to with one JSON-RPC message per line on its stdin and stdout.
/// Every stdout line is passed on as received, stray ones too (they are the most common stdio failure);
/// stderr is kept (the last 64 KiB) so reports can show why a server stopped.
/// </summary>
internal sealed class StdioConnection : IMcpConnection
{
    private const int StderrKept = 64 * 1024;
    private readonly Process _process;
    private readonly Channel<Incoming> _received = Channel.CreateUnbounded<Incoming>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly StringBuilder _stderr = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;

    private StdioConnection(Process process, IReadOnlyList<string> commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    public IReadOnlyList<string> CommandLine { get; }

    public string Description => "stdio: " + string.Join(' ', CommandLine);

    public ChannelReader<Incoming> Received => _received.Reader;

    public string? ProtocolVersion { get; set; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>What the server wrote to stderr so far (at most the last 64 KiB).</summary>
    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>
    /// All the server wrote to stderr, once its stderr has reached its end or <paramref name="wait"/> has passed: when a
    /// server dies its stdout and stderr close together, and the last stderr lines (most often the reason) may not have
    /// been read yet when the closed stdout is noticed.
    /// </summary>
    public async Task<string> StandardErrorToEndAsync(TimeSpan wait)
    {
        await Task.WhenAny(_stderrPump, Task.Delay(wait)).ConfigureAwait(false);
        return StandardError;
    }

    /// <summary>Starts <paramref name="fileName"/>; throws <see cref="System.ComponentModel.Win32Exception"/> if it cannot run.</summary>
    public static StdioConnection Start(string fileName, IReadOnlyList<string> arguments, IReadOnlyList<string> commandLine)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        return new StdioConnection(process, commandLine);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            stdin.WriteByte((byte)'\n');
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ConnectionClosedException("the server's stdin is closed: " + e.Message, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for the process to exit.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan wait) => Task.Run(() => _process.WaitForExit(wait));

    private async Task PumpStdoutAsync()
    {
        var stdout = _process.StandardOutput.BaseStream;
        var line = new ArrayBufferWriter<byte>(4096);
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                int newline;
                while ((newline = span.IndexOf((byte)'\n')) >= 0)
                {
                    line.Write(span[..newline]);
                    Publish(line.WrittenSpan);
                    line.Clear();
                    span = span[(newline + 1)..];
                }
                line.Write(span);
            }
            if (line.WrittenCount > 0) Publish(line.WrittenSpan);
        }
        catch (IOException)
        {
            // The process went away mid-read: what was read has been published.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    private void Publish(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        if (line.IsEmpty) return;
        var bytes = line.ToArray();
        _received.Writer.TryWrite(new Incoming(bytes, RpcEnvelope.Read(bytes), DateTime.UtcNow));
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[4096];
        int read;
        try
        {
            while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (_stderr)
                {
                    _stderr.Append(buffer, 0, read);
                    if (_stderr.Length > StderrKept) _stderr.Remove(0, _stderr.Length - StderrKept);
                }
            }
        }
        catch (IOException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A well-behaved server exits when its input closes; give it a moment before killing it.
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        if (!await WaitForExitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false))
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        await Task.WhenAny(Task.WhenAll(_stdoutPump, _stderrPump), Task.Delay(2000)).ConfigureAwait(false);
        _process.Dispose();
        _writeLock.Dispose();
    }
}

/// <summary>The server went away (its process exited, or its stdin closed) while a message was being sent.</summary>
internal sealed class ConnectionClosedException(string message, Exception? inner = null) : Exception(message, inner);
