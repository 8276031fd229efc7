using System.Collections.Generic;

namespace McpForge.Cli.Doctor;

/// <summary>How a check came out. Only <see cref="Failed"/> makes <c>mcpforge doctor</c> exit non-zero.</summary>
internal enum CheckStatus
{
    Passed,
    Warned,
    Failed,
    /// <summary>Does not apply (an HTTPS check on http://, no token given) or could not run (no handshake).</summary>
    Skipped,
}

/// <summary>One automated check of the troubleshooting guide: a stable id, a title, the fix in one line, where the docs explain it.</summary>
internal sealed record CheckDefinition(string Id, string Title, string Fix, string Anchor)
{
    public string DocsLink => DoctorCatalog.DocsPage + "#" + Anchor;
}

/// <summary>The outcome of one check against one server.</summary>
internal sealed record CheckResult(CheckDefinition Check, CheckStatus Status, string Detail)
{
    public static CheckResult Pass(CheckDefinition check, string detail) => new(check, CheckStatus.Passed, detail);
    public static CheckResult Warn(CheckDefinition check, string detail) => new(check, CheckStatus.Warned, detail);
    public static CheckResult Fail(CheckDefinition check, string detail) => new(check, CheckStatus.Failed, detail);
    public static CheckResult Skip(CheckDefinition check, string detail) => new(check, CheckStatus.Skipped, detail);
}

/// <summary>Everything one doctor run found, in catalog order.</summary>
internal sealed record DoctorReport(string Target, string Transport, string? ServerName, string? ServerVersion, string? ProtocolVersion,
    IReadOnlyList<CheckResult> Results, double DurationMs)
{
    public int Count(CheckStatus status)
    {
        var n = 0;
        foreach (var result in Results) if (result.Status == status) n++;
        return n;
    }

    /// <summary>0 when nothing failed (warnings do not fail a run), 1 otherwise.</summary>
    public int ExitCode => Count(CheckStatus.Failed) == 0 ? 0 : 1;
}
