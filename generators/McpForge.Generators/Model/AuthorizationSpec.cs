using System.Linq;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>
/// What the <c>[McpAuthorize]</c>s of a component and of its containing classes ask of its callers, combined: every
/// scope and every policy.
/// </summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
internal sealed record AuthorizationSpec(EquatableArray<string> Scopes, EquatableArray<string> Policies)
{
    /// <summary>The <c>Authorization = …</c> initializer of the generated component.</summary>
    public string Initializer() =>
        $"Authorization = new global::McpForge.Server.McpAuthorization({Strings(Scopes)}, {Strings(Policies)})";

    private static string Strings(EquatableArray<string> values) => values.Count == 0
        ? "global::System.Array.Empty<string>()"
        : "new string[] { " + string.Join(", ", values.Select(v => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(v, true))) + " }";

    /// <summary>The object initializer of a generated component: its timeout and authorization, or nothing.</summary>
    public static string ObjectInitializer(params string?[] members)
    {
        var present = members.Where(m => m is not null).ToList();
        return present.Count == 0 ? "" : " { " + string.Join(", ", present) + " }";
    }
}
