using System;
using System.Collections.Generic;
using System.ComponentModel;
using McpForge.Resources;

namespace McpForge.Generated;

/// <summary>One expression of a compiled URI template: its RFC 6570 operator (<c>'\0'</c> when simple) and variables.</summary>
/// <param name="Operator">One of <c>+ # . / ; ? &amp;</c>, or <c>'\0'</c> for a simple <c>{name}</c>.</param>
/// <param name="Names">The expression's variable names.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record UriTemplateExpression(char Operator, params string[] Names);
