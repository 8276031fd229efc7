using System.Text;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Writes indented C# text: the emitters' only output channel. A multi-line string is written line by line at the
/// current indentation, its own relative indentation kept, so that text built elsewhere (a lambda's body) reads as if
/// it had been written in place.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes <paramref name="text"/> and ends the line; each of its lines is indented, blank lines stay empty.</summary>
    public void WriteLine(string text = "")
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4).Append(line);
            }
            _text.Append('\n');
            if (end < 0) return;
            start = end + 1;
        }
    }

    /// <summary>Writes <paramref name="line"/> and opens a block.</summary>
    public void OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indent++;
    }

    /// <summary>Closes a block; <paramref name="suffix"/> follows its brace (<c>,</c> or <c>);</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public override string ToString() => _text.ToString();
}
