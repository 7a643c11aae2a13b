namespace Outlit;

/// <summary>
/// Assembles the per-try stages under <see cref="OutlitHttpPipeline"/>, for the Platform and the Ingest client
/// alike and for dependency injection: first what is specific to the API (the Platform key; the Ingest pacing),
/// then logging, then the body read in full and capped, then the transport. Retries and timeouts sit above these
/// stages, in <see cref="OutlitHttpPipeline"/>, so every attempt goes through all of them.
/// </summary>
internal static class OutlitPipelineBuilder
{
    /// <summary>The stages above the transport, outermost first.</summary>
    public static List<DelegatingHandler> CreateStages(OutlitPipelineSettings settings, IEnumerable<DelegatingHandler> apiStages)
    {
        var stages = new List<DelegatingHandler>(apiStages);
        var logger = settings.CreateLogger();
        if (logger is not Microsoft.Extensions.Logging.Abstractions.NullLogger)
        {
            // Without a logger there is nothing to write: the stage would only cost every attempt a frame.
            stages.Add(new OutlitLoggingHandler(logger));
        }

        stages.Add(new OutlitResponseBufferingHandler(settings.MaxResponseBytes));
        return stages;
    }

    /// <summary>
    /// The default transport. Redirects are not followed (the pipeline reports them as errors): a redirect is the one
    /// way a request could leave the configured host.
    /// </summary>
    public static SocketsHttpHandler CreateDefaultTransport() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    /// <summary>The caller's transport (client or handler, left undisposed) or the default one.</summary>
    public static HttpMessageHandler CreateTransport(OutlitPipelineSettings settings) =>
        settings.HttpClient is { } client ? new HttpClientTransportHandler(client)
        : settings.HttpMessageHandler is { } handler ? new NonDisposingHandler(WithoutAutomaticRedirects(handler))
        : CreateDefaultTransport();

    /// <summary>
    /// Turns automatic redirects off on a caller's <see cref="HttpClientHandler"/> or <see cref="SocketsHttpHandler"/>
    /// (as far down as its chain can be seen): a handler that follows a redirect sends the request to the new origin
    /// before the pipeline can refuse it. A handler already used keeps its setting; its answer from elsewhere is still
    /// refused, and a body is never re-sent (<see cref="OutlitRequestContent"/>).
    /// </summary>
    private static HttpMessageHandler WithoutAutomaticRedirects(HttpMessageHandler handler)
    {
        for (var current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            try
            {
                switch (current)
                {
                    case HttpClientHandler { AllowAutoRedirect: true } classic:
                        classic.AllowAutoRedirect = false;
                        break;
                    case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                        sockets.AllowAutoRedirect = false;
                        break;
                }
            }
            catch (InvalidOperationException)
            {
                // Already sending requests for its owner: its settings are fixed.
            }
        }

        return handler;
    }

    /// <summary>Chains the stages over the transport into the HttpClient a client owns.</summary>
    public static HttpClient CreateHttpClient(OutlitPipelineSettings settings, IEnumerable<DelegatingHandler> apiStages)
    {
        var stages = CreateStages(settings, apiStages);
        HttpMessageHandler next = CreateTransport(settings);
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            stages[i].InnerHandler = next;
            next = stages[i];
        }

        // Timeouts belong to the pipeline (per attempt and total); HttpClient's own 100 s would cut across them.
        return new HttpClient(next, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Lets the pipeline be disposed without disposing a handler the caller still owns.</summary>
    internal sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
            // Deliberately not disposing the inner handler: the caller owns it.
        }
    }
}
