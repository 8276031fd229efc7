namespace McpForge.Protocol;

/// <summary>What the client's model answered to <c>sampling/createMessage</c>.</summary>
/// <param name="Role">Who produced the content (normally the assistant).</param>
/// <param name="Content">The content: text, image or audio.</param>
/// <param name="Model">The model the client used.</param>
/// <param name="StopReason">Why generation stopped (<c>endTurn</c>, <c>stopSequence</c>, <c>maxTokens</c>, …), if given.</param>
public sealed record SamplingResult(Role Role, ContentBlock Content, string Model, string? StopReason);
