using System;
using System.Collections.Generic;
using System.Globalization;
using McpForge.Cli.Client;

namespace McpForge.Cli.Doctor;

/// <summary>The state of one doctor run that the check groups share: the options, the client once connected, the results so far.</summary>
internal sealed class DoctorRun(DoctorOptions options, Action<string> progress)
{
    private readonly Dictionary<string, CheckResult> _results = new(StringComparer.Ordinal);

    public DoctorOptions Options { get; } = options;

    public McpClient? Client { get; set; }

    public void Progress(string what) => progress(what);

    public void Add(CheckResult result) => _results[result.Check.Id] = result;

    public bool Has(CheckDefinition check) => _results.ContainsKey(check.Id);

    /// <summary>Marks every check of <paramref name="checks"/> that has no result yet as skipped for <paramref name="reason"/>.</summary>
    public void SkipRemaining(IEnumerable<CheckDefinition> checks, string reason)
    {
        foreach (var check in checks)
        {
            if (!Has(check)) Add(CheckResult.Skip(check, reason));
        }
    }

    /// <summary>The results in catalog order.</summary>
    public List<CheckResult> Results()
    {
        var ordered = new List<CheckResult>();
        foreach (var check in DoctorCatalog.All)
        {
            if (_results.TryGetValue(check.Id, out var result)) ordered.Add(result);
        }
        return ordered;
    }

    public static string Ms(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString(elapsed.TotalMilliseconds < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";
}
