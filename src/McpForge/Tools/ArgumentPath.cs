using System.Globalization;

namespace McpForge.Tools;

/// <summary>
/// Where a value sits inside <c>arguments</c>: a top-level argument (<c>/days</c>) or an element of one
/// (<c>/tags/2</c>). The JSON Pointer text is only built when an error needs it.
/// </summary>
public readonly struct ArgumentPath
{
    private readonly string _argument;
    private readonly int _index;

    /// <summary>The path of a top-level argument, e.g. <c>"/days"</c>.</summary>
    public ArgumentPath(string argument)
    {
        _argument = argument;
        _index = -1;
    }

    private ArgumentPath(string argument, int index)
    {
        _argument = argument;
        _index = index;
    }

    /// <summary>The path of element <paramref name="index"/> of this array argument.</summary>
    public ArgumentPath Element(int index) => new(_argument, index);

    /// <inheritdoc/>
    public override string ToString() =>
        _index < 0 ? _argument : _argument + "/" + _index.ToString(CultureInfo.InvariantCulture);
}
