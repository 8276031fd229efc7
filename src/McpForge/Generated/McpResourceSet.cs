using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Resources;
using McpForge.Server;

namespace McpForge.Generated;

/// <summary>The resources and templates of one class.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class McpResourceSet(McpResource[] resources, McpResourceTemplate[] templates)
{
    /// <summary>The fixed resources, in declaration order.</summary>
    public ReadOnlySpan<McpResource> Resources => resources;

    /// <summary>The templates, in declaration order.</summary>
    public ReadOnlySpan<McpResourceTemplate> Templates => templates;
}
