using System;
using System.Collections.Generic;
using System.ComponentModel;
using McpForge.Resources;

namespace McpForge.Generated;

/// <summary>
/// Matches URIs against a URI template whose parts the generator worked out at compile time (or <see cref="Parse"/>
/// worked out once): literal text and expressions alternating. Levels 1 to 3 of RFC 6570: simple <c>{id}</c> (no
/// <c>/ ? #</c> in the value), reserved <c>{+path}</c> and fragment <c>{#f}</c> (anything), lists <c>{x,y}</c>, and
/// the <c>{.x}</c>, <c>{/x}</c>, <c>{;x}</c>, <c>{?x}</c>, <c>{&amp;x}</c> operators, whose variables may be absent
/// (their values are then null). Values are percent-decoded. No regular expressions, no parsing per request.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class UriTemplateMatcher
{
    private readonly string[] _literals;
    private readonly UriTemplateExpression[] _expressions;
    private readonly int _variableCount;

    /// <summary>
    /// <paramref name="literals"/> has one more entry than <paramref name="expressions"/>: the text before the first
    /// expression, between each pair, and after the last (empty strings where there is none).
    /// </summary>
    public UriTemplateMatcher(string[] literals, UriTemplateExpression[] expressions)
    {
        ArgumentNullException.ThrowIfNull(literals);
        ArgumentNullException.ThrowIfNull(expressions);
        if (literals.Length != expressions.Length + 1)
        {
            throw new ArgumentException("A template has one more literal part than it has expressions.", nameof(literals));
        }
        _literals = literals;
        _expressions = expressions;
        var names = new List<string>();
        foreach (var expression in expressions)
        {
            if (expression.Names.Length == 0) throw new ArgumentException("An expression names no variable.", nameof(expressions));
            names.AddRange(expression.Names);
        }
        Variables = [.. names];
        _variableCount = names.Count;
    }

    /// <summary>The variable names, in template order (the order of <see cref="Match"/>'s values).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>
    /// Compiles <paramref name="template"/> once, for templates that exist only at run time; throws
    /// <see cref="ArgumentException"/> with the reason when McpForge cannot match it (the same rules as MCPF0015).
    /// </summary>
    public static UriTemplateMatcher Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parsed = UriTemplateSyntax.TryParse(template, out var error)
            ?? throw new ArgumentException($"'{template}' is not a URI template McpForge can match: {error}.", nameof(template));
        var expressions = new UriTemplateExpression[parsed.Expressions.Count];
        for (var i = 0; i < expressions.Length; i++)
        {
            expressions[i] = new UriTemplateExpression(parsed.Expressions[i].Operator, [.. parsed.Expressions[i].Names]);
        }
        return new UriTemplateMatcher([.. parsed.Literals], expressions);
    }

    /// <summary>
    /// The variable values of <paramref name="uri"/> in template order (null for a variable the URI leaves out), or
    /// null when it does not match.
    /// </summary>
    public string?[]? Match(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var rest = uri.AsSpan();
        if (!rest.StartsWith(_literals[0], StringComparison.Ordinal)) return null;
        rest = rest[_literals[0].Length..];
        var values = new string?[_variableCount];
        var slot = 0;
        for (var i = 0; i < _expressions.Length; i++)
        {
            var expression = _expressions[i];
            var next = _literals[i + 1];
            var isLast = i == _expressions.Length - 1;
            int end;
            if (next.Length > 0)
            {
                // The last expression of a reserved kind may hold the literal itself; it ends at its last occurrence.
                end = isLast && expression.Operator is '+' or '#' ? rest.LastIndexOf(next, StringComparison.Ordinal) : rest.IndexOf(next, StringComparison.Ordinal);
                if (end < 0) return null;
            }
            else if (isLast)
            {
                end = rest.Length;
            }
            else
            {
                // Adjacent expressions: this one ends where the next one's operator character starts it, if it is there.
                end = rest.IndexOf(_expressions[i + 1].Operator);
                if (end < 0) end = rest.Length;
            }
            if (!TryDecode(expression, rest[..end], values.AsSpan(slot, expression.Names.Length))) return null;
            slot += expression.Names.Length;
            rest = rest[(end + next.Length)..];
        }
        return rest.IsEmpty ? values : null;
    }

    private static bool TryDecode(UriTemplateExpression expression, ReadOnlySpan<char> text, Span<string?> values)
    {
        var names = expression.Names;
        switch (expression.Operator)
        {
            case '\0':
                return !text.IsEmpty && text.IndexOfAny('/', '?', '#') < 0 && Positional(text, ',', values);
            case '+':
                return !text.IsEmpty && (names.Length == 1 ? Single(text, values) : Positional(text, ',', values));
            case '#':
                if (text.IsEmpty) return true;
                return text[0] == '#' && (names.Length == 1 ? Single(text[1..], values) : Positional(text[1..], ',', values));
            case '.':
            case '/':
                if (text.IsEmpty) return true;
                return text[0] == expression.Operator && text.IndexOfAny('?', '#') < 0 && Positional(text[1..], expression.Operator, values);
            case ';':
                if (text.IsEmpty) return true;
                return text[0] == ';' && Named(text[1..], ';', names, values, emptyWithoutEquals: true);
            case '?':
            case '&':
                if (text.IsEmpty) return true;
                return text[0] == expression.Operator && Named(text[1..], '&', names, values, emptyWithoutEquals: false);
            default:
                return false;
        }
    }

    private static bool Single(ReadOnlySpan<char> text, Span<string?> values)
    {
        values[0] = Uri.UnescapeDataString(text.ToString());
        return true;
    }

    /// <summary>Values separated by <paramref name="separator"/>, one per name in order; fewer values leave the rest absent.</summary>
    private static bool Positional(ReadOnlySpan<char> text, char separator, Span<string?> values)
    {
        var index = 0;
        foreach (var range in text.Split(separator))
        {
            var part = text[range];
            if (index == values.Length || part.IsEmpty) return false;
            values[index++] = Uri.UnescapeDataString(part.ToString());
        }
        return true;
    }

    /// <summary><c>name=value</c> pairs separated by <paramref name="separator"/>, in any order; unknown or repeated names do not match.</summary>
    private static bool Named(ReadOnlySpan<char> text, char separator, string[] names, Span<string?> values, bool emptyWithoutEquals)
    {
        foreach (var range in text.Split(separator))
        {
            var pair = text[range];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var index = IndexOf(names, name);
            if (index < 0 || values[index] is not null) return false;
            if (equals < 0 && !emptyWithoutEquals) return false;
            values[index] = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].ToString());
        }
        return true;
    }

    private static int IndexOf(string[] names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i])) return i;
        }
        return -1;
    }
}
