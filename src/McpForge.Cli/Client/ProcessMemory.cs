using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace McpForge.Cli.Client;

/// <summary>Resident memory of a server process and its children (a launcher such as npx or a shell script starts the real server as a child).</summary>
internal static class ProcessMemory
{
    public static long? ResidentBytes(int pid)
    {
        try
        {
            if (!OperatingSystem.IsLinux())
            {
                using var process = Process.GetProcessById(pid);
                return process.WorkingSet64;
            }
            return ResidentTree(pid, depth: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long ResidentTree(int pid, int depth)
    {
        var total = ReadVmRss(pid);
        if (depth > 8) return total;
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks)) return total;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            var children = Path.Combine(task, "children");
            if (!File.Exists(children)) continue;
            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(child, out var childPid)) total += ResidentTree(childPid, depth + 1);
            }
        }
        return total;
    }

    private static long ReadVmRss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null) return 0;
        var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.TryParse(kilobytes, out var kb) ? kb * 1024 : 0;
    }

    public static string Format(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024.0)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " KiB";
}
