using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;

namespace McpForge.Diagnostics;

/// <summary>What <see cref="McpServerOptions.MessageTrace"/> records, and where.</summary>
public sealed class McpMessageTraceOptions
{
    /// <summary>The JSON Lines file to write (created or truncated when the server is built).</summary>
    public required string Path { get; init; }

    /// <summary>
    /// When the file reaches this size it is moved to <c>{Path}.1</c> (replacing an older one) and a new file is begun, so
    /// at most twice this is kept on disk. Default 50 MiB.
    /// </summary>
    public long MaxBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>Put each message itself in its record (<c>message</c>). Off by default: messages may hold secrets.</summary>
    public bool IncludePayloads { get; init; }

    /// <summary>With payloads, replace every value inside <c>params.arguments</c> by <c>"***"</c>. Default true.</summary>
    public bool RedactArguments { get; init; } = true;

    /// <summary>The options <c>MCPFORGE_TRACE</c> (a file path) asks for, or null when it is not set.</summary>
    public static McpMessageTraceOptions? FromEnvironment() =>
        Environment.GetEnvironmentVariable("MCPFORGE_TRACE") is { Length: > 0 } path ? new McpMessageTraceOptions { Path = path } : null;
}

/// <summary>
/// Records every message a server receives and sends, one JSON object per line, in the trace format of
/// <c>mcpforge trace</c> (version 1, docs/cli.md, "Trace records"), so one reader serves both: <c>ts</c>, <c>dir</c>,
/// <c>kind</c>, <c>id</c>, <c>method</c>, <c>name</c>, <c>bytes</c>, <c>latencyMs</c>, <c>errorCode</c>, <c>problem</c>,
/// <c>message</c>, plus <c>session</c> for Streamable HTTP sessions. Off unless configured; bounded in size.
/// </summary>
internal sealed class MessageTracer : IDisposable
{
    private static readonly JsonWriterOptions s_writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly object _gate = new();
    private readonly McpMessageTraceOptions _options;
    private readonly ConcurrentDictionary<(string? Session, bool FromClient, string Id), (long At, string Method, string? Name)> _pending = new();
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly Timer _flusher;
    private FileStream _file;
    private long _written;

    public MessageTracer(McpMessageTraceOptions options)
    {
        _options = options;
        _file = Open(options.Path);
        _flusher = new Timer(static state => ((MessageTracer)state!).Flush(), this, 500, 500);
    }

    /// <summary>A message the client sent.</summary>
    public void Incoming(string? session, ReadOnlySpan<byte> message) => Record(session, fromClient: true, message);

    /// <summary>A message the server sent.</summary>
    public void Outgoing(string? session, ReadOnlySpan<byte> message) => Record(session, fromClient: false, message);

