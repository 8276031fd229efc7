using McpForge.Generators.Model;

namespace McpForge.Generators.Emitting;

/// <summary>
/// Writes <c>AddGeneratedComponents()</c>: registers every tool, prompt, resource and completion class of the assembly.
/// Internal, so each assembly has its own and none collides with another's.
/// </summary>
internal static class RegistrationEmitter
{
    public static string Emit(RegistrationSpec spec)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, "registers every MCP component this assembly declares.");
        w.WriteLine("namespace McpForge;");
        w.WriteLine();
        w.WriteLine("/// <summary>Registration of the MCP components the McpForge generator found in this assembly.</summary>");
        w.WriteLine(GeneratedFile.GeneratedCodeAttribute);
        w.OpenBlock("internal static class McpForgeGeneratedComponents");
        w.WriteLine("/// <summary>");
        w.WriteLine("/// Adds every <c>[McpTool]</c>, <c>[McpPrompt]</c>, <c>[McpResource]</c> and <c>[McpCompletion]</c> class of this assembly: a list written at");
        w.WriteLine("/// compile time, so nothing is discovered by reflection.");
        w.WriteLine("/// </summary>");
        w.OpenBlock("public static global::McpForge.McpServerBuilder AddGeneratedComponents(this global::McpForge.McpServerBuilder builder)");
        w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(builder);");
        foreach (var name in spec.Tools) w.WriteLine($"builder.AddTools<{name}>();");
        foreach (var name in spec.Prompts) w.WriteLine($"builder.AddPrompts<{name}>();");
        foreach (var name in spec.Resources) w.WriteLine($"builder.AddResources<{name}>();");
        foreach (var name in spec.Completions) w.WriteLine($"builder.AddCompletions<{name}>();");
        w.WriteLine("return builder;");
        w.CloseBlock();
        w.CloseBlock();
        return w.ToString();
    }
}
