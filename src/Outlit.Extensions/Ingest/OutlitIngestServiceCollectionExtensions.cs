using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outlit;

/// <summary>Registers the Outlit ingest client and background tracker with dependency injection.</summary>
public static class OutlitIngestServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> the ingest client uses from <c>IHttpClientFactory</c>.</summary>
    public const string HttpClientName = "Outlit.Ingest";

    /// <summary>
    /// Registers a singleton <see cref="OutlitIngestClient"/> for <paramref name="publicKey"/>. The client strips any
    /// <c>Authorization</c> header other registrations might add (its own per-try stage runs last before the
    /// transport), so a Platform API key configured elsewhere in the application never reaches the Ingest API.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="publicKey">The organization's public key (starts with <c>pk_</c>).</param>
    /// <param name="configure">Optional client settings.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException">The public key is missing or malformed.</exception>
    public static IServiceCollection AddOutlitIngest(this IServiceCollection services, string publicKey, Action<OutlitIngestClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OutlitIngestClient.ValidatePublicKey(publicKey);
        var optionsBuilder = services.AddOptions<OutlitIngestClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(http =>
            {
                // Defaults configured for every client in the app (say, a Platform bearer token) are cleared here.
                http.DefaultRequestHeaders.Authorization = null;
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => OutlitPipelineBuilder.CreateDefaultTransport())
            // The client is a long-lived singleton; the pooled-connection lifetime handles DNS changes.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true)
            // Last before the transport, after any handler other registrations add to every client.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Add(new OutlitStripCredentialsHandler()));
        services.TryAddSingleton(provider => new OutlitIngestClient(
            publicKey,
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<OutlitIngestClientOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Registers <see cref="AddOutlitIngest"/>'s client, a singleton <see cref="OutlitTracker"/>
    /// and a hosted service that flushes the tracker when the host stops (the container then
    /// disposes it, which flushes again within <see cref="OutlitTrackerOptions.DisposeTimeout"/>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="publicKey">The organization's public key (starts with <c>pk_</c>).</param>
    /// <param name="configureTracker">Optional queue and flush settings.</param>
    /// <param name="configureClient">Optional client settings.</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException">The public key is missing or malformed.</exception>
    public static IServiceCollection AddOutlitTracker(this IServiceCollection services, string publicKey, Action<OutlitTrackerOptions>? configureTracker = null, Action<OutlitIngestClientOptions>? configureClient = null)
    {
        services.AddOutlitIngest(publicKey, configureClient);
        var optionsBuilder = services.AddOptions<OutlitTrackerOptions>();
        if (configureTracker is not null)
        {
            optionsBuilder.Configure(configureTracker);
        }

        services.TryAddSingleton(provider => new OutlitTracker(
            provider.GetRequiredService<OutlitIngestClient>(),
            provider.GetRequiredService<IOptions<OutlitTrackerOptions>>().Value,
            provider.GetService<ILogger<OutlitTracker>>()));
        services.AddHostedService<OutlitTrackerHostedService>();
        return services;
    }
}

/// <summary>Flushes the registered <see cref="OutlitTracker"/> when the host shuts down.</summary>
internal sealed class OutlitTrackerHostedService(OutlitTracker tracker) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tracker.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout won; disposal of the tracker reports what is left.
        }
    }
}
