using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using McpForge.JsonRpc;
using McpForge.Dispatch;
using McpForge.Eras;

namespace McpForge.Transports;

/// <summary>What one incoming message is.</summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public enum JsonRpcMessageKind
{
    /// <summary>A request: it has an id and a method, and gets exactly one response.</summary>
    Request,
    /// <summary>A notification: a method and no id; never answered.</summary>
    Notification,
    /// <summary>A response to a request the server sent (it has <c>result</c> or <c>error</c>).</summary>
    Response,
    /// <summary>Valid JSON that is not a JSON-RPC 2.0 message; answered with -32600.</summary>
    Invalid,
}

/// <summary>
/// The envelope of one incoming JSON-RPC message: kind, id, method and where its <c>params</c> sit in the
/// message bytes. Reading it never materialises <c>params</c>; method handlers read them from the same bytes.
/// </summary>
[Experimental(TransportApi.DiagnosticId, UrlFormat = TransportApi.Url)]
public readonly struct JsonRpcEnvelope
{
    /// <summary>Request, notification, response, or invalid.</summary>
    public JsonRpcMessageKind Kind { get; internal init; }

    /// <summary>The id of a request or response (not <see cref="RequestId.IsValid"/> for a notification, or when unreadable).</summary>
    public RequestId Id { get; internal init; }

    /// <summary>The method of a request or notification (<see cref="McpMethod.Unknown"/> for a name the server does not know).</summary>
    public McpMethod Method { get; internal init; }

    /// <summary>The method name, kept only for methods the server does not know (for the -32601 data).</summary>
    internal string? UnknownMethodName { get; init; }
    /// <summary>Offset of <c>params</c> (of <c>result</c> or <c>error</c> for a response) in the message, or -1 when absent.</summary>
    internal int ParamsStart { get; init; }
    internal int ParamsLength { get; init; }
    /// <summary>For a response: it carries <c>error</c> (whose value <see cref="Params"/> then returns) rather than <c>result</c>.</summary>
    internal bool IsError { get; init; }

    /// <summary>
    /// True when <c>params._meta</c> names <c>io.modelcontextprotocol/protocolVersion</c>: the message claims the
    /// 2026-07-28 era (served on its own, without a session), whatever the value says.
    /// </summary>
    public bool HasModernClaim { get; internal init; }

    /// <summary>
    /// Where the value of <c>params._meta</c> sits in the message (the first one, whatever its type); its length is 0
    /// when <c>params</c> is not an object with a <c>_meta</c>. A modern request's <c>_meta</c> is read from here,
    /// without walking its arguments again.
    /// </summary>
    internal int MetaStart { get; init; }
    internal int MetaLength { get; init; }

    /// <summary>
    /// The known <c>_meta</c> (<see cref="ClientProfileCache.Known"/>) that the first <c>params._meta</c> repeats byte for
    /// byte, stepped over unread; null when it repeats none. Whoever reads that <c>_meta</c> after the envelope (the
    /// client's profile, a <c>progressToken</c>) takes it from here instead of comparing the bytes again.
    /// </summary>
    internal ClientProfileCache.Entry? KnownMeta { get; init; }

    /// <summary>
    /// Where the string token of the member <c>Mcp-Name</c> repeats sits (see <see cref="TryGetMcpNameToken"/>): -1 when
    /// <c>params</c> has no such string member, -2 when the reader did not note it (the method came after <c>params</c>).
    /// </summary>
    internal int McpNameStart { get; init; }
    internal int McpNameLength { get; init; }

    /// <summary>
    /// True for a <c>tools/call</c> or <c>prompts/get</c> whose params hold an unescaped string <c>name</c> (at
    /// <see cref="McpNameStart"/>), at most an <c>arguments</c> object (at <see cref="ArgumentsStart"/>) and at most a
    /// <c>_meta</c> repeating the known one, each once, and nothing else. What its handler needs of them was noted on the
    /// way, so the params are not walked again (<see cref="Dispatch.CallParams"/>).
    /// </summary>
    internal bool IsPlainCall { get; init; }

    /// <summary>Where the <c>arguments</c> object of a plain call sits in the message; its length is 0 when it has none.</summary>
    internal int ArgumentsStart { get; init; }
    internal int ArgumentsLength { get; init; }

    /// <summary>Why the message is <see cref="JsonRpcMessageKind.Invalid"/>.</summary>
    public string? Problem { get; internal init; }

    /// <summary>The method's name as the message spelled it (the known names are interned: no allocation).</summary>
    public string MethodName => Method == McpMethod.Unknown ? UnknownMethodName ?? "" : MethodTable.Name(Method);

    /// <summary>
    /// True for the methods that run user code (<c>tools/call</c>, <c>prompts/get</c>, <c>resources/read</c>,
    /// <c>completion/complete</c>): these take a slot of <see cref="McpServerOptions.MaxConcurrentRequests"/>.
    /// </summary>
    public bool RunsHandler => MethodTable.Get(Method).Has(MethodTraits.RunsHandler);

    /// <summary>The raw <c>params</c> of <paramref name="message"/> (the bytes this envelope was read from), empty when absent.</summary>
    public ReadOnlySpan<byte> Params(ReadOnlySpan<byte> message) =>
        ParamsStart < 0 ? ReadOnlySpan<byte>.Empty : message.Slice(ParamsStart, ParamsLength);

    /// <summary>
    /// The JSON string token, quotes included, of the <c>params</c> member a 2026-07-28 request's <c>Mcp-Name</c> header
    /// repeats (<c>name</c> of <c>tools/call</c> and <c>prompts/get</c>, <c>uri</c> of <c>resources/read</c>, <c>taskId</c> of
    /// <c>tasks/get</c>, <c>tasks/update</c> and <c>tasks/cancel</c>), noted while the envelope was read so that checking the
    /// header does not walk <c>params</c> again. True with an empty <paramref name="token"/> when that member is absent or not
    /// a string; false when it was not noted (the message named its method after <c>params</c>, or another method): the
    /// caller then reads <see cref="Params"/> itself.
    /// </summary>
    public bool TryGetMcpNameToken(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> token)
    {
        token = McpNameStart >= 0 ? message.Slice(McpNameStart, McpNameLength) : default;
        return McpNameStart != -2;
    }

    /// <summary>The member of <c>params</c> the <c>Mcp-Name</c> header repeats for <paramref name="method"/>; empty when it has none.</summary>
    private static ReadOnlySpan<byte> McpNameMember(McpMethod method) => method switch
    {
        McpMethod.ToolsCall or McpMethod.PromptsGet => "name"u8,
        McpMethod.ResourcesRead => "uri"u8,
        McpMethod.TasksGet or McpMethod.TasksUpdate or McpMethod.TasksCancel => "taskId"u8,
        _ => default,
    };

    /// <summary>The value of <c>params._meta</c>, or empty when there is none.</summary>
    internal ReadOnlySpan<byte> Meta(ReadOnlySpan<byte> message) =>
        MetaLength == 0 ? ReadOnlySpan<byte>.Empty : message.Slice(MetaStart, MetaLength);

    /// <summary>
    /// Reads the envelope of <paramref name="message"/>. Throws <see cref="JsonException"/> when the bytes are
    /// not one complete JSON value, not UTF-8 text, or hold a <c>\u</c> escape of half a surrogate pair (the caller answers -32700).
    /// </summary>
    public static JsonRpcEnvelope Read(ReadOnlySpan<byte> message, int maxDepth) => Read(message, maxDepth, null);

    /// <summary>
    /// Reads the envelope as <see cref="Read(ReadOnlySpan{byte}, int)"/> does, stepping over a <c>params._meta</c> that
    /// repeats <paramref name="knownMeta"/> (the <c>_meta</c> of a request read before, found valid: <see cref="RepeatedObjectSkip"/>)
    /// without reading its tokens. A message that is not JSON is read again without the shortcut, so that the error
    /// names the position a full read names.
    /// </summary>
    internal static JsonRpcEnvelope Read(ReadOnlySpan<byte> message, int maxDepth, ClientProfileCache.Entry? knownMeta)
    {
        var knownTail = CheckText(message, maxDepth, knownMeta);
        bool versionSeen = false, versionOk = false, idSeen = false, idOk = false, idNull = false, methodSeen = false;
        bool isResponse = false, isError = false, paramsOk = true;
        RequestId id = default;
        McpMethod method = McpMethod.Unknown;
        string? unknownMethod = null;
        int paramsStart = -1, paramsLength = 0, resultStart = -1, resultLength = 0;
        var notes = new ParamsNotes { MetaStart = -1, NameStart = -2 };
        var methodAtParams = McpMethod.Unknown;
        var origin = 0; // where the reader's span starts in the message: it moves when a known _meta is stepped over

        try
        {
            var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = maxDepth });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var isBatch = reader.TokenType == JsonTokenType.StartArray;
                reader.Skip();
                EnsureEnd(ref reader);
                return Invalid(default, isBatch
                    ? "Batches (JSON arrays) are not supported: send one JSON-RPC object per line."
                    : "A JSON-RPC message must be a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = MemberOf(ref reader);
                reader.Read();
                switch (member)
                {
                    case Member.JsonRpc:
                        versionSeen = true;
                        versionOk = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                        reader.Skip();
                        break;
                    case Member.Id:
                        idSeen = true;
                        idNull = reader.TokenType == JsonTokenType.Null;
                        idOk = RequestId.TryRead(ref reader, out id);
                        reader.Skip();
                        break;
                    case Member.Method:
                        methodSeen = true;
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            method = MethodTable.Match(ref reader);
                            unknownMethod = method == McpMethod.Unknown ? reader.GetString() : null;
                        }
                        else
                        {
                            method = McpMethod.Unknown;
                            unknownMethod = null;
                            reader.Skip();
                        }
                        break;
                    case Member.Params:
                        paramsStart = origin + (int)reader.TokenStartIndex;
                        paramsOk = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                        // The member Mcp-Name repeats is noted on the way when the method is known by now (it comes first in practice).
                        var nameMember = methodSeen ? McpNameMember(method) : default;
                        methodAtParams = method;
                        notes = new ParamsNotes { MetaStart = -1, NameStart = nameMember.IsEmpty ? -2 : -1 };
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            var namedCall = methodSeen && method is McpMethod.ToolsCall or McpMethod.PromptsGet;
                            SkipParams(ref reader, message, ref origin, knownMeta is null ? default : knownMeta.Meta, knownTail, nameMember, namedCall, ref notes);
                        }
                        else
                        {
                            reader.Skip();
                        }
                        paramsLength = notes.ParamsEnd > 0 ? notes.ParamsEnd - paramsStart : origin + (int)reader.BytesConsumed - paramsStart;
                        break;
                    case Member.Result or Member.Error:
                        // A response to a request of ours: where its result or error sits, as for params.
                        isResponse = true;
                        isError = member == Member.Error;
                        resultStart = origin + (int)reader.TokenStartIndex;
                        reader.Skip();
                        resultLength = origin + (int)reader.BytesConsumed - resultStart;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
                if (notes.ParamsEnd > 0) break; // nothing but the message's closing brace was left, and SkipParams saw it
            }
            if (notes.ParamsEnd == 0) EnsureEnd(ref reader);
        }
        catch (JsonException) when (knownMeta is not null)
        {
            // Past a stepped-over _meta the reader counts positions from its end: the message is read again in full, so
            // that the error names the place a full read names. (Caught here, around the reading only, so that the
            // envelope of a message that reads is written once, not copied out of a try.)
            return Read(message, maxDepth, null);
        }

        // The id is reported back whenever it could be read, so the client can match the error to its request.
        var replyId = idOk ? id : default;
        if (!versionSeen || !versionOk)
            return Invalid(replyId, versionSeen ? "\"jsonrpc\" must be the string \"2.0\"." : "The \"jsonrpc\": \"2.0\" member is missing.");
        if (idSeen && !idOk)
            return Invalid(default, idNull
                ? "\"id\" must be a string or an integer; MCP does not allow null ids."
                : "\"id\" must be a string or an integer.");
        if (!methodSeen)
        {
            return isResponse && idOk
                ? new JsonRpcEnvelope { Kind = JsonRpcMessageKind.Response, Id = id, ParamsStart = resultStart, ParamsLength = resultLength, IsError = isError }
                : Invalid(replyId, "The \"method\" member is missing.");
        }
        if (method == McpMethod.Unknown && unknownMethod is null)
            return Invalid(replyId, "\"method\" must be a string.");
        if (!paramsOk)
            return Invalid(replyId, "\"params\" must be an object or an array.");

        return new JsonRpcEnvelope
        {
            Kind = idSeen ? JsonRpcMessageKind.Request : JsonRpcMessageKind.Notification,
            Id = id,
            Method = method,
            UnknownMethodName = unknownMethod,
            ParamsStart = paramsStart,
            ParamsLength = paramsLength,
            HasModernClaim = notes.Claim,
            MetaStart = notes.MetaStart,
            MetaLength = notes.MetaLength,
            KnownMeta = notes.MetaKnown ? knownMeta : null,
            // A second "method" member after params: what was noted for the first one does not apply.
            McpNameStart = method == methodAtParams ? notes.NameStart : -2,
            McpNameLength = notes.NameLength,
            IsPlainCall = method == methodAtParams && notes.IsPlainCall,
            ArgumentsStart = notes.ArgumentsStart,
            ArgumentsLength = notes.ArgumentsLength,
        };
    }

    /// <summary>The members of a JSON-RPC message the envelope reads; any other is skipped.</summary>
    private enum Member
    {
        Other,
        JsonRpc,
        Id,
        Method,
        Params,
        Result,
        Error,
    }

    /// <summary>
    /// Which member the reader's property name names (before its value is read). A name without escapes, as every client
    /// writes them, is told by its length and bytes, without the reader's general comparison.
    /// </summary>
    private static Member MemberOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped) return MemberOfEscaped(ref reader);
        var name = reader.ValueSpan;
        return name.Length switch
        {
            2 => name.SequenceEqual("id"u8) ? Member.Id : Member.Other,
            5 => name.SequenceEqual("error"u8) ? Member.Error : Member.Other,
            6 => name.SequenceEqual("method"u8) ? Member.Method
                : name.SequenceEqual("params"u8) ? Member.Params
                : name.SequenceEqual("result"u8) ? Member.Result
                : Member.Other,
            7 => name.SequenceEqual("jsonrpc"u8) ? Member.JsonRpc : Member.Other,
            _ => Member.Other,
        };
    }

    /// <summary>True when the reader's property name is <paramref name="name"/>: compared byte for byte unless it has escapes.</summary>
    private static bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? reader.ValueTextEquals(name) : reader.ValueSpan.SequenceEqual(name);

    private static Member MemberOfEscaped(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("jsonrpc"u8) ? Member.JsonRpc
        : reader.ValueTextEquals("id"u8) ? Member.Id
        : reader.ValueTextEquals("method"u8) ? Member.Method
        : reader.ValueTextEquals("params"u8) ? Member.Params
        : reader.ValueTextEquals("result"u8) ? Member.Result
        : reader.ValueTextEquals("error"u8) ? Member.Error
        : Member.Other;

    /// <summary>What <see cref="SkipParams"/> notes of a params object on its way through it (offsets into the message).</summary>
    private struct ParamsNotes
    {
        /// <summary>A <c>_meta</c> names <c>io.modelcontextprotocol/protocolVersion</c>.</summary>
        public bool Claim;

        /// <summary>The first <c>_meta</c> (-1 when none), and whether it repeated the known one.</summary>
        public int MetaStart, MetaLength;
        public bool MetaKnown;

        /// <summary>The last string of the member <c>Mcp-Name</c> repeats (-1 when none, -2 when not looked for).</summary>
        public int NameStart, NameLength;

        /// <summary>The <c>arguments</c> object of a plain call (<see cref="IsPlainCall"/>).</summary>
        public int ArgumentsStart, ArgumentsLength;
        public bool IsPlainCall;

        /// <summary>
        /// Where the params end, when a known <c>_meta</c> was their last member and they the message's last, so that the
        /// rest of the message was two closing braces and whitespace, found without the reader (<see cref="KnownMetaTail"/>); else 0.
        /// </summary>
        public int ParamsEnd;
    }

    /// <summary>
    /// Skips the params object, noting where its <c>_meta</c> is and whether it names a protocol version, and where the
    /// string of <paramref name="nameMember"/> is (the last one, as handlers read it). Walking the top-level members costs
    /// what skipping the object whole costs: every token is read once either way. A <c>_meta</c> that repeats
    /// <paramref name="knownMeta"/> (which names the version: it is a 2026-07-28 request's) is stepped over unread, and ends
    /// the walk when it starts at <paramref name="knownTail"/> (then only the two closing braces follow it; its name, when
    /// written without whitespace, is found from the bytes before it without the reader: <see cref="NamesKnownMetaNext"/>). For
    /// a <paramref name="namedCall"/> (<c>tools/call</c>, <c>prompts/get</c>) it also notes whether the params are plain
    /// (<see cref="IsPlainCall"/>) and where their <c>arguments</c> sit.
    /// </summary>
    private static void SkipParams(ref Utf8JsonReader reader, ReadOnlySpan<byte> message, ref int origin, ReadOnlySpan<byte> knownMeta,
        int knownTail, ReadOnlySpan<byte> nameMember, bool namedCall, ref ParamsNotes notes)
    {
        int names = 0, arguments = 0, metas = 0;
        var plain = namedCall;
        var first = true;
        while (true)
        {
            if (knownTail >= 0 && NamesKnownMetaNext(message, origin + (int)reader.BytesConsumed, knownTail, first))
            {
                // The next member is "_meta" written compactly, and its value the known one at the message's end: neither the
                // name nor the brace after it is read (the bytes are those the reader would have accepted), and the walk ends.
                notes.Claim = true;
                notes.MetaKnown |= notes.MetaStart < 0;
                notes.ParamsEnd = knownTail + knownMeta.Length + 1;
                metas++;
                if (notes.MetaStart < 0)
                {
                    notes.MetaStart = knownTail;
                    notes.MetaLength = knownMeta.Length;
                }
                break;
            }
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) break;
            first = false;
            var isMeta = NameIs(ref reader, "_meta"u8);
            var isName = !isMeta && !nameMember.IsEmpty && NameIs(ref reader, nameMember);
            var isArguments = namedCall && !isMeta && !isName && NameIs(ref reader, "arguments"u8);
            plain &= isMeta || isName || isArguments;
            reader.Read();
            var start = origin + (int)reader.TokenStartIndex;
            if (isName && reader.TokenType == JsonTokenType.String)
            {
                names++;
                plain &= !reader.ValueIsEscaped;
                notes.NameStart = start;
                notes.NameLength = origin + (int)reader.BytesConsumed - start;
            }
            else if (isArguments && reader.TokenType == JsonTokenType.StartObject)
            {
                arguments++;
                reader.Skip();
                notes.ArgumentsStart = start;
                notes.ArgumentsLength = origin + (int)reader.BytesConsumed - start;
            }
            else if (!isMeta || reader.TokenType != JsonTokenType.StartObject)
            {
                // A name that is not a string, arguments that are not an object, a _meta that is not one: the handler reads them.
                plain &= !isName && !isArguments && !isMeta;
                reader.Skip();
            }
            else if (start == knownTail)
            {
                // A 2026-07-28 client's usual shape: its _meta last in params, params last in the message. Those bytes were
                // compared already, and the two braces after them are all that is left: the reader is not started again.
                notes.Claim = true;
                notes.MetaKnown |= notes.MetaStart < 0;
                notes.ParamsEnd = start + knownMeta.Length + 1;
            }
            else if (RepeatedObjectSkip.Repeats(reader, message, origin, knownMeta))
            {
                notes.Claim = true;
                notes.MetaKnown |= notes.MetaStart < 0;
                RepeatedObjectSkip.StepOver(ref reader, message, ref origin, knownMeta.Length);
            }
            else
            {
                plain = false; // a _meta read here is read again by the handler (for a progressToken)
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    notes.Claim |= reader.ValueTextEquals("io.modelcontextprotocol/protocolVersion"u8);
                    reader.Read();
                    reader.Skip();
                }
            }
            if (isMeta)
            {
                metas++;
                if (notes.MetaStart < 0)
                {
                    notes.MetaStart = start;
                    notes.MetaLength = (notes.ParamsEnd > 0 ? notes.ParamsEnd - 1 : origin + (int)reader.BytesConsumed) - start;
                }
            }
            if (notes.ParamsEnd > 0) break;
        }
        notes.IsPlainCall = plain && names == 1 && arguments <= 1 && metas <= 1;
        if (!notes.IsPlainCall) notes.ArgumentsLength = 0;
    }

    /// <summary>
    /// True when the bytes from <paramref name="at"/> (where the reader stands: after the params' opening brace when
    /// <paramref name="first"/>, else after a member's value) to <paramref name="knownTail"/> are exactly <c>,"_meta":</c>
    /// (<c>"_meta":</c> for the first member): a 2026-07-28 client's usual <c>_meta</c>, known already, comes next.
    /// </summary>
    private static bool NamesKnownMetaNext(ReadOnlySpan<byte> message, int at, int knownTail, bool first)
    {
        var name = first ? "\"_meta\":"u8 : ",\"_meta\":"u8;
        return knownTail - at == name.Length && message.Slice(at, name.Length).SequenceEqual(name);
    }

    /// <summary>
    /// Throws <see cref="JsonException"/> when <paramref name="message"/> is not UTF-8 text or holds a lone surrogate
    /// escape. A 2026-07-28 client's usual message ends with the <c>_meta</c> it sent before, whose bytes were checked as text
    /// then: only what precedes them is checked again. Returns where they start (<see cref="KnownMetaTail"/>), or -1.
    /// </summary>
    private static int CheckText(ReadOnlySpan<byte> message, int maxDepth, ClientProfileCache.Entry? knownMeta)
    {
        var knownTail = KnownMetaTail(message, knownMeta);
        var text = knownTail >= 0 ? message[..knownTail] : message;
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            throw new JsonException("The bytes are not UTF-8 text, which JSON exchanged between systems must be (RFC 8259 §8.1).");
        }
        if (HasLoneSurrogateEscape(message, knownTail >= 0 && !knownMeta!.HasEscape ? text : message, maxDepth))
        {
            throw new JsonException("A \\u escape names half of a UTF-16 surrogate pair, which is not text (RFC 8259 §8.2).");
        }
        return knownTail;
    }

    /// <summary>
    /// Where <paramref name="message"/> ends with the bytes of <paramref name="knownMeta"/>, two closing braces and JSON
    /// whitespace (a 2026-07-28 client's usual shape: its <c>_meta</c> last in params, params last in the message), or -1.
    /// Those bytes repeat ones checked as text before (they start with a brace, so the text before them is checked on its
    /// own), and a reader that finds <c>params._meta</c> starting there knows it without comparing again.
    /// </summary>
    private static int KnownMetaTail(ReadOnlySpan<byte> message, ClientProfileCache.Entry? knownMeta)
    {
        if (knownMeta is null) return -1;
        // JSON whitespace after the message, stepped over by hand: a general TrimEnd would search a set for every byte.
        var end = message.Length;
        while (end > 0 && message[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') end--;
        var trimmed = message[..end];
        var meta = knownMeta.Meta;
        var start = trimmed.Length - 2 - meta.Length;
        return start > 0 && trimmed.EndsWith("}}"u8) && ByteBlocks.Equal(trimmed.Slice(start, meta.Length), meta) ? start : -1;
    }

    private static JsonRpcEnvelope Invalid(RequestId id, string problem) =>
        new() { Kind = JsonRpcMessageKind.Invalid, Id = id, Problem = problem, ParamsStart = -1 };

    /// <summary>
    /// True when a string or property name has a <c>\uD800</c>–<c>\uDFFF</c> escape without its other half. The
    /// reader accepts such JSON, but every way of reading that string as text throws, deep inside whatever handler
    /// reads it (found by the property tests in tests/McpForge.ReliabilityTests): so the whole message is refused
    /// here, with -32700, before anything reads it. Messages without a backslash in <paramref name="scanned"/> (the
    /// message, or the part of it that does not repeat a known <c>_meta</c> without escapes) pay one vectorized scan for a
    /// single byte, which costs half what a scan for the two bytes <c>\u</c> does (bench/Eras/count_instructions.py).
    /// </summary>
    internal static bool HasLoneSurrogateEscape(ReadOnlySpan<byte> message, ReadOnlySpan<byte> scanned, int maxDepth)
    {
        var backslash = scanned.IndexOf((byte)'\\');
        if (backslash < 0 || message[backslash..].IndexOf("\\u"u8) < 0) return false;
        var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString(); // rare: only escaped strings of messages that have a \u at all
                }
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON at all: the envelope reader says where
        }
        return false;
    }

    /// <summary>Throws <see cref="JsonException"/> when anything but whitespace follows the message.</summary>
    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the end of the JSON-RPC message.");
        }
    }
}
