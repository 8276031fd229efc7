using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace McpForge.Generators.Emitting;

/// <summary>Writes indented C# text. The emitter's only output channel.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="line"/> and opens a block.</summary>
    public void OpenBlock(string line)
    {
        WriteLine(line);
        WriteLine("{");
        _indent++;
    }

    public void CloseBlock(string suffix = "")
    {
        _indent--;
        WriteLine("}" + suffix);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public SourceText ToSourceText() => SourceText.From(_text.ToString(), Encoding.UTF8);

    public override string ToString() => _text.ToString();
}
