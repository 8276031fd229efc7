using System;
using System.Globalization;
using System.Text.Json;

namespace McpForge.JsonRpc;

/// <summary>A JSON-RPC request id: a string or an integer, compared by value.</summary>
public readonly struct RequestId : IEquatable<RequestId>
{
    private readonly string? _string;
    private readonly long _number;

    /// <summary>A numeric id.</summary>
    public RequestId(long number)
    {
        _number = number;
        _string = null;
        IsValid = true;
    }

    /// <summary>A string id.</summary>
    public RequestId(string value)
    {
        _string = value ?? throw new ArgumentNullException(nameof(value));
        _number = 0;
        IsValid = true;
    }

    /// <summary>False for <c>default</c>: no id (a notification, or a message whose id could not be read).</summary>
    public bool IsValid { get; }

    /// <summary>True when the id is a string.</summary>
    public bool IsString => _string is not null;

    /// <summary>The numeric value of an integer id.</summary>
    public bool TryGetNumber(out long number)
    {
        number = _number;
        return IsValid && _string is null;
    }

    /// <summary>Reads the id at the reader's current token (a string or an integer).</summary>
    internal static bool TryRead(ref Utf8JsonReader reader, out RequestId id)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                id = new RequestId(reader.GetString()!);
                return true;
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                id = new RequestId(number);
                return true;
            default:
                id = default;
                return false;
        }
    }

    /// <summary>Writes the id as a JSON value, or <c>null</c> when there is none.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        if (!IsValid) writer.WriteNullValue();
        else if (_string is not null) writer.WriteStringValue(_string);
        else writer.WriteNumberValue(_number);
    }

    /// <inheritdoc/>
    public bool Equals(RequestId other) =>
        IsValid == other.IsValid && _number == other._number && string.Equals(_string, other._string, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RequestId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _string?.GetHashCode(StringComparison.Ordinal) ?? _number.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() =>
        !IsValid ? "null" : _string is not null ? "\"" + _string + "\"" : _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Equality by value.</summary>
    public static bool operator ==(RequestId left, RequestId right) => left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(RequestId left, RequestId right) => !left.Equals(right);
}
