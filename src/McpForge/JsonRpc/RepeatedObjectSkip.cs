using System;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>
/// Steps a reader over an object whose bytes repeat, byte for byte, an object already read and found valid at the same
/// place of an earlier message, without reading its tokens again. A 2026-07-28 client sends the same <c>params._meta</c>
/// on every request (its version, capabilities and client info: about half the request's bytes), and each request's
/// envelope and params are walked twice; this is what keeps that half from costing as much as the rest.
/// </summary>
/// <remarks>
/// The reader resumes at the object's closing brace with the state it had on the opening one, so it reads the object as
/// if it were empty (<c>{}</c>) and goes on with whatever follows, validating it as usual. A reader over a slice counts
/// positions from the slice's start: <c>origin</c> is where its span starts in the whole message.
/// </remarks>
internal static class RepeatedObjectSkip
{
    /// <summary>
    /// True when the reader stands on the <see cref="JsonTokenType.StartObject"/> of a value whose bytes start with
    /// <paramref name="known"/>; the caller then steps over it (<see cref="StepOver"/>) or past what follows it.
    /// </summary>
    public static bool Repeats(in Utf8JsonReader reader, ReadOnlySpan<byte> json, int origin, ReadOnlySpan<byte> known) =>
        known.Length >= 2 && reader.TokenType == JsonTokenType.StartObject
        && json[(origin + (int)reader.TokenStartIndex)..].StartsWith(known);

    /// <summary>
    /// Moves the reader, standing on the <see cref="JsonTokenType.StartObject"/> of an object of <paramref name="length"/>
    /// bytes already found to repeat a known one (by <see cref="Repeats"/>, on this read or an earlier one of the same bytes), to that
    /// object's end without comparing it again.
    /// </summary>
    public static void StepOver(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref int origin, int length)
    {
        var closingBrace = origin + (int)reader.TokenStartIndex + length - 1;
        reader = new Utf8JsonReader(json[closingBrace..], isFinalBlock: true, reader.CurrentState);
        origin = closingBrace;
        reader.Read(); // the closing brace: EndObject, at the depth the object opened
    }
}
