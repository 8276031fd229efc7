using System;
using System.IO;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using McpForge.Transports.Stdio;

namespace McpForge.Tests;

/// <summary>
/// How a stdio server asks its pipes for room (<see cref="McpServerOptions.StdioPipeBytes"/>): it grows a pipe, never
/// shrinks one, and leaves what is not a pipe alone. Linux only, as <c>F_SETPIPE_SZ</c> is; the tests run on Linux.
/// </summary>
public sealed class PipeCapacityTests
{
    [Fact]
    public void A_pipe_grows_to_what_is_asked()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        Assert.Equal(64 * 1024, Fcntl.Size(pipe.SafePipeHandle)); // what a pipe holds unless asked

        Assert.Equal(256 * 1024, PipeCapacity.Grow(Fcntl.Descriptor(pipe.SafePipeHandle), 256 * 1024));
        Assert.Equal(256 * 1024, Fcntl.Size(pipe.SafePipeHandle));
    }

    [Fact]
    public void A_pipe_that_holds_more_already_is_left_as_it_is()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        Fcntl.Resize(pipe.SafePipeHandle, 512 * 1024);

        Assert.Equal(512 * 1024, PipeCapacity.Grow(Fcntl.Descriptor(pipe.SafePipeHandle), 256 * 1024));
        Assert.Equal(512 * 1024, Fcntl.Size(pipe.SafePipeHandle));
    }

    [Fact]
    public void What_is_not_a_pipe_is_left_alone()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            Assert.Equal(0, PipeCapacity.Grow((int)file.DangerousGetHandle(), 256 * 1024));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The test's own view of a pipe's size, through the same system call.</summary>
    private static class Fcntl
    {
        public static int Descriptor(SafeHandle handle) => (int)handle.DangerousGetHandle();

        public static int Size(SafeHandle handle) => Check(fcntl(Descriptor(handle), 1032, 0)); // F_GETPIPE_SZ

        public static void Resize(SafeHandle handle, int bytes) => Check(fcntl(Descriptor(handle), 1031, bytes)); // F_SETPIPE_SZ

        private static int Check(int result) => result >= 0 ? result : throw new IOException($"fcntl failed: errno {Marshal.GetLastPInvokeError()}");

        [DllImport("libc", SetLastError = true)]
        private static extern int fcntl(int fd, int command, int argument);
    }
}
