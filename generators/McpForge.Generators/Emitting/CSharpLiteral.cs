using Microsoft.CodeAnalysis.CSharp;

namespace McpForge.Generators.Emitting;

/// <summary>Text written into generated code as C# literals, escaped by the compiler's own rules.</summary>
internal static class CSharpLiteral
{
    /// <summary><c>"text"</c>, escaped.</summary>
    public static string String(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary><c>"text"u8</c>, escaped: a UTF-8 span the compiler lays out in the assembly's data.</summary>
    public static string Utf8(string text) => String(text) + "u8";

    /// <summary><c>'c'</c>, escaped.</summary>
    public static string Char(char c) => SymbolDisplay.FormatLiteral(c, quote: true);

    public static string Bool(bool value) => value ? "true" : "false";
}
