using System;
using System.Globalization;
using System.IO;

namespace McpForge.TestInfrastructure;

/// <summary>The memory of a child process, read from /proc (Linux): for a server the test cannot ask.</summary>
public static class ProcessMemory
{
    /// <summary>Resident set of the process now.</summary>
    public static long ResidentBytes(this ChildProcess process) => StatusBytes(process, "VmRSS:");

    /// <summary>The most the resident set has been since the process started or <see cref="ResetPeakResidentBytes"/> (its high-water mark).</summary>
    public static long PeakResidentBytes(this ChildProcess process) => StatusBytes(process, "VmHWM:");

    /// <summary>Sets the high-water mark of the resident set to what it is now (5 written to /proc/PID/clear_refs).</summary>
    public static void ResetPeakResidentBytes(this ChildProcess process) => File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");

    private static long StatusBytes(ChildProcess process, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"No {field} in /proc status.");
    }
}
