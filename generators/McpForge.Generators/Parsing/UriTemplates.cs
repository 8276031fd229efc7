using System.Collections.Generic;
using System.Text;

namespace McpForge.Generators.Parsing;

/// <summary>
/// Splits an RFC 6570 URI template into literal text and variables, at compile time. Supported: simple
/// (<c>{name}</c>) and reserved (<c>{+name}</c>) expansions of one variable each, with literal text between
/// variables; everything else is reported with the reason.
/// </summary>
internal static class UriTemplates
{
    public sealed record Parsed(List<string> Literals, List<bool> Reserved, List<string> Variables);

    public static Parsed? TryParse(string template, out string? error)
    {
        var literals = new List<string>();
        var reserved = new List<bool>();
        var variables = new List<string>();
        var literal = new StringBuilder();
        error = null;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                error = $"'}}' at position {i} closes no expression";
                return null;
            }
            if (c != '{')
            {
                if (char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '\\' or '^' or '`' or '|')
                {
                    error = $"'{c}' at position {i} is not allowed in a URI";
                    return null;
                }
                literal.Append(c);
                continue;
            }
            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"the expression at position {i} is not closed";
                return null;
            }
            var expression = template.Substring(i + 1, close - i - 1);
            var isReserved = expression.StartsWith("+");
            var name = isReserved ? expression.Substring(1) : expression;
            if (name.Length == 0)
            {
                error = $"the expression at position {i} names no variable";
                return null;
            }
            if ("#./;?&=,!@|".IndexOf(expression[0]) >= 0)
            {
                error = $"the '{expression[0]}' operator of '{{{expression}}}' is not supported (use {{name}} or {{+name}})";
                return null;
            }
            if (name.IndexOf(',') >= 0 || name.IndexOf(':') >= 0 || name.IndexOf('*') >= 0)
            {
                error = $"'{{{expression}}}' uses a variable list or modifier, which is not supported (use one variable per expression)";
                return null;
            }
            foreach (var ch in name)
            {
                if (!(ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.'))
                {
                    error = $"'{name}' is not a valid variable name";
                    return null;
                }
            }
            if (variables.Count > 0 && literal.Length == 0)
            {
                error = $"'{{{expression}}}' follows another variable directly, so a URI could not be split between them";
                return null;
            }
            if (variables.Contains(name))
            {
                error = $"the variable '{name}' appears twice";
                return null;
            }
            literals.Add(literal.ToString());
            literal.Clear();
            reserved.Add(isReserved);
            variables.Add(name);
            i = close;
        }
        literals.Add(literal.ToString());
        if (literals[0].IndexOf("://", System.StringComparison.Ordinal) < 0 && (literals[0].IndexOf(':') <= 0))
        {
            error = "it does not start with a scheme such as 'file://' or 'docs:'";
            return null;
        }
        return new Parsed(literals, reserved, variables);
    }
}
