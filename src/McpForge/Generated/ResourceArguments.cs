using System;
using System.ComponentModel;
using System.Globalization;
using McpForge.Resources;

namespace McpForge.Generated;

/// <summary>Converts template variable values (strings) to typed parameters for generated readers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResourceArguments
{
    /// <summary>Parses a number, boolean, UUID, date or time variable with the invariant culture.</summary>
    public static bool TryParse<T>(McpResourceCall call, string name, string text, out T value) where T : ISpanParsable<T>
    {
        if (T.TryParse(text, CultureInfo.InvariantCulture, out value!)) return true;
        call.AddArgumentError("/" + name, $"'{text}' is not a valid {typeof(T).Name}");
        return false;
    }

    /// <summary>Records that the URI leaves out a variable whose parameter has no default and is not nullable.</summary>
    public static void Missing(McpResourceCall call, string name) =>
        call.AddArgumentError("/" + name, "is missing from the URI, and the parameter has no default");

    /// <summary>Records an enum value that is not one of the names.</summary>
    public static bool InvalidEnum<T>(McpResourceCall call, string name, string text, string allowed, out T value)
    {
        call.AddArgumentError("/" + name, $"'{text}' is not one of: {allowed}");
        value = default!;
        return false;
    }
}
