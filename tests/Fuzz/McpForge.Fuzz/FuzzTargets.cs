using System;
using System.Collections.Generic;
using McpForge.Fuzz.Targets;

namespace McpForge.Fuzz;

/// <summary>
/// Every fuzz target by the name eng/fuzz.sh and the corpus folders (tests/Fuzz/corpus/&lt;name&gt;) use. A target takes
/// any bytes and throws only when an invariant broke (<see cref="InvariantException"/>), which is a finding.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["message"] = bytes => SessionTargets.Message(bytes),
        ["tool-arguments"] = bytes => SessionTargets.ToolArguments(bytes),
        ["resource-uri"] = bytes => SessionTargets.ResourceUri(bytes),
        ["prompt-arguments"] = bytes => SessionTargets.PromptArguments(bytes),
        ["uri-template"] = bytes => ParserTargets.UriTemplate(bytes),
        ["accept"] = bytes => ParserTargets.Accept(bytes),
        ["last-event-id"] = bytes => ParserTargets.LastEventId(bytes),
        ["http"] = bytes => HttpTargets.Request(bytes),
    };
}
