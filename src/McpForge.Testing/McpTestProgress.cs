namespace McpForge.Testing;

/// <summary>One <c>notifications/progress</c> the server sent for a call.</summary>
/// <param name="Progress">How far the call is (it only grows).</param>
/// <param name="Total">The total, when the server knows it.</param>
/// <param name="Message">What the server said about this step, if anything.</param>
public sealed record McpTestProgress(double Progress, double? Total, string? Message);
