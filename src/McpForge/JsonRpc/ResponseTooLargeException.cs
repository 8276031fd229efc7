using System;
using System.Globalization;

namespace McpForge.JsonRpc;

/// <summary>
/// A result grew past <see cref="McpServerOptions.MaxResponseBytes"/> while it was being written. Thrown by the
/// buffer itself, so a result that never ends (a lazy sequence of content blocks) stops at the limit instead of
/// taking the memory of the process; the session answers the request with -32603.
/// </summary>
internal sealed class ResponseTooLargeException(long limit)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"The response exceeds the limit of {limit} bytes (McpServerOptions.MaxResponseBytes)."))
{
    public long Limit { get; } = limit;
}