    private void Record(string? session, bool fromClient, ReadOnlySpan<byte> message)
    {
        var now = Stopwatch.GetTimestamp();
        var ts = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var shape = Shape.Read(message);
        lock (_gate)
        {
            _line.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_line, s_writer))
            {
                w.WriteStartObject();
                w.WriteString("ts"u8, ts);
                w.WriteString("dir"u8, fromClient ? "in"u8 : "out"u8);
                w.WriteString("kind"u8, shape.Kind);
                if (session is not null) w.WriteString("session"u8, session);
                if (shape.Kind is "request" or "response" or "error")
                {
                    w.WritePropertyName("id"u8);
                    if (shape.IdJson is null) w.WriteNullValue();
                    else w.WriteRawValue(shape.IdJson, skipInputValidation: true);
                }
                var method = shape.Method;
                var name = shape.Name;
                double? latency = null;
                if (shape.Kind == "request" && shape.IdJson is not null)
                {
                    _pending[(session, fromClient, shape.IdJson)] = (now, shape.Method!, shape.Name);
                }
                else if (shape.Kind is "response" or "error" && shape.IdJson is not null
                    && _pending.TryRemove((session, !fromClient, shape.IdJson), out var request))
                {
                    method = request.Method;
                    name = request.Name;
                    latency = Math.Round(Stopwatch.GetElapsedTime(request.At, now).TotalMilliseconds, 3);
                }
                if (method is not null) w.WriteString("method"u8, method);
                if (name is not null) w.WriteString("name"u8, name);
                w.WriteNumber("bytes"u8, message.Length);
                if (latency is double ms) w.WriteNumber("latencyMs"u8, ms);
                if (shape.ErrorCode is int code) w.WriteNumber("errorCode"u8, code);
                if (shape.Problem is not null) w.WriteString("problem"u8, shape.Problem);
                if (_options.IncludePayloads)
                {
                    w.WritePropertyName("message"u8);
                    if (shape.Kind == "invalid") w.WriteStringValue(Encoding.UTF8.GetString(message));
                    else if (_options.RedactArguments) Redact(w, message);
                    else w.WriteRawValue(message, skipInputValidation: true);
                }
                w.WriteEndObject();
            }
            _line.Write("\n"u8);
            try
            {
                if (_written + _line.WrittenCount > _options.MaxBytes && _written > 0) Rotate();
                _file.Write(_line.WrittenSpan);
                _written += _line.WrittenCount;
            }
            catch (IOException)
            {
                // A full disk must not take the server down: the record is lost, the server goes on.
            }
        }
    }

    /// <summary>The message with every value inside <c>params.arguments</c> replaced by <c>"***"</c> (names are kept).</summary>
    private static void Redact(Utf8JsonWriter w, ReadOnlySpan<byte> message)
    {
        var reader = new Utf8JsonReader(message);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        w.WriteStartObject();
        foreach (var member in root.EnumerateObject())
        {
            w.WritePropertyName(member.Name);
            if (member.Name != "params" || member.Value.ValueKind != JsonValueKind.Object)
            {
                member.Value.WriteTo(w);
                continue;
            }
            w.WriteStartObject();
            foreach (var param in member.Value.EnumerateObject())
            {
                w.WritePropertyName(param.Name);
                if (param.Name != "arguments" || param.Value.ValueKind != JsonValueKind.Object)
                {
                    param.Value.WriteTo(w);
                    continue;
                }
                w.WriteStartObject();
                foreach (var argument in param.Value.EnumerateObject()) w.WriteString(argument.Name, "***");
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private void Rotate()
    {
        _file.Dispose();
        File.Move(_options.Path, _options.Path + ".1", overwrite: true);
        _file = Open(_options.Path);
        _written = 0;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);

    public void Flush()
    {
        lock (_gate)
        {
            try
            {
                _file.Flush();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // As for writes: tracing never stops the server.
            }
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        lock (_gate) _file.Dispose();
    }

    /// <summary>What a record says about a message: read from its envelope without materialising it.</summary>
    private readonly record struct Shape(string Kind, string? IdJson, string? Method, string? Name, int? ErrorCode, string? Problem)
    {
        public static Shape Read(ReadOnlySpan<byte> message)
        {
            try
            {
                var reader = new Utf8JsonReader(message);
                if (!reader.Read()) return new Shape("invalid", null, null, null, null, "an empty line");
                if (reader.TokenType == JsonTokenType.StartArray) return new Shape("invalid", null, null, null, null, "a JSON array (batch)");
                if (reader.TokenType != JsonTokenType.StartObject) return new Shape("invalid", null, null, null, null, "not a JSON object");
                string? id = null, method = null, name = null;
                int? code = null;
                bool hasResult = false, hasError = false, hasVersion = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("id"u8))
                    {
                        reader.Read();
                        id = reader.TokenType switch
                        {
                            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                            JsonTokenType.String => JsonSerializerString(reader.GetString()!),
                            _ => null,
                        };
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("jsonrpc"u8))
                    {
                        reader.Read();
                        hasVersion = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                    }
                    else if (reader.ValueTextEquals("method"u8))
                    {
                        reader.Read();
                        method = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("params"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                var isName = reader.ValueTextEquals("name"u8) || reader.ValueTextEquals("uri"u8);
                                reader.Read();
                                if (isName && reader.TokenType == JsonTokenType.String) name = reader.GetString();
                                else reader.Skip();
                            }
                        }
                        else reader.Skip();
                    }
                    else if (reader.ValueTextEquals("error"u8))
                    {
                        hasError = true;
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                            {
                                var isCode = reader.ValueTextEquals("code"u8);
                                reader.Read();
                                if (isCode && reader.TryGetInt32(out var value)) code = value;
                                else reader.Skip();
                            }
                        }
                        else reader.Skip();
                    }
                    else if (reader.ValueTextEquals("result"u8))
                    {
                        hasResult = true;
                        reader.Read();
                        reader.Skip();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                if (!hasVersion) return new Shape("invalid", null, null, null, null, "no \"jsonrpc\": \"2.0\"");
                if (method is not null) return new Shape(id is null ? "notification" : "request", id, method, name, null, null);
                if (hasError) return new Shape("error", id, null, null, code, null);
                if (hasResult) return new Shape("response", id, null, null, null, null);
                return new Shape("invalid", id, null, null, null, "neither a method nor a result or an error");
            }
            catch (JsonException ex)
            {
                return new Shape("invalid", null, null, null, null, "not valid JSON: " + ex.Message);
            }
        }

        private static string JsonSerializerString(string value)
        {
            var buffer = new ArrayBufferWriter<byte>(value.Length + 8);
            using (var w = new Utf8JsonWriter(buffer, s_writer)) w.WriteStringValue(value);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
