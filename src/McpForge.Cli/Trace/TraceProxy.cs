using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace McpForge.Cli.Trace;

/// <summary>
/// A transparent stdio proxy: the server runs as a child; bytes are copied unchanged between this process's
/// stdin/stdout and the child's, chunk by chunk as they arrive, and every complete line is recorded as it passes.
/// The child's stderr is inherited, so its logs reach the host as before.
/// </summary>
internal sealed class TraceProxy(TraceRecorder recorder)
{
    public async Task<int> RunAsync(string fileName, IReadOnlyList<string> arguments, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);

        var toServer = Task.Run(() => PumpAsync(input, child.StandardInput.BaseStream, TraceDirection.In, closeDestination: true));
        var fromServer = Task.Run(() => PumpAsync(child.StandardOutput.BaseStream, output, TraceDirection.Out, closeDestination: false));

        // The session ends when the server closes its stdout (it exited, or finished after its stdin closed).
        using (cancellationToken.Register(() => CloseQuietly(child.StandardInput)))
        {
            try
            {
                await fromServer.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the server's stdin is closed; give it a moment to finish, as a host would.
                await Task.WhenAny(fromServer, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None)).ConfigureAwait(false);
            }
        }
        if (!child.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            child.WaitForExit(TimeSpan.FromSeconds(5));
        }
        // Input already waiting is still recorded (the server may have exited without reading it); reading our
        // stdin cannot be cancelled everywhere, so a host that keeps it open costs a short wait, not a hang.
        await Task.WhenAny(toServer, Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None)).ConfigureAwait(false);
        return child.HasExited ? child.ExitCode : 1;
    }

    private async Task PumpAsync(Stream source, Stream destination, TraceDirection direction, bool closeDestination)
    {
        var buffer = new byte[64 * 1024];
        var line = new ArrayBufferWriter<byte>(4096);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                // Record, then forward the chunk unchanged: a line is recorded before the other side can see it, so a
                // response is never recorded before its request (the recorder needs the request to pair them).
                Split(buffer.AsSpan(0, read), line, direction);
                await destination.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                await destination.FlushAsync().ConfigureAwait(false);
            }
            if (line.WrittenCount > 0) recorder.Observe(direction, line.WrittenSpan);
        }
        catch (IOException)
        {
            // The other side went away; what was read has been forwarded.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            if (closeDestination) CloseQuietly(destination);
        }
    }

    private void Split(ReadOnlySpan<byte> chunk, ArrayBufferWriter<byte> line, TraceDirection direction)
    {
        int newline;
        while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
        {
            if (line.WrittenCount == 0)
            {
                recorder.Observe(direction, chunk[..newline]);
            }
            else
            {
                line.Write(chunk[..newline]);
                recorder.Observe(direction, line.WrittenSpan);
                line.Clear();
            }
            chunk = chunk[(newline + 1)..];
        }
        line.Write(chunk);
    }

    private static void CloseQuietly(StreamWriter writer)
    {
        try { writer.Close(); } catch (IOException) { } catch (ObjectDisposedException) { }
    }

    private static void CloseQuietly(Stream stream)
    {
        try { stream.Close(); } catch (IOException) { } catch (ObjectDisposedException) { }
    }
}
