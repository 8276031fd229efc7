using System.Collections.Generic;
using System.Text;

namespace McpForge.Resources;

/// <summary>
/// The URI templates McpForge understands, RFC 6570 levels 1 to 3: simple <c>{id}</c>, reserved <c>{+path}</c> and
/// fragment <c>{#part}</c> expansions, variable lists <c>{x,y}</c>, and the label <c>{.ext}</c>, path <c>{/a,b}</c>,
/// path-parameter <c>{;p}</c>, query <c>{?q,limit}</c> and query-continuation <c>{&amp;page}</c> operators. Level 4
/// modifiers (<c>{var:3}</c>, <c>{list*}</c>) are refused with the reason.
/// </summary>
/// <remarks>
/// One source for both sides: the generator compiles this file (linked) to split templates at build time and to
/// report bad ones (MCPF0015), and the runtime uses it for templates created while the server runs. So a template
/// means the same thing wherever it is written. Written for netstandard2.0 as well as net10.0.
/// </remarks>
internal static class UriTemplateSyntax
{
    /// <summary>The operators of levels 2 and 3; <c>'\0'</c> stands for a simple expression.</summary>
    public const string Operators = "+#./;?&";

    /// <summary>One expression: its operator (<c>'\0'</c> when simple) and its variable names.</summary>
    public sealed class Expression
    {
        public Expression(char op, List<string> names)
        {
            Operator = op;
            Names = names;
        }

        public char Operator { get; }

        public List<string> Names { get; }

        /// <summary>
        /// An expression with a prefix operator (<c>{?q}</c>, <c>{/a}</c>, …) may expand to nothing when its variables
        /// are absent; simple and reserved ones must have a value.
        /// </summary>
        public bool IsOptional => Operator != '\0' && Operator != '+';
    }

    /// <summary>A template split into literal text and expressions, alternating: one more literal than expressions.</summary>
    public sealed class Parsed
    {
        public Parsed(List<string> literals, List<Expression> expressions)
        {
            Literals = literals;
            Expressions = expressions;
        }

        public List<string> Literals { get; }

        public List<Expression> Expressions { get; }

        /// <summary>Every variable name, in template order.</summary>
        public List<string> Variables
        {
            get
            {
                var names = new List<string>();
                foreach (var expression in Expressions) names.AddRange(expression.Names);
                return names;
            }
        }
    }

    /// <summary>Splits <paramref name="template"/>, or returns null with the reason in <paramref name="error"/>.</summary>
    public static Parsed? TryParse(string template, out string? error)
    {
        var literals = new List<string>();
        var expressions = new List<Expression>();
        var seen = new HashSet<string>();
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
            var text = template.Substring(i + 1, close - i - 1);
            var op = text.Length > 0 && Operators.IndexOf(text[0]) >= 0 ? text[0] : '\0';
            var list = op == '\0' ? text : text.Substring(1);
            if (text.Length > 0 && "=,!@|".IndexOf(text[0]) >= 0)
            {
                error = $"'{text[0]}' in '{{{text}}}' is an operator RFC 6570 reserves for future use";
                return null;
            }
            if (list.Length == 0)
            {
                error = $"the expression at position {i} names no variable";
                return null;
            }
            var names = new List<string>();
            foreach (var name in list.Split(','))
            {
                if (name.IndexOf(':') >= 0 || name.EndsWith("*"))
                {
                    error = $"'{{{text}}}' uses a level 4 modifier (':' prefix or '*' explode), which is not supported";
                    return null;
                }
                if (name.Length == 0 || !IsVariableName(name))
                {
                    error = $"'{name}' is not a valid variable name";
                    return null;
                }
                if (!seen.Add(name))
                {
                    error = $"the variable '{name}' appears twice";
                    return null;
                }
                names.Add(name);
            }
            // Adjacent expressions can only be told apart when the second starts with its own operator character.
            if (expressions.Count > 0 && literal.Length == 0 && op is '\0' or '+')
            {
                error = $"'{{{text}}}' follows another expression directly, so a URI could not be split between them";
                return null;
            }
            literals.Add(literal.ToString());
            literal.Clear();
            expressions.Add(new Expression(op, names));
            i = close;
        }
        literals.Add(literal.ToString());
        if (literals[0].IndexOf("://", System.StringComparison.Ordinal) < 0 && literals[0].IndexOf(':') <= 0)
        {
            error = "it does not start with a scheme such as 'file://' or 'docs:'";
            return null;
        }
        return new Parsed(literals, expressions);
    }

    private static bool IsVariableName(string name)
    {
        foreach (var ch in name)
        {
            if (!(ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '.')) return false;
        }
        return true;
    }
}
