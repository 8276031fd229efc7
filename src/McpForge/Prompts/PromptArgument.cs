using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>An argument of a prompt made with <see cref="McpPrompt.Create"/>.</summary>
/// <param name="Name">The argument's name.</param>
/// <param name="Description">What to give, for the user or model.</param>
/// <param name="Required">Whether <c>prompts/get</c> must give it.</param>
public sealed record PromptArgument(string Name, string? Description = null, bool Required = false);
