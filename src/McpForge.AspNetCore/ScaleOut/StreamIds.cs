using System;
using System.Globalization;
using System.Text;
using McpForge.JsonRpc;

namespace McpForge.AspNetCore.ScaleOut;

/// <summary>
/// Stream ids of a session in a fleet: <c>{epoch}.{n}.{request}</c>, where the epoch is the owner's (it grows at each
/// takeover) and the request is <c>g</c> for the GET stream, <c>n{number}</c> or <c>s{hex}</c> for the request whose
/// answer the stream carries (<c>o</c> when its id is too long to carry). Event ids (<c>{stream}-{seq}</c>) so stay
/// unique within the session across owners, and the instance that took a session over can tell a client resuming a
/// stream of the dead owner which call was lost, instead of leaving it waiting.
/// </summary>
internal static class StreamIds
{
    private const int MaxStringIdBytes = 32;

    public static string Format(long epoch, int n, RequestId request)
    {
        var prefix = epoch.ToString(CultureInfo.InvariantCulture) + "." + n.ToString(CultureInfo.InvariantCulture) + ".";
        if (!request.IsValid) return prefix + "g";
        if (request.TryGetNumber(out var number)) return prefix + "n" + number.ToString(CultureInfo.InvariantCulture);
        var text = request.ToString()[1..^1]; // a string id prints in quotes
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= MaxStringIdBytes ? prefix + "s" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)) : prefix + "o";
    }

    /// <summary>
    /// True when <paramref name="lastEventId"/> names a stream of an epoch before <paramref name="epoch"/>: its owner is
    /// gone. <paramref name="standalone"/> tells a GET stream; <paramref name="request"/> is the call it carried, when known.
    /// </summary>
    public static bool IsFromEarlierEpoch(string lastEventId, long epoch, out bool standalone, out RequestId request)
    {
        standalone = false;
        request = default;
        var dot = lastEventId.IndexOf('.');
        if (dot <= 0 || !long.TryParse(lastEventId.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var streamEpoch)
            || streamEpoch >= epoch)
        {
            return false;
        }
        var second = lastEventId.IndexOf('.', dot + 1);
        var dash = lastEventId.LastIndexOf('-');
        if (second < 0 || dash <= second + 1) return true;
        var token = lastEventId.AsSpan(second + 1, dash - second - 1);
        switch (token[0])
        {
            case 'g':
                standalone = true;
                break;
            case 'n' when long.TryParse(token[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                request = new RequestId(number);
                break;
            case 's':
                try
                {
                    request = new RequestId(Encoding.UTF8.GetString(Convert.FromHexString(token[1..])));
                }
                catch (FormatException)
                {
                }
                break;
        }
        return true;
    }
}
