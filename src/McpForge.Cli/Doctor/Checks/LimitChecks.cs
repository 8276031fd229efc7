using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpForge.Cli.Client;

namespace McpForge.Cli.Doctor.Checks;

/// <summary>The guide's thresholds over every request the doctor made (responses over 1 MB, requests over 5 s), and memory growth.</summary>
internal static class LimitChecks
{
    public static void Run(DoctorRun run, McpClient client)
    {
        var exchanges = client.Exchanges.Where(e => e.Result is not null || e.Error is not null).ToList();
        var limit = run.Options.MaxResponseBytes;
        var large = exchanges.Where(e => e.Bytes > limit).Select(e => $"{e.Method} {Bytes(e.Bytes)}").ToList();
        var biggest = exchanges.Count == 0 ? null : exchanges.MaxBy(e => e.Bytes);
        run.Add(large.Count == 0
            ? CheckResult.Pass(DoctorCatalog.LimitsResponseSize, $"largest response {(biggest is null ? "none" : $"{Bytes(biggest.Bytes)} ({biggest.Method})")}, limit {Bytes(limit)}")
            : CheckResult.Warn(DoctorCatalog.LimitsResponseSize, $"over {Bytes(limit)}: " + ListingChecks.Join(large)));

        var slowLimit = run.Options.SlowRequest;
        var slow = client.Exchanges.Where(e => e.Elapsed > slowLimit).Select(e => $"{e.Method} took {DoctorRun.Ms(e.Elapsed)}").ToList();
        var slowest = client.Exchanges.Count == 0 ? null : client.Exchanges.MaxBy(e => e.Elapsed);
        run.Add(slow.Count == 0
            ? CheckResult.Pass(DoctorCatalog.LimitsLatency, $"slowest request {(slowest is null ? "none" : $"{slowest.Method} {DoctorRun.Ms(slowest.Elapsed)}")}, limit {DoctorRun.Ms(slowLimit)}")
            : CheckResult.Warn(DoctorCatalog.LimitsLatency, $"over {DoctorRun.Ms(slowLimit)}: " + ListingChecks.Join(slow)));
    }

    /// <summary>Resident memory before and after the checks; growth beyond the threshold during a few requests is flagged.</summary>
    public static void CheckMemory(DoctorRun run, long? before, long? after)
    {
        if (before is null || after is null)
        {
            run.Add(CheckResult.Skip(DoctorCatalog.Memory, "the process's memory could not be read"));
            return;
        }
        var growth = after.Value - before.Value;
        var detail = $"resident {ProcessMemory.Format(before.Value)} before, {ProcessMemory.Format(after.Value)} after";
        run.Add(growth > run.Options.MemoryGrowthBytes
            ? CheckResult.Warn(DoctorCatalog.Memory, detail + $": grew by {ProcessMemory.Format(growth)} during a few requests")
            : CheckResult.Pass(DoctorCatalog.Memory, detail));
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000 => (bytes / 1_000_000.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
        >= 1_000 => (bytes / 1_000.0).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
