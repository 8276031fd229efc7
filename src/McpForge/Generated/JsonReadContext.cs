using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using McpForge.JsonRpc;

namespace McpForge.Generated;

/// <summary>
/// Where generated readers record what they found wrong while reading JSON: every problem with its JSON Pointer
/// (<c>/address/zip</c>) and what was expected. Readers descend with <see cref="Enter(string)"/> and
/// <see cref="Exit"/>; the pointer text is only built when a problem is recorded, so reading good input allocates
/// nothing here.
/// </summary>
/// <remarks>
/// Every call a generated invoker serves (<see cref="Server.McpCall"/>) is one; create one directly to read a value
/// outside a call, such as the content of an elicitation.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public class JsonReadContext
{
    private List<ArgumentError>? _errors;
    // The path lives inline for the first four levels (no allocation per call: an argument that is an array of objects
    // is three deep); deeper input spills into an array. Every tools/call allocates its call, which holds this: four
    // levels rather than eight keep it 64 bytes smaller, and what a call allocates streams through the CPU's first-level
    // cache, evicting what the next call needs (docs/benchmarks.md, "The call's own bytes").
    private Segments _inline;
    private Segment[]? _deep;
    private int _depth;

    /// <summary>A context that rejects unknown properties and requires every required member.</summary>
    public JsonReadContext() { }

    /// <summary>A context with the given handling of unknown properties and absent nullable members.</summary>
    /// <param name="rejectUnknownProperties">Properties a type does not declare are errors (true) or are skipped.</param>
    /// <param name="absentNullableIsNull">A nullable member that is absent reads as <c>null</c>, even when required.</param>
    public JsonReadContext(bool rejectUnknownProperties, bool absentNullableIsNull)
    {
        RejectUnknownProperties = rejectUnknownProperties;
        AbsentNullableIsNull = absentNullableIsNull;
    }

    /// <summary>
    /// Properties (and tool arguments) a type does not declare are errors; when false they are skipped. A type's own
    /// <c>[JsonUnmappedMemberHandling]</c> overrides it for that type.
    /// </summary>
    public bool RejectUnknownProperties { get; private protected set; } = true;

    /// <summary>
    /// A nullable member with no default may be left out and then reads as <c>null</c>. True under
    /// <see cref="SchemaStyle.LlmFriendly"/>, whose schemas mark such members optional rather than nullable.
    /// </summary>
    public bool AbsentNullableIsNull { get; private protected set; }

    /// <summary>True once a problem was recorded.</summary>
    public bool HasArgumentErrors => _errors is { Count: > 0 };

    /// <summary>Every problem recorded, in the order found.</summary>
    public IReadOnlyList<ArgumentError> ArgumentErrors => (IReadOnlyList<ArgumentError>?)_errors ?? Array.Empty<ArgumentError>();

    /// <summary>How many problems were recorded; readers compare it before and after a value to know whether it was good.</summary>
    public int ErrorCount => _errors?.Count ?? 0;

    /// <summary>Records a problem at <paramref name="path"/>, a complete JSON Pointer such as <c>/days</c>.</summary>
    public void AddArgumentError(string path, string message) =>
        (_errors ??= new List<ArgumentError>()).Add(new ArgumentError(path, message));

    /// <summary>Records a problem with the value being read (at the current path).</summary>
    public void AddError(string message) => AddArgumentError(CurrentPath(null), message);

    /// <summary>Records a problem with the member <paramref name="name"/> of the object being read (a missing member, say).</summary>
    public void AddMemberError(string name, string message) => AddArgumentError(CurrentPath(name), message);

    /// <summary>Descends into the property <paramref name="name"/> (as it appears in the JSON).</summary>
    public void Enter(string name)
    {
        Push(new Segment(name, -1));
    }

    /// <summary>Descends into the array element at <paramref name="index"/>.</summary>
    public void Enter(int index)
    {
        Push(new Segment(null, index));
    }

    /// <summary>Returns from the last <see cref="Enter(string)"/> or <see cref="Enter(int)"/>.</summary>
    public void Exit() => _depth--;

    /// <summary>The JSON Pointer of the value being read (the empty string at the root).</summary>
    public string Path => CurrentPath(null);

    private void Push(Segment segment)
    {
        if (_depth < Segments.Length)
        {
            _inline[_depth++] = segment;
            return;
        }
        var index = _depth - Segments.Length;
        if (_deep is null || index == _deep.Length)
        {
            Array.Resize(ref _deep, Math.Max(8, index * 2));
        }
        _deep[index] = segment;
        _depth++;
    }

    private Segment At(int depth) => depth < Segments.Length ? _inline[depth] : _deep![depth - Segments.Length];

    private string CurrentPath(string? member)
    {
        var text = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = At(i);
            text.Append('/');
            if (segment.Name is { } name) AppendEscaped(text, name);
            else text.Append(segment.Index.ToString(CultureInfo.InvariantCulture));
        }
        if (member is not null)
        {
            AppendEscaped(text.Append('/'), member);
        }
        return text.ToString();
    }

    /// <summary>RFC 6901: <c>~</c> is written <c>~0</c> and <c>/</c> is written <c>~1</c> inside a pointer.</summary>
    private static void AppendEscaped(StringBuilder text, string name)
    {
        foreach (var c in name)
        {
            if (c == '~') text.Append("~0");
            else if (c == '/') text.Append("~1");
            else text.Append(c);
        }
    }

    private readonly record struct Segment(string? Name, int Index);

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct Segments
    {
        public const int Length = 4;
        private Segment _first;
    }
}
