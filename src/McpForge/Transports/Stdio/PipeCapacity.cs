using System;
using System.Runtime.InteropServices;

namespace McpForge.Transports.Stdio;

/// <summary>
/// The kernel buffer of a pipe, on Linux (<c>fcntl</c> <c>F_GETPIPE_SZ</c>, <c>F_SETPIPE_SZ</c>). A pipe holds 64 KiB
/// unless asked for more, so a stdio server that keeps up with a busy client reads, and wakes the client's writer, once
/// every 64 KiB of requests, and writes once every 64 KiB of answers: each a system call, and each wake-up a switch on
/// the other side. Those scale with the bytes, not with the calls; a larger pipe, read whole, makes fewer of them.
/// </summary>
internal static class PipeCapacity
{
    private const int SetPipeSize = 1031; // F_SETPIPE_SZ (linux/fcntl.h: F_LINUX_SPECIFIC_BASE + 7)
    private const int GetPipeSize = 1032; // F_GETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 8)

    /// <summary>
    /// Asks the pipe open as <paramref name="descriptor"/> to hold at least <paramref name="bytes"/>, never less than it
    /// holds already; returns what it holds then, or 0 when the descriptor is not a pipe (a file, a terminal, a socket)
    /// or the system is not Linux. A refusal (more than <c>/proc/sys/fs/pipe-max-size</c>, or past the user's share of
    /// pipe buffers, <c>/proc/sys/fs/pipe-user-pages-soft</c>) leaves the pipe as it was.
    /// </summary>
    public static int Grow(int descriptor, int bytes)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        try
        {
            var holds = Fcntl(descriptor, GetPipeSize, 0);
            if (holds <= 0) return 0;
            if (bytes <= holds) return holds;
            var grown = Fcntl(descriptor, SetPipeSize, bytes);
            return grown > 0 ? grown : holds;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // The runtime maps "libc" to the system's C library (libc.so.6 on glibc); should a system lack it, the server
            // must still start: its pipes stay as they are.
            return 0;
        }
    }

    // Only ints cross, so the call needs no marshalling (and so neither LibraryImport's generated stub nor unsafe code).
    // fcntl is variadic; its third argument, an int, goes where a fixed one would on x64 and arm64 Linux.
    [DllImport("libc", EntryPoint = "fcntl")]
    private static extern int Fcntl(int descriptor, int command, int argument);
}
