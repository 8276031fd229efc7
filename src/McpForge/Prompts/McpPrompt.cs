using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Server;

namespace McpForge.Prompts;

/// <summary>
/// Renders one prompt: binds <paramref name="arguments"/> (the raw UTF-8 JSON of the request's <c>arguments</c>
/// object, whose values are strings; empty when absent), runs the method, and writes the <c>GetPromptResult</c>
/// through <see cref="Server.McpCall.BeginResult"/>.
/// </summary>
public delegate ValueTask McpPromptInvoker(McpPromptCall call, ReadOnlySpan<byte> arguments);

/// <summary>One prompt: its name, its <c>prompts/list</c> entry as precomputed UTF-8 JSON, and its invoker.</summary>
public sealed class McpPrompt : McpComponent
{
    /// <summary>Creates a prompt from its name, its complete <c>prompts/list</c> entry and its invoker.</summary>
    public McpPrompt(string name, ReadOnlySpan<byte> descriptor, McpPromptInvoker invoker, IReadOnlyDictionary<string, string[]>? argumentValues = null)
        : base(name, descriptor, argumentValues)
    {
        Invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
    }

    /// <summary>Binds, renders and writes the result.</summary>
    public McpPromptInvoker Invoker { get; }

    /// <summary>
    /// A prompt built at run time, for <see cref="McpServer.AddPrompt"/>: its arguments are checked against
    /// <paramref name="arguments"/> (unknown ones and missing required ones are -32602, as for generated prompts) and
    /// <paramref name="render"/> gets them by name.
    /// </summary>
    public static McpPrompt Create(string name, string? description, IReadOnlyList<PromptArgument> arguments,
        Func<IReadOnlyDictionary<string, string>, McpPromptCall, ValueTask<Protocol.GetPromptResult>> render)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(render);
        var declared = arguments.ToArray();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, McpForge.JsonRpc.MessageBuffer.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("name"u8, name);
            if (description is not null) w.WriteString("description"u8, description);
            w.WriteStartArray("arguments"u8);
            foreach (var argument in declared)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, argument.Name);
                if (argument.Description is not null) w.WriteString("description"u8, argument.Description);
                w.WriteBoolean("required"u8, argument.Required);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var accepted = string.Join(", ", declared.Select(a => a.Name));
        return new McpPrompt(name, buffer.WrittenSpan, (call, json) =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = PromptArguments.Begin(json);
            while (PromptArguments.NextArgument(ref reader))
            {
                var argument = reader.GetString()!;
                if (!Array.Exists(declared, a => a.Name == argument))
                {
                    PromptArguments.UnknownArgument(ref reader, call, accepted);
                    continue;
                }
                reader.Read();
                if (PromptArguments.TryReadString(ref reader, call, "/" + argument, out var value)) values[argument] = value;
            }
            foreach (var argument in declared)
            {
                if (argument.Required && !values.ContainsKey(argument.Name)) PromptArguments.Missing(call, "/" + argument.Name);
            }
            return call.HasArgumentErrors ? default : RunAsync(call, values, render);
        });

        static async ValueTask RunAsync(McpPromptCall call, Dictionary<string, string> values,
            Func<IReadOnlyDictionary<string, string>, McpPromptCall, ValueTask<Protocol.GetPromptResult>> render)
        {
            var result = await render(values, call).ConfigureAwait(false);
            PromptResults.WriteResult(call.BeginResult(), result);
        }
    }
}

/// <summary>An argument of a prompt made with <see cref="McpPrompt.Create"/>.</summary>
/// <param name="Name">The argument's name.</param>
/// <param name="Description">What to give, for the user or model.</param>
/// <param name="Required">Whether <c>prompts/get</c> must give it.</param>
public sealed record PromptArgument(string Name, string? Description = null, bool Required = false);

/// <summary>The prompts of one class, with the generated name lookup that finds them without allocating.</summary>
public sealed class McpPromptSet
{
    private readonly McpPrompt[] _prompts;
    private readonly Tools.McpToolLookup _lookup;

    /// <summary>Groups <paramref name="prompts"/>; <paramref name="lookup"/> maps a UTF-8 name to an index into it.</summary>
    public McpPromptSet(McpPrompt[] prompts, Tools.McpToolLookup lookup)
    {
        _prompts = prompts ?? throw new ArgumentNullException(nameof(prompts));
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
    }

    /// <summary>The prompts, in declaration order.</summary>
    public ReadOnlySpan<McpPrompt> Prompts => _prompts;

    /// <summary>The prompt named <paramref name="utf8Name"/> (unescaped UTF-8), or null.</summary>
    public McpPrompt? Find(ReadOnlySpan<byte> utf8Name)
    {
        var index = _lookup(utf8Name);
        return (uint)index < (uint)_prompts.Length ? _prompts[index] : null;
    }
}
