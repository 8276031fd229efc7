using System.Linq;
using System.Text.RegularExpressions;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>Reads build and publish logs the way a reviewer does.</summary>
internal static partial class BuildOutput
{
    /// <summary>A diagnostic ("warning IL3050: …", "warning NU1603: …") or a non-zero count in the build summary.</summary>
    [GeneratedRegex(@"warning [A-Z]+\d+|^\s*[1-9]\d* Warning\(s\)", RegexOptions.IgnoreCase)]
    private static partial Regex Warning();

    public static void AssertNoWarnings(ProcessResult result)
    {
        var warnings = (result.Stdout + result.Stderr).Split('\n').Where(l => Warning().IsMatch(l)).ToList();
        Assert.True(warnings.Count == 0, "warnings:\n" + string.Join("\n", warnings));
    }
}
