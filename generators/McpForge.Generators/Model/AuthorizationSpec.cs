using System.Linq;
using McpForge.Generators.Helpers;

namespace McpForge.Generators.Model;

/// <summary>What <c>[McpAuthorize]</c> asks of a component's callers: scopes and an optional policy.</summary>
/// <remarks>Cache contract: equal by value; holds no symbols or syntax.</remarks>
internal sealed record AuthorizationSpec(EquatableArray<string> Scopes, string? Policy)
{
    /// <summary>The <c>Authorization = …</c> initializer of the generated component.</summary>
    public string Initializer()
    {
        var scopes = string.Join(", ", Scopes.Select(s => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, true)));
        var policy = Policy is null ? "" : ", " + Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Policy, true);
        return $"Authorization = new global::McpForge.Server.McpAuthorization(new string[] {{ {scopes} }}{policy})";
    }

    /// <summary>The object initializer of a generated component: its timeout and authorization, or nothing.</summary>
    public static string ObjectInitializer(params string?[] members)
    {
        var present = members.Where(m => m is not null).ToList();
        return present.Count == 0 ? "" : " { " + string.Join(", ", present) + " }";
    }
}
