using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpForge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace McpForge.Hosting.Tests;

/// <summary>
/// <c>AddMcpServer</c> and <c>AddMcpStdioTransport</c> in process, on a real <c>HostApplicationBuilder</c> with in-memory
/// configuration: what reaches the server's options, in which order, and what stops a host from starting. (The stdio
/// transport itself runs in a child process: tests/McpForge.IntegrationTests, HostedStdioTests.)
/// </summary>
public sealed class RegistrationTests
{
    private static HostApplicationBuilder Builder(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }

    [Fact]
    public void The_section_binds_every_option_configuration_can_express()
    {
        // ErrorLog is a TextWriter and MessageTrace has required members; the clock, the event bus and the request-state
        // protector are services: the binder cannot make any of them, so they stay code-only (Icons, a list, has no setter).
        string[] codeOnly = [nameof(McpServerOptions.ErrorLog), nameof(McpServerOptions.MessageTrace), nameof(McpServerOptions.TimeProvider),
            nameof(McpServerOptions.EventBus), nameof(McpServerOptions.RequestStateProtector)];
        var options = typeof(McpServerOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Except(codeOnly).Order();
        // McpForge:Redis belongs to McpForge.AspNetCore.Redis (a fleet's settings), not to the server's options.
        var section = typeof(McpServerOptionsSection).GetProperties().Select(p => p.Name).Where(name => name != "Redis").Order();
        Assert.Equal(options, section);
    }

    [Fact]
    public void Configuration_sets_the_options_the_server_is_built_with_and_code_registered_later_wins()
    {
        var builder = Builder(new()
        {
            ["McpForge:PageSize"] = "7",
            ["McpForge:ToolTimeout"] = "00:00:09",
            ["McpForge:WhenBusy"] = "Reject",
            ["McpForge:SchemaStyle"] = "LlmFriendly",
            ["McpForge:Instructions"] = "Be brief.",
            ["McpForge:MaxJsonDepth"] = "32",
        });
        builder.Services.AddMcpServer("configured", "1.0.0", mcp => mcp.Configure(o => o.MaxJsonDepth = 16));
        builder.Services.Configure<McpServerOptions>(o => o.PageSize = 8);
        using var host = builder.Build();

        var server = host.Services.GetRequiredService<McpServer>();
        Assert.Equal(8, server.Options.PageSize);                      // Configure<McpServerOptions> after AddMcpServer
        Assert.Equal(TimeSpan.FromSeconds(9), server.Options.ToolTimeout);
        Assert.Equal(BusyBehavior.Reject, server.Options.WhenBusy);
        Assert.Equal(SchemaStyle.LlmFriendly, server.Options.SchemaStyle);
        Assert.Equal("Be brief.", server.Options.Instructions);
        Assert.Equal(16, server.Options.MaxJsonDepth);                 // the builder's own Configure runs last
        Assert.Equal(100, new McpServerOptions().PageSize);            // keys that are absent keep their defaults:
        Assert.Equal(new McpServerOptions().MaxConcurrentRequests, server.Options.MaxConcurrentRequests);
    }

    [Fact]
    public void A_task_store_among_the_services_keeps_the_tasks_of_a_server_that_names_none_and_one_it_names_wins()
    {
        var registered = new McpForge.Tasks.InMemoryMcpTaskStore();
        var builder = Builder([]);
        builder.Services.AddSingleton<McpForge.Tasks.IMcpTaskStore>(registered);
        builder.Services.AddMcpServer("tasks", "1.0.0", mcp => mcp.Configure(o => o.Tasks = new McpForge.Tasks.McpTaskOptions()));
        using (var host = builder.Build())
        {
            Assert.Same(registered, host.Services.GetRequiredService<McpServer>().Options.Tasks!.Store);
        }

        var own = new McpForge.Tasks.InMemoryMcpTaskStore();
        var named = Builder([]);
        named.Services.AddSingleton<McpForge.Tasks.IMcpTaskStore>(registered);
        named.Services.AddMcpServer("tasks", "1.0.0", mcp => mcp.Configure(o => o.Tasks = new McpForge.Tasks.McpTaskOptions { Store = own }));
        using (var host = named.Build())
        {
            Assert.Same(own, host.Services.GetRequiredService<McpServer>().Options.Tasks!.Store);
        }

        // Without tasks on, a registered store turns nothing on.
        var off = Builder([]);
        off.Services.AddSingleton<McpForge.Tasks.IMcpTaskStore>(registered);
        off.Services.AddMcpServer("no-tasks", "1.0.0", _ => { });
        using (var host = off.Build())
        {
            Assert.Null(host.Services.GetRequiredService<McpServer>().Options.Tasks);
        }
    }

    [Fact]
    public async Task Every_invalid_value_is_named_when_the_host_starts()
    {
        var builder = Builder(new() { ["McpForge:PageSize"] = "0", ["McpForge:MaxJsonDepth"] = "2", ["McpForge:StdioPipeBytes"] = "-1" });
        builder.Services.AddMcpServer("invalid", "1.0.0", _ => { });
        using var host = builder.Build(); // building does not validate: starting does

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
        [
            "McpForge:PageSize must be at least 1, not 0.",
            "McpForge:StdioPipeBytes must not be negative (0 leaves the pipes as they are), not -1.",
            "McpForge:MaxJsonDepth must be at least 4, not 2.",
        ], error.Failures);
    }

    [Fact]
    public void The_stdio_transport_sends_every_console_log_entry_to_stderr_whatever_the_configuration_says()
    {
        var builder = Builder(new() { ["Logging:Console:LogToStandardErrorThreshold"] = "None" });
        builder.Logging.AddConsole();
        builder.Services.AddMcpServer("stdio", "1.0.0", _ => { });
        builder.Services.AddMcpStdioTransport();
        using var host = builder.Build();
        Assert.Equal(LogLevel.Trace, host.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.LogToStandardErrorThreshold);
    }

    [Theory]
    [InlineData(30, "00:00:30", 35)]  // the defaults: the host's 30 s would cut the server's 30 s drain short
    [InlineData(60, "00:00:30", 60)]  // a host that already leaves room is left alone
    [InlineData(10, "00:02:00", 125)]
    public void The_hosts_shutdown_timeout_leaves_room_for_the_servers(int hostSeconds, string serverTimeout, int expectedSeconds)
    {
        var builder = Builder(new() { ["McpForge:ShutdownTimeout"] = serverTimeout });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(hostSeconds));
        builder.Services.AddMcpServer("stdio", "1.0.0", _ => { });
        using var host = builder.Build();
        var service = new StdioServerService(host.Services, host.Services.GetRequiredService<IHostApplicationLifetime>(),
            host.Services.GetRequiredService<IOptions<HostOptions>>(), host.Services.GetRequiredService<ILogger<StdioServerService>>());

        service.LeaveRoomToDrain(host.Services.GetRequiredService<McpServer>().Options.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
