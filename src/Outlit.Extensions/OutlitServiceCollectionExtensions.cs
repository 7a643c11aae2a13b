using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outlit;

/// <summary>Registers <see cref="OutlitClient"/> with dependency injection.</summary>
public static class OutlitServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used by <see cref="OutlitClient"/>.</summary>
    public const string HttpClientName = "Outlit";

    /// <summary>
    /// Registers <see cref="OutlitClient"/> with options bound from <paramref name="configuration"/>
    /// (e.g. the <c>Outlit</c> section: <c>ApiKey</c>, <c>BaseUrl</c>, <c>MaxRetries</c>, <c>AttemptTimeout</c>…).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Further changes applied after binding.</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddOutlitClient(this IServiceCollection services, IConfiguration configuration, Action<OutlitClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddOutlitClient(services, options =>
        {
            configuration.Bind(options);
            configure?.Invoke(options);
        });
    }

    /// <summary>Registers <see cref="OutlitClient"/> with options set in code (the API key may come from <c>OUTLIT_API_KEY</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The HTTP client builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddOutlitClient(this IServiceCollection services, Action<OutlitClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<OutlitClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        // Validated once, when first needed, so a bad key fails at resolution time with the typed error and not on a request.
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OutlitClientOptions>>().Value;
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return OutlitClientSettings.Resolve(options);
        });

        // The same per-try stages as a standalone client (OutlitPipelineBuilder), on the factory's pooled transport.
        var builder = services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => OutlitPipelineBuilder.CreateTransport(provider.GetRequiredService<OutlitClientSettings>().Pipeline))
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The factory's own request logging would otherwise be able to print header values at trace level.
            .RedactLoggedHeaders(_ => true)
            .ConfigureAdditionalHttpMessageHandlers((handlers, provider) =>
            {
                var settings = provider.GetRequiredService<OutlitClientSettings>();
                foreach (var stage in OutlitPipelineBuilder.CreateStages(settings.Pipeline, settings.CreateApiStages()))
                {
                    handlers.Add(stage);
                }
            });

        services.TryAddTransient(provider => new OutlitClient(
            provider.GetRequiredService<OutlitClientSettings>(),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        return builder;
    }
}
