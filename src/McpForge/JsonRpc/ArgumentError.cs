namespace McpForge.JsonRpc;

/// <summary>One problem with a tool's arguments: where (a JSON Pointer such as <c>/days</c>) and what.</summary>
/// <param name="Path">The JSON Pointer of the offending argument, relative to <c>arguments</c>.</param>
/// <param name="Message">What is wrong, in words a model can act on.</param>
public readonly record struct ArgumentError(string Path, string Message);
