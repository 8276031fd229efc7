using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using McpForge.Protocol;
using McpForge.Server;
using McpForge.Generated;

namespace McpForge.Resources;

/// <summary>
/// A resource template: its URI template, already split by the generator into literal text and variables, its
/// <c>resources/templates/list</c> entry, and its reader.
/// </summary>
public sealed class McpResourceTemplate : McpComponent
{
    private readonly UriTemplateMatcher _matcher;

    /// <summary>Creates a template from its parts (see <see cref="UriTemplateMatcher"/>), its list entry and its reader.</summary>
    public McpResourceTemplate(string uriTemplate, UriTemplateMatcher matcher, ReadOnlySpan<byte> descriptor, McpResourceReader reader,
        IReadOnlyDictionary<string, string[]>? variableValues = null)
        : base(uriTemplate, descriptor, variableValues)
    {
        _matcher = matcher ?? throw new ArgumentNullException(nameof(matcher));
        Reader = reader ?? throw new ArgumentNullException(nameof(reader));
    }

    /// <summary>The URI template.</summary>
    public string UriTemplate => Name;

    /// <summary>Reads a resource this template matches.</summary>
    public McpResourceReader Reader { get; }

    /// <summary>
    /// A template built at run time, for <see cref="McpServer.AddResourceTemplate"/>: the template is compiled once here
    /// (<see cref="UriTemplateMatcher.Parse"/>), and <paramref name="read"/> gets the variables by name (null when the URI
    /// leaves one out) and returns the contents.
    /// </summary>
    public static McpResourceTemplate Create(string uriTemplate, string name, string? description, string? mimeType,
        Func<IReadOnlyDictionary<string, string?>, McpResourceCall, ValueTask<ResourceContents>> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(uriTemplate);
        ArgumentNullException.ThrowIfNull(read);
        var matcher = UriTemplateMatcher.Parse(uriTemplate);
        return new McpResourceTemplate(uriTemplate, matcher, ResourceDescriptors.Write("uriTemplate"u8, uriTemplate, name, description, mimeType),
            (call, values) =>
            {
                var variables = new Dictionary<string, string?>(matcher.Variables.Count, StringComparer.Ordinal);
                for (var i = 0; i < matcher.Variables.Count; i++) variables[matcher.Variables[i]] = values[i];
                return RunAsync(call, variables, read);
            });

        static async ValueTask RunAsync(McpResourceCall call, Dictionary<string, string?> variables,
            Func<IReadOnlyDictionary<string, string?>, McpResourceCall, ValueTask<ResourceContents>> read) =>
            ResourceResults.WriteContents(call.BeginResult(), await read(variables, call).ConfigureAwait(false));
    }

    /// <summary>The values of the template's variables in <paramref name="uri"/>, or null when it does not match.</summary>
    public string?[]? Match(string uri) => _matcher.Match(uri);

    /// <summary>The template's variable names, in order.</summary>
    public IReadOnlyList<string> Variables => _matcher.Variables;
}
