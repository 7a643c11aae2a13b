namespace Outlit;

/// <summary>
/// Assembles the request pipeline in its fixed order: operation labelling and error translation, then
/// authentication, then retry with timeouts, then per-attempt logging, then the transport.
/// </summary>
internal static class OutlitPipeline
{
    /// <summary>The stages above the transport, outermost first.</summary>
    internal static DelegatingHandler[] CreateStages(OutlitClientSettings settings) =>
        [.. Enumerable.Range(0, 4).Select(index => CreateStage(settings, index))];

    /// <summary>One stage by position, for dependency injection, where the factory chains the stages itself.</summary>
    internal static DelegatingHandler CreateStage(OutlitClientSettings settings, int index) => index switch
    {
        0 => new OutlitOperationHandler(settings),
        1 => new OutlitAuthenticationHandler(settings),
        2 => new OutlitRetryHandler(settings),
        3 => new OutlitLoggingHandler(settings),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>
    /// The default transport. Redirects are not followed: a redirect to another host would otherwise be the
    /// one way a request left the configured host.
    /// </summary>
    internal static HttpMessageHandler CreateDefaultTransport() => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    /// <summary>Builds the client-owned HttpClient for a standalone <see cref="OutlitClient"/>.</summary>
    internal static HttpClient CreateHttpClient(OutlitClientSettings settings)
    {
        HttpMessageHandler transport;
        if (settings.HttpClient is { } callerClient)
        {
            transport = new HttpClientTransportHandler(callerClient);
        }
        else if (settings.HttpMessageHandler is { } callerHandler)
        {
            transport = new NonDisposingHandler(callerHandler);
        }
        else
        {
            transport = CreateDefaultTransport();
        }

        var stages = CreateStages(settings);
        for (var i = stages.Length - 1; i >= 0; i--)
        {
            stages[i].InnerHandler = transport;
            transport = stages[i];
        }

        // Timeouts belong to the Polly pipeline (per attempt and total); HttpClient's own 100 s would cut across them.
        return new HttpClient(transport, disposeHandler: true)
        {
            BaseAddress = settings.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Lets the pipeline be disposed without disposing a handler the caller still owns.</summary>
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // Deliberately not disposing the inner handler: the caller owns it.
        }
    }
}
