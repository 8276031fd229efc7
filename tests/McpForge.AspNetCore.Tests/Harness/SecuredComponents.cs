using System.Linq;
using System.Threading.Tasks;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>Tools with and without authorization requirements.</summary>
public sealed partial class SecuredTools
{
    /// <summary>Reads a note: any authenticated caller.</summary>
    [McpTool("read_note")]
    public static string ReadNote(string id) => "note " + id;

    /// <summary>Deletes a note: needs notes:write.</summary>
    [McpTool("delete_note", Destructive = true)]
    [McpAuthorize("notes:write")]
    public static string DeleteNote(string id) => "deleted " + id;

    /// <summary>Says who is calling, from the token's claims.</summary>
    [McpTool("whoami")]
    public static string WhoAmI(McpContext context) =>
        (context.User?.FindFirst("sub")?.Value ?? context.User?.Identity?.Name ?? "nobody") + " with " +
        string.Join(" ", context.User?.FindAll("scope").Select(c => c.Value) ?? []);
}

/// <summary>Administration, for the "admins" policy.</summary>
[McpAuthorize(Policy = "admins")]
public sealed partial class SecuredPrompts
{
    /// <summary>The admin checklist.</summary>
    [McpPrompt("admin_checklist")]
    public static string Checklist() => "Rotate keys.";
}

/// <summary>A resource that needs a scope.</summary>
public sealed partial class SecuredResources
{
    /// <summary>The audit log.</summary>
    [McpResource("audit://log", MimeType = "text/plain")]
    [McpAuthorize("audit:read")]
    public static string Log() => "nothing happened";
}
