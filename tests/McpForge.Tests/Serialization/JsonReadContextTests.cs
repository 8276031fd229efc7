using System.Linq;
using McpForge.Generated;
using Xunit;

namespace McpForge.Tests.Serialization;

/// <summary>
/// The JSON Pointer an argument error names, at every depth: the first levels of the path are kept inline in the call,
/// the deeper ones in an array that grows; both read back the same, with <c>~</c> and <c>/</c> escaped (RFC 6901).
/// </summary>
public sealed class JsonReadContextTests
{
    [Fact]
    public void A_path_deeper_than_the_inline_levels_reads_back_whole()
    {
        var context = new JsonReadContext();
        Assert.Equal("", context.Path);

        // 14 levels: 4 inline, 10 in the array, which grows once past its first 8.
        for (var level = 0; level < 14; level++)
        {
            if (level % 2 == 0) context.Enter("l" + level);
            else context.Enter(level);
        }
        Assert.Equal("/l0/1/l2/3/l4/5/l6/7/l8/9/l10/11/l12/13", context.Path);

        context.AddError("deep");
        context.AddMemberError("a/b~c", "deeper");
        Assert.Equal(["/l0/1/l2/3/l4/5/l6/7/l8/9/l10/11/l12/13", "/l0/1/l2/3/l4/5/l6/7/l8/9/l10/11/l12/13/a~1b~0c"],
            context.ArgumentErrors.Select(e => e.Path));
    }

    [Fact]
    public void Leaving_and_entering_again_past_the_inline_levels_replaces_what_was_there()
    {
        var context = new JsonReadContext();
        for (var level = 0; level < 6; level++) context.Enter("a" + level);
        for (var level = 0; level < 3; level++) context.Exit();
        context.Enter("b3");
        context.Enter(0);
        Assert.Equal("/a0/a1/a2/b3/0", context.Path);

        for (var level = 0; level < 5; level++) context.Exit();
        Assert.Equal("", context.Path);
        context.Enter("~/");
        Assert.Equal("/~0~1", context.Path);
    }
}
