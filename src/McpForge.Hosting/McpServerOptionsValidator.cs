using System.Collections.Generic;
using McpForge;
using Microsoft.Extensions.Options;

namespace McpForge.Hosting;

/// <summary>
/// Checks the bound <see cref="McpServerOptions"/> when the host starts (<c>ValidateOnStart</c>), with the rules
/// <see cref="McpServerBuilder.Build"/> applies, so a host and a hand-built server accept exactly the same values.
/// Each failure names the configuration key ("McpForge:PageSize must be at least 1, not 0."). Hand-written rather
/// than <c>[OptionsValidator]</c>-generated: the rules stay in one place, next to the options, instead of being
/// restated as data annotations on a type that also serves servers without a host.
/// </summary>
internal sealed class McpServerOptionsValidator : IValidateOptions<McpServerOptions>
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "McpForge";

    public ValidateOptionsResult Validate(string? name, McpServerOptions options)
    {
        List<string>? failures = null;
        foreach (var (option, problem) in options.Problems())
        {
            (failures ??= []).Add($"{Section}:{option} {problem}.");
        }
        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
