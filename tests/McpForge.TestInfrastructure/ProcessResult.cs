using System.Text;

namespace McpForge.TestInfrastructure;

/// <summary>What a finished process left: its exit code, its stdout byte for byte, and its stderr.</summary>
public sealed record ProcessResult(int ExitCode, byte[] StdoutBytes, string Stderr)
{
    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
