namespace McpForge.Protocol;

/// <summary>The user's answer to a typed form (<c>McpContext.ElicitAsync&lt;T&gt;</c>).</summary>
/// <param name="Action">What the user did.</param>
/// <param name="Value">For <see cref="ElicitationAction.Accept"/>: the form as the user filled it in; otherwise the default.</param>
public sealed record ElicitationResult<T>(ElicitationAction Action, T? Value)
{
    /// <summary>The user submitted the form, and <see cref="Value"/> holds it.</summary>
    public bool IsAccepted => Action == ElicitationAction.Accept;
}
