using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Server;
using McpForge.Generated;

namespace McpForge.Prompts;

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
