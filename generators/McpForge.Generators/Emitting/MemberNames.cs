using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Names the generated members of each component (<c>Invoke_{Stem}</c>, <c>Read_{Stem}</c>, <c>s_pattern_{Stem}_…</c>) so that no two collide,
/// decided in the final pass over a class's components: overloads share a C# name, never a component name.
/// </summary>
internal static class MemberNames
{
    /// <summary>
    /// One stem per component, in order: its method's name where that is unique in the class; for overloads, the method's
    /// name and its component's name (<c>Add_add_int</c>, <c>Add_add_double</c>); and a number after any stem still taken.
    /// </summary>
    public static IReadOnlyList<string> Stems(IReadOnlyList<(string Method, string Component)> components)
    {
        var overloaded = new HashSet<string>(
            components.GroupBy(c => c.Method, System.StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key),
            System.StringComparer.Ordinal);
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        var stems = new List<string>(components.Count);
        foreach (var (method, component) in components)
        {
            var stem = overloaded.Contains(method) ? method + "_" + Identifier(component) : method;
            var unique = stem;
            for (var n = 2; !taken.Add(unique); n++) unique = stem + "_" + n;
            stems.Add(unique);
        }
        return stems;
    }

    /// <summary>A component name as identifier characters: <c>files.read-all</c> becomes <c>files_read_all</c>.</summary>
    private static string Identifier(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name) text.Append(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' ? c : '_');
        return text.ToString();
    }
}
