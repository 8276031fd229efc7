using System;
using System.Globalization;

namespace McpForge.Tools;

/// <summary>Parses ISO 8601 durations of days, hours, minutes and seconds (<c>P2DT3H4M5.5S</c>), JSON Schema's <c>duration</c>.</summary>
internal static class IsoDuration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && span[0] == '-')
        {
            negative = true;
            span = span[1..];
        }
        if (span.Length < 2 || span[0] != 'P')
        {
            return false;
        }
        span = span[1..];
        var inTime = false;
        var any = false;
        double total = 0;
        while (span.Length > 0)
        {
            if (span[0] == 'T')
            {
                if (inTime) return false;
                inTime = true;
                span = span[1..];
                continue;
            }
            var end = 0;
            while (end < span.Length && (char.IsAsciiDigit(span[end]) || span[end] == '.')) end++;
            if (end == 0 || end == span.Length) return false;
            if (!double.TryParse(span[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            var seconds = (span[end], inTime) switch
            {
                ('W', false) => 7 * 86400.0,
                ('D', false) => 86400.0,
                ('H', true) => 3600.0,
                ('M', true) => 60.0,
                ('S', true) => 1.0,
                _ => -1.0,
            };
            if (seconds < 0) return false;
            total += number * seconds;
            any = true;
            span = span[(end + 1)..];
        }
        if (!any || total > TimeSpan.MaxValue.TotalSeconds) return false;
        value = TimeSpan.FromSeconds(negative ? -total : total);
        return true;
    }
}
