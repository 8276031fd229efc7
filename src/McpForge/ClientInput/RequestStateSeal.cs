using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.ClientInput;

/// <summary>What a request state is bound to: it opens only on a retry of the same request by the same caller.</summary>
/// <param name="Method">The method (<c>tools/call</c>, <c>prompts/get</c>, <c>resources/read</c>).</param>
/// <param name="Component">The tool or prompt name, or the URI read.</param>
/// <param name="ArgumentsDigest">The <see cref="ClientInput.ArgumentsDigest"/> of the arguments.</param>
/// <param name="Principal">The authenticated caller (issuer and subject), or null without authentication.</param>
internal readonly record struct StateBinding(string Method, string Component, byte[] ArgumentsDigest, string? Principal);

/// <summary>What an opened request state holds: the answers so far, what the last round asked, and the handler's own state.</summary>
internal sealed class OpenedState(Dictionary<string, JsonElement> answers, Dictionary<string, string> asked, string? handlerState)
{
    /// <summary>Every answer of earlier rounds, by key.</summary>
    public Dictionary<string, JsonElement> Answers { get; } = answers;

    /// <summary>What the last round asked, by key: the method each answer must be the result of.</summary>
    public Dictionary<string, string> Asked { get; } = asked;

    /// <summary>The handler's own state (<see cref="McpInputRequiredException.RequestState"/>), or null.</summary>
    public string? HandlerState { get; } = handlerState;
}

/// <summary>
/// The <c>requestState</c> of a 2026-07-28 <c>input_required</c> result, sealed with the server's
/// <see cref="IMcpRequestStateProtector"/> (authenticated encryption): the answers so far, what was asked, the handler's
/// own state, bound to the request (method, component, digest of the arguments), the caller and an expiry. The client
/// echoes it on its retry; anything changed, truncated, expired, or brought by another request or caller fails to open.
/// </summary>
internal static class RequestStateSeal
{
    private const int Version = 1;

    public static string Seal(McpServer server, in StateBinding binding, IReadOnlyDictionary<string, JsonElement> answers,
        IEnumerable<KeyValuePair<string, string>> asked, string? handlerState)
    {
        var expires = server.Options.TimeProvider.GetUtcNow().Add(server.Options.RequestStateLifetime).ToUnixTimeMilliseconds();
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v"u8, Version);
            w.WriteString("m"u8, binding.Method);
            w.WriteString("c"u8, binding.Component);
            w.WriteBase64String("d"u8, binding.ArgumentsDigest);
            if (binding.Principal is not null) w.WriteString("p"u8, binding.Principal);
            w.WriteNumber("x"u8, expires);
            w.WriteStartObject("a"u8);
            foreach (var (key, answer) in answers)
            {
                w.WritePropertyName(key);
                answer.WriteTo(w);
            }
            w.WriteEndObject();
            w.WriteStartObject("q"u8);
            foreach (var (key, method) in asked) w.WriteString(key, method);
            w.WriteEndObject();
            if (handlerState is not null) w.WriteString("s"u8, handlerState);
            w.WriteEndObject();
        }
        var sealedBytes = server.RequestStateProtector.Protect(buffer.WrittenSpan);
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>Opens a state the client echoed; false, with why, when it cannot be trusted for this request.</summary>
    public static bool TryOpen(McpServer server, string state, in StateBinding binding, out OpenedState? opened, out string problem)
    {
        opened = null;
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(state);
        }
        catch (FormatException)
        {
            problem = "The requestState is not one this server issued (it is not base64url).";
            return false;
        }
        if (!server.RequestStateProtector.TryUnprotect(sealedBytes, out var plaintext))
        {
            problem = "The requestState is not one this server issued, or it was changed.";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(plaintext);
            var root = document.RootElement;
            if (root.GetProperty("v"u8).GetInt32() != Version)
            {
                problem = "The requestState was issued by another version of the server.";
                return false;
            }
            if (root.GetProperty("x"u8).GetInt64() < server.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds())
            {
                problem = "The requestState has expired; send the request again without it.";
                return false;
            }
            if (!root.GetProperty("m"u8).ValueEquals(binding.Method) || !root.GetProperty("c"u8).ValueEquals(binding.Component)
                || !root.GetProperty("d"u8).GetBytesFromBase64().AsSpan().SequenceEqual(binding.ArgumentsDigest))
            {
                problem = "The requestState was issued for another request (method, name or arguments differ).";
                return false;
            }
            var principal = root.TryGetProperty("p"u8, out var p) ? p.GetString() : null;
            if (!string.Equals(principal, binding.Principal, StringComparison.Ordinal))
            {
                problem = "The requestState was issued to another caller.";
                return false;
            }
            var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var answer in root.GetProperty("a"u8).EnumerateObject()) answers[answer.Name] = answer.Value.Clone();
            var asked = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var ask in root.GetProperty("q"u8).EnumerateObject()) asked[ask.Name] = ask.Value.GetString()!;
            opened = new OpenedState(answers, asked, root.TryGetProperty("s"u8, out var s) ? s.GetString() : null);
            problem = "";
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = "The requestState is not one this server issued.";
            return false;
        }
    }
}
