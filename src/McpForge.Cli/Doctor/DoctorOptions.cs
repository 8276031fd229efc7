using System;

namespace McpForge.Cli.Doctor;

/// <summary>Thresholds and waits of a doctor run. The defaults are the troubleshooting guide's numbers.</summary>
internal sealed record DoctorOptions
{
    /// <summary>The revision asked for in <c>initialize</c>.</summary>
    public string ProtocolVersion { get; init; } = Protocol.McpProtocol.LatestVersion;

    /// <summary>How long any one request may take before it counts as unanswered.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A request slower than this is flagged (the guide: 5 s).</summary>
    public TimeSpan SlowRequest { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A response larger than this is flagged (the guide: keep responses under 1 MB).</summary>
    public long MaxResponseBytes { get; init; } = 1_000_000;

    /// <summary>How long to wait for the error answering a malformed message (some servers drop them silently).</summary>
    public TimeSpan ErrorWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Resident memory growing by more than this during the checks is flagged.</summary>
    public long MemoryGrowthBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>A certificate expiring within this many days is flagged.</summary>
    public int CertificateWarningDays { get; init; } = 14;

    /// <summary>HTTPS: run the other checks even when the certificate is not trusted (the TLS check still fails).</summary>
    public bool Insecure { get; init; }
}
