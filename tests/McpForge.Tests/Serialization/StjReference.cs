using System.Collections.Generic;
using System.Text.Json.Serialization;
using McpForge.Tests.Fixtures;

namespace McpForge.Tests.Serialization;

/// <summary>
/// System.Text.Json's source-generated serializers for the fixture types, with the naming McpForge uses by default
/// (camelCase properties, enums as strings): what the generated writers must match byte for byte.
/// </summary>
/// <remarks>
/// Metadata mode, not the default fast path: the fast path writes a null <c>byte[]</c> property as <c>""</c> (it hands
/// the null array to <c>WriteBase64String</c> as an empty span), where System.Text.Json's converters, its reflection
/// path and McpForge all write <c>null</c>.
/// </remarks>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Bundle))]
[JsonSerializable(typeof(Drawing))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class StjReference : JsonSerializerContext;
