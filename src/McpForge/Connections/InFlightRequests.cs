using System.Collections.Concurrent;
using System.Collections.Generic;
using McpForge.JsonRpc;

namespace McpForge.Connections;

/// <summary>A request the client can cancel while it runs (a tool call gone asynchronous, a listen stream).</summary>
internal interface ICancellableRequest
{
    RequestId RequestId { get; }

    /// <summary>
    /// The client cancelled it (<c>notifications/cancelled</c>, or its HTTP stream closed): it gets no response. False
    /// when it had already ended.
    /// </summary>
    bool CancelByClient();
}

/// <summary>
/// The requests of one connection that are running asynchronously, by id, so that <c>notifications/cancelled</c>
/// finds them and the end of a session cancels them. The table is made when the first request goes asynchronous.
/// </summary>
internal sealed class InFlightRequests
{
    private ConcurrentDictionary<RequestId, ICancellableRequest>? _requests;

    private ConcurrentDictionary<RequestId, ICancellableRequest> Requests =>
        _requests ?? System.Threading.Interlocked.CompareExchange(ref _requests, new(), null) ?? _requests!;

    public void Add(ICancellableRequest request) => Requests[request.RequestId] = request;

    /// <summary>Forgets <paramref name="request"/> (it ended); another request since registered under its id stays.</summary>
    public void Remove(ICancellableRequest request) => _requests?.TryRemove(new KeyValuePair<RequestId, ICancellableRequest>(request.RequestId, request));

    /// <summary>True when a request runs under <paramref name="id"/> (a new request may not reuse its id).</summary>
    public bool Contains(RequestId id) => _requests?.ContainsKey(id) == true;

    /// <summary>Cancels the request running under <paramref name="id"/>; false when none runs (it finished, or never went asynchronous).</summary>
    public bool TryCancel(RequestId id) => _requests is { } requests && requests.TryGetValue(id, out var request) && request.CancelByClient();

    /// <summary>Cancels every request running (the session is ending): none of them is answered.</summary>
    public void CancelAll()
    {
        if (_requests is not { } requests) return;
        foreach (var request in requests.Values) request.CancelByClient();
    }
}
