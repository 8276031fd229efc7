using System.Globalization;
using System.Text;

namespace McpForge.Generators.Helpers;

/// <summary>Builds compact JSON text at compile time (the generator has no System.Text.Json).</summary>
internal sealed class JsonText
{
    private readonly StringBuilder _text = new();
    private bool _needsComma;

    public JsonText StartObject() => Open('{');
    public JsonText EndObject() => Close('}');
    public JsonText StartArray() => Open('[');
    public JsonText EndArray() => Close(']');

    public JsonText Property(string name)
    {
        Separate();
        AppendString(name);
        _text.Append(':');
        _needsComma = false;
        return this;
    }

    public JsonText String(string value)
    {
        Separate();
        AppendString(value);
        _needsComma = true;
        return this;
    }

    /// <summary>Writes an already valid JSON literal (a number, true, false, null).</summary>
    public JsonText Raw(string literal)
    {
        Separate();
        _text.Append(literal);
        _needsComma = true;
        return this;
    }

    public JsonText Bool(bool value) => Raw(value ? "true" : "false");

    public override string ToString() => _text.ToString();

    private JsonText Open(char bracket)
    {
        Separate();
        _text.Append(bracket);
        _needsComma = false;
        return this;
    }

    private JsonText Close(char bracket)
    {
        _text.Append(bracket);
        _needsComma = true;
        return this;
    }

    private void Separate()
    {
        if (_needsComma) _text.Append(',');
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    // Control characters, and the characters C# reads as line breaks inside a literal.
                    if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029')
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }
                    break;
            }
        }
        _text.Append('"');
    }
}
