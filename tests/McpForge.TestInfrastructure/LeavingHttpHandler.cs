using System.Net.Http;

namespace McpForge.TestInfrastructure;

/// <summary>
/// The HTTP handler of a test client that goes away: its connection closes the moment a response it has not read to
/// the end is disposed or its read is cancelled. By default <see cref="HttpClient"/> first drains such a response for
/// up to two seconds, to reuse the connection, and an SSE stream that never ends is then closed by a timer in the
/// test process, late whenever that process is busy: the server would see its client leave seconds after the test did.
/// </summary>
public static class LeavingHttpHandler
{
    public static SocketsHttpHandler Create() => new() { MaxResponseDrainSize = 0 };
}
