namespace Outlit;

/// <summary>
/// Chooses the exception of a failed answer. The status decides the family; what the documented error body says
/// refines it: a 403 whose body describes a connection limit or a plan feature, a 429 that names a plan or a code (a plan allowance,
/// not a short-window throttle).
/// </summary>
internal static class OutlitErrors
{
    public static OutlitException Create(OutlitErrorResponse response, Uri? redirectTarget = null) => response.Status switch
    {
        >= 300 and <= 399 => new OutlitRedirectException(response, redirectTarget),
        400 or 422 => new OutlitValidationException(response),
        401 => new OutlitAuthenticationException(response),
        402 => new OutlitPlanLimitException(response),
        403 when response.CurrentConnections is not null || response.ConnectionLimit is not null => new OutlitConnectionLimitException(response),
        403 when response.Plan is not null || response.Feature is not null => new OutlitPlanLimitException(response),
        403 => new OutlitPermissionException(response),
        404 => new OutlitNotFoundException(response),
        408 => new OutlitTimeoutException(response),
        409 => new OutlitConflictException(response),
        429 when response.Plan is not null || response.PlanRefusal => new OutlitPlanLimitException(response),
        429 => new OutlitRateLimitException(response),
        >= 500 and <= 599 => new OutlitServerException(response),
        _ => new OutlitException(response),
    };
}
