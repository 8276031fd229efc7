using System;
using System.Diagnostics;

namespace McpForge.Generators.Model;

/// <summary>
/// Where a component stands among the members of its class, without a source position: the file, the index of its
/// method among the attributed methods of its type declaration, and the index of its attribute on that method (a
/// method may complete several arguments). Editing a method body or a doc comment moves no index, so it leaves every
/// other component's spec equal and cached; only adding, removing or moving an attributed method shifts those after it.
/// </summary>
/// <remarks>Cache contract: a string and two integers.</remarks>
[DebuggerDisplay("{File}#{Member}.{Attribute}")]
internal sealed record DeclarationOrder(string File, int Member, int Attribute) : IComparable<DeclarationOrder>
{
    public int CompareTo(DeclarationOrder? other)
    {
        if (other is null) return 1;
        var byFile = string.CompareOrdinal(File, other.File);
        if (byFile != 0) return byFile;
        return Member != other.Member ? Member.CompareTo(other.Member) : Attribute.CompareTo(other.Attribute);
    }
}
