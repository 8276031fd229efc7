using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using McpForge.AspNetCore.ScaleOut;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace McpForge.AspNetCore.Redis;

/// <summary>
/// Forwards a request to the instance owning its session with YARP's <see cref="IHttpForwarder"/>: the body streams
/// through, the answer (an SSE stream included) streams back unbuffered, the client's headers go as they came — its
/// <c>Host</c> and <c>Authorization</c> too, so the owner checks them itself — and the request is signed
/// (<see cref="ForwardingSignature"/>).
/// </summary>
internal sealed class HttpSessionForwarder : IMcpSessionForwarder, IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly SigningTransformer _transformer;
    private readonly ForwardingSignature _signature;
    // No activity timeout worth the name: an SSE stream is quiet between keep-alive comments, and a call may run long.
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };

    public HttpSessionForwarder(IHttpForwarder forwarder, ForwardingSignature signature)
    {
        _forwarder = forwarder;
        _signature = signature;
        _transformer = new SigningTransformer(signature);
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        });
    }

    public async ValueTask<McpForwardResult> ForwardAsync(HttpContext context, Uri owner, CancellationToken cancellationToken)
    {
        var error = await _forwarder.SendAsync(context, RedisSessionDirectory.Normalize(owner), _client, RequestConfig, _transformer, cancellationToken)
            .ConfigureAwait(false);
        if (context.Items.Remove(HandedBackKey))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.Clear();
            return McpForwardResult.HandedBack;
        }
        if (error == ForwarderError.None || context.Response.HasStarted) return McpForwardResult.Forwarded;
        // Nothing reached the client yet: the router answers instead of YARP's bare 502.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Clear();
        var exception = context.GetForwarderErrorFeature()?.Exception;
        context.Features.Set<IForwarderErrorFeature>(null);
        return IsRefused(exception) ? McpForwardResult.OwnerGone : McpForwardResult.Failed;
    }

    /// <summary>Set on the context when the owner handed the request back (<see cref="McpForwardResult.HandedBack"/>).</summary>
    private static readonly object HandedBackKey = new();

    public McpForwardCheck Check(HttpContext context)
    {
        var header = context.Request.Headers[ForwardingSignature.Header];
        if (header.Count == 0) return McpForwardCheck.Direct;
        return _signature.Check(header.ToString(), context.Request.Method, context.Request.Headers["Mcp-Session-Id"].ToString());
    }

    private static bool IsRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        }
        return false;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>YARP's default copy of the request, keeping the client's <c>Host</c> and adding the signature.</summary>
    private sealed class SigningTransformer(ForwardingSignature signature) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
            CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
            proxyRequest.Headers.Remove(ForwardingSignature.Header);
            proxyRequest.Headers.TryAddWithoutValidation(ForwardingSignature.Header,
                signature.Sign(httpContext.Request.Method, httpContext.Request.Headers["Mcp-Session-Id"].ToString()));
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
            CancellationToken cancellationToken)
        {
            if (proxyResponse is not null && proxyResponse.Headers.Contains(McpForwardingHeaders.HandedBack))
            {
                // The owner no longer serves the session: nothing of its answer reaches the client; the router asks again.
                httpContext.Items[HandedBackKey] = true;
                return false;
            }
            var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            if (copyBody && proxyResponse?.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                // The owner sent an event stream's headers at once (a resumed stream may have nothing to replay yet): so
                // does the forward, or the client would wait on headers the owner already sent.
                httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
                await httpContext.Response.StartAsync(cancellationToken).ConfigureAwait(false);
                await httpContext.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false); // StartAsync writes, it does not send
            }
            return copyBody;
        }
    }
}
