using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace McpForge.Cli.Tests.Infrastructure;

/// <summary>The <c>mcpforge doctor --json</c> report, read the way a script reads it.</summary>
internal sealed class DoctorJson
{
    private DoctorJson(JsonElement root)
    {
        Root = root;
        Checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c);
    }

    public JsonElement Root { get; }

    public Dictionary<string, JsonElement> Checks { get; }

    public static DoctorJson Parse(ProcessResult result)
    {
        try
        {
            return new DoctorJson(JsonDocument.Parse(result.Stdout).RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"not a JSON report ({e.Message}):\n{result}");
        }
    }

    public string Status(string id) => Checks.TryGetValue(id, out var check) ? check.GetProperty("status").GetString()! : "(absent)";

    public string Detail(string id) => Checks[id].GetProperty("detail").GetString()!;

    public IEnumerable<string> Ids(string status) => Checks.Values.Where(c => c.GetProperty("status").GetString() == status).Select(c => c.GetProperty("id").GetString()!);

    /// <summary>"id: status (detail)" for every check, for assertion messages.</summary>
    public override string ToString() => string.Join("\n", Checks.Values.Select(c => $"{c.GetProperty("id")}: {c.GetProperty("status")} ({c.GetProperty("detail")})"));
}
