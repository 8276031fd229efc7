using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// Keeps the instance in the fleet while the application runs: takes its lease and starts hearing the bus before the
/// server serves (without waiting for a Redis that is down: both are retried in the background), then renews the lease
/// every third of its time. When the application stops, MapMcp's drain gives the lease up; this only stops renewing.
/// </summary>
internal sealed class RedisScaleOutService(RedisSessionDirectory directory, RedisEventBus bus, RedisConnection redis, TimeProvider time,
    ILogger<RedisScaleOutService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private bool _listening;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryOnceAsync().ConfigureAwait(false);
        _loop = RunAsync(_stopping.Token);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var period = redis.Options.LeaseTime / 3;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await TryOnceAsync().ConfigureAwait(false);
        }
    }

    private async Task TryOnceAsync()
    {
        try
        {
            await directory.RenewLeaseAsync().ConfigureAwait(false);
            if (!_listening)
            {
                await bus.ListenAsync().ConfigureAwait(false);
                _listening = true;
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("Redis cannot be reached ({Message}); the instance serves no session of the fleet until it can renew its lease.", ex.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null) await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();
}
