using System.Collections.Generic;
using System.Linq;
using McpForge.Generators.Helpers;
using McpForge.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpForge.Generators.Parsing;

/// <summary>Reads who may use a component from its <c>[McpAuthorize]</c>s.</summary>
internal static class AuthorizationParser
{
    /// <summary>
    /// The <c>[McpAuthorize]</c>s of the method and of its containing types, combined (every scope and every policy must
    /// hold, as ASP.NET Core's <c>[Authorize]</c>s combine); null when there are none.
    /// </summary>
    public static AuthorizationSpec? Parse(IMethodSymbol method)
    {
        var scopes = new List<string>();
        var policies = new List<string>();
        var found = false;
        for (ISymbol? symbol = method; symbol is not null; symbol = symbol.ContainingType)
        {
            foreach (var attribute in symbol.GetAttributes().Where(a => SymbolNames.IsAttribute(a, TypeNames.McpAuthorizeAttribute)))
            {
                found = true;
                if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Array)
                {
                    foreach (var value in attribute.ConstructorArguments[0].Values)
                    {
                        if (value.Value is string scope && scope.Length > 0 && !scopes.Contains(scope)) scopes.Add(scope);
                    }
                }
                if (AttributeArguments.NamedString(attribute, "Policy") is { Length: > 0 } policy && !policies.Contains(policy)) policies.Add(policy);
            }
        }
        return found ? new AuthorizationSpec(scopes.ToEquatableArray(), policies.ToEquatableArray()) : null;
    }
}
