using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace McpForge.Cli.Commands;

/// <summary>Which server a command talks to: a command line after <c>--</c> (stdio) or <c>--url</c> (Streamable HTTP).</summary>
internal sealed record ServerTarget(IReadOnlyList<string>? Command, Uri? Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Token, bool Insecure)
{
    public bool IsHttp => Url is not null;
}

/// <summary>The options every server-facing command shares, and how they become a <see cref="ServerTarget"/>.</summary>
internal sealed class ServerTargetOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = "The Streamable HTTP endpoint of the server, e.g. http://127.0.0.1:3001/mcp" };

    public Option<string[]> Header { get; } = new("--header", "-H") { Description = "An HTTP header for every request, 'Name: value' (repeatable)", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> Token { get; } = new("--token") { Description = "A bearer token for HTTP (sent as Authorization: Bearer; a JWT is decoded and checked, never verified or printed)" };

    public Option<bool> Insecure { get; } = new("--insecure") { Description = "HTTPS: go on even if the certificate is not trusted" };

    public Argument<string[]> Command { get; } = new("command") { Description = "After --: the stdio server's command and its arguments", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Header);
        command.Options.Add(Token);
        command.Options.Add(Insecure);
        command.Arguments.Add(Command);
    }

    /// <summary>The target, or an error message for a usage mistake.</summary>
    public (ServerTarget? Target, string? Error) Read(ParseResult result)
    {
        var command = result.GetValue(Command) ?? [];
        var url = result.GetValue(Url);
        if (url is null && command.Length == 0) return (null, "give the server: `-- <command> [args]` for stdio, or --url <url> for Streamable HTTP");
        if (url is not null && command.Length > 0) return (null, "give either `-- <command>` or --url, not both");

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var header in result.GetValue(Header) ?? [])
        {
            var colon = header.IndexOf(':');
            if (colon <= 0) return (null, $"--header '{header}': expected 'Name: value'");
            headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
        }

        Uri? uri = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            return (null, $"--url '{url}' is not an http:// or https:// URL");
        if (uri is null && (headers.Count > 0 || result.GetValue(Token) is not null))
            return (null, "--header and --token apply to --url only");

        return (new ServerTarget(command.Length > 0 ? command.ToList() : null, uri, headers, result.GetValue(Token), result.GetValue(Insecure)), null);
    }
}
