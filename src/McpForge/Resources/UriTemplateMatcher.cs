using System;

namespace McpForge.Resources;

/// <summary>
/// Matches URIs against a URI template whose parts the generator worked out at compile time: literal text and
/// variables alternating, each variable simple (<c>{name}</c>: no <c>/</c>, <c>?</c> or <c>#</c> in its value) or
/// reserved (<c>{+name}</c>: anything). Values are percent-decoded. No regular expressions, no parsing at run time.
/// </summary>
public sealed class UriTemplateMatcher
{
    private readonly string[] _literals;
    private readonly bool[] _reserved;

    /// <summary>
    /// <paramref name="literals"/> has one more entry than <paramref name="reserved"/>: the text before the first
    /// variable, between each pair, and after the last (empty strings where there is none).
    /// </summary>
    public UriTemplateMatcher(string[] literals, bool[] reserved)
    {
        ArgumentNullException.ThrowIfNull(literals);
        ArgumentNullException.ThrowIfNull(reserved);
        if (literals.Length != reserved.Length + 1)
        {
            throw new ArgumentException("A template has one more literal part than it has variables.", nameof(literals));
        }
        _literals = literals;
        _reserved = reserved;
    }

    /// <summary>The variable values of <paramref name="uri"/> in template order, or null when it does not match.</summary>
    public string[]? Match(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var rest = uri.AsSpan();
        if (!rest.StartsWith(_literals[0], StringComparison.Ordinal)) return null;
        rest = rest[_literals[0].Length..];
        var values = new string[_reserved.Length];
        for (var i = 0; i < _reserved.Length; i++)
        {
            var next = _literals[i + 1];
            var isLast = i == _reserved.Length - 1;
            int end;
            if (next.Length == 0)
            {
                // A variable followed directly by another, or ending the template, takes what is left (the last),
                // or for adjacent variables everything up to a character the simple form cannot hold.
                end = isLast ? rest.Length : (_reserved[i] ? rest.Length : rest.IndexOfAny('/', '?', '#'));
                if (end < 0) end = rest.Length;
            }
            else
            {
                end = isLast && _reserved[i] ? rest.LastIndexOf(next, StringComparison.Ordinal) : rest.IndexOf(next, StringComparison.Ordinal);
                if (end < 0) return null;
            }
            var value = rest[..end];
            if (value.IsEmpty || (!_reserved[i] && value.IndexOfAny('/', '?', '#') >= 0)) return null;
            values[i] = Uri.UnescapeDataString(value.ToString());
            rest = rest[(end + next.Length)..];
        }
        return rest.IsEmpty ? values : null;
    }
}
