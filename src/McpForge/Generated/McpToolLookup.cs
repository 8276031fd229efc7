using System;
using System.ComponentModel;
using McpForge.Tools;

namespace McpForge.Generated;

/// <summary>Finds a tool's index by its UTF-8 name, or returns -1. Generated as a switch on length and bytes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate int McpToolLookup(ReadOnlySpan<byte> utf8Name);
