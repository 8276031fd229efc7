using System;
using System.Collections.Generic;
using System.Text.Json;

namespace McpForge.Protocol;

/// <summary>How the user answered an elicitation.</summary>
public enum ElicitationAction
{
    /// <summary>The user submitted the form (its values are in <see cref="ElicitationResult.Content"/>), or agreed to open the URL.</summary>
    Accept,
    /// <summary>The user explicitly refused.</summary>
    Decline,
    /// <summary>The user dismissed the request without choosing.</summary>
    Cancel,
}

/// <summary>The client's answer to <c>elicitation/create</c>.</summary>
/// <param name="Action">What the user did.</param>
/// <param name="Content">For an accepted form: the submitted values, an object of the requested properties.</param>
public sealed record ElicitationResult(ElicitationAction Action, JsonElement? Content);

/// <summary>
/// A URL-mode elicitation (2025-11-25): the client shows <see cref="Message"/> and offers to open <see cref="Url"/>,
/// where the user completes something out of band (a sign-in, a payment) that must not pass through the client.
/// </summary>
/// <param name="Message">Why the user should open the URL.</param>
/// <param name="Url">The page to open; it must not carry credentials or pre-authenticated tokens.</param>
/// <param name="ElicitationId">An id of the server's choosing, repeated in <c>notifications/elicitation/complete</c>.</param>
public sealed record UrlElicitation(string Message, string Url, string ElicitationId)
{
    /// <summary>Writes the request's params; 2026-07-28 has no elicitation id (completion is learned on the retry).</summary>
    internal void WriteParams(Utf8JsonWriter w, bool includeId = true)
    {
        w.WriteStartObject();
        w.WriteString("mode"u8, "url"u8);
        w.WriteString("message"u8, Message);
        w.WriteString("url"u8, Url);
        if (includeId) w.WriteString("elicitationId"u8, ElicitationId);
        w.WriteEndObject();
    }
}
