using System.Text;

namespace McpForge.Generators.Helpers;

/// <summary>Tool naming rules: the default name of a method, and what a valid name is.</summary>
internal static class ToolNames
{
    /// <summary><c>GetForecastAsync</c> → <c>get_forecast</c>; <c>HTTPGet</c> → <c>http_get</c>.</summary>
    public static string FromMethodName(string methodName)
    {
        if (methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal))
        {
            methodName = methodName.Substring(0, methodName.Length - 5);
        }
        var result = new StringBuilder(methodName.Length + 8);
        for (var i = 0; i < methodName.Length; i++)
        {
            var c = methodName[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(methodName[i - 1]) || char.IsDigit(methodName[i - 1]));
                var nextIsLower = i + 1 < methodName.Length && char.IsLower(methodName[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(methodName[i - 1]);
                if (result.Length > 0 && result[result.Length - 1] != '_' && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                {
                    result.Append('_');
                }
                result.Append(char.ToLowerInvariant(c));
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>1–128 characters of <c>A-Z a-z 0-9 _ - .</c> (MCP 2025-11-25, tool names).</summary>
    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > 128) return false;
        foreach (var c in name)
        {
            var ok = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.';
            if (!ok) return false;
        }
        return true;
    }
}
