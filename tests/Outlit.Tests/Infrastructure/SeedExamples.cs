namespace Outlit.Tests.Infrastructure;

/// <summary>
/// The JSON examples of Outlit's API documentation (the seed documents), used as server responses and as
/// the expected shape of request bodies.
/// </summary>
public static class SeedExamples
{
    public const string ListIntegrations = """
        {
          "items": [
            {
              "id": "stripe",
              "name": "Stripe",
              "category": "billing",
              "status": "connected",
              "connectionId": "stripe-org_123",
              "lastDataReceivedAt": "2026-04-10T18:22:11.000Z",
              "syncStatus": "SUCCESS",
              "errorMessage": null
            }
          ]
        }
        """;

    public const string CapabilitiesOfPylon = """
        {
          "provider": {
            "cliName": "pylon",
            "providerId": "pylon",
            "setupMode": "direct_api_key",
            "credentialType": "api_token",
            "requiredFields": [{ "key": "apiToken", "label": "API Token", "secret": true }],
            "commands": ["outlit integrations setup pylon"],
            "postConnectSteps": [
              {
                "id": "webhook-setup",
                "required": true,
                "supported": true,
                "command": "outlit integrations setup pylon webhooks"
              }
            ]
          }
        }
        """;

    public const string SetupStepRequest = """{"provider":"hubspot","step":"mappings","config":{"mappings":[]}}""";

    public const string ConnectDirectRequest = """{"provider":"posthog","config":{"apiKey":"phx_...","region":"us","projectId":"12345"}}""";

    public const string ConnectDirectResponse = """
        {
          "connected": true,
          "connectionId": "posthog-org_123",
          "alreadyConnected": false
        }
        """;

    public const string ConnectBrowserResponse = """
        {
          "sessionId": "0f6d0f76-1dc7-4c5c-bba5-6685f74a5e3a",
          "connectUrl": "https://app.outlit.ai/integrations",
          "alreadyConnected": false
        }
        """;

    public const string ConnectionLimit = """
        {
          "error": "Your plan has reached its integration connection limit.",
          "code": "plan_connection_limit_exceeded",
          "feature": "integration_connections",
          "plan": "free",
          "currentConnections": 3,
          "limit": 3
        }
        """;

    public const string ConnectionStatusPending = """
        {
          "status": "pending",
          "provider": "slack"
        }
        """;

    public const string SyncStatusConnected = """
        {
          "provider": "stripe",
          "name": "Stripe",
          "category": "billing",
          "status": "connected",
          "syncs": [
            {
              "model": "StripeCustomer",
              "status": "SUCCESS",
              "lastSyncedAt": "2026-04-10T18:22:11.000Z",
              "errorMessage": null
            }
          ]
        }
        """;

    public const string SyncStatusNotConnected = """
        {
          "provider": "stripe",
          "name": "Stripe",
          "category": "billing",
          "status": "not_connected",
          "syncs": []
        }
        """;

    public const string PlanLimit = """
        {
          "error": "Your plan has exhausted its included API calls for the current billing cycle.",
          "code": "api_limit_exceeded",
          "plan": "free",
          "feature": "api_calls",
          "resetAt": 1776124800000
        }
        """;

    public const string InvalidCredentials = """{ "error": "Invalid credentials" }""";

    public const string InvalidToolInput = """
        {
          "error": "Invalid tool input",
          "details": [
            {
              "path": ["limit"],
              "message": "Too big: expected number to be <=1000"
            }
          ]
        }
        """;

    public const string ListCustomersResponse = """
        {
          "items": [
            {
              "id": "cus_123",
              "name": "Acme",
              "domain": "acme.com",
              "billingStatus": "PAYING",
              "mrrCents": 25000,
              "lastActivityAt": "2026-04-10T18:22:11.000Z"
            }
          ],
          "pagination": {
            "hasMore": true,
            "nextCursor": "cursor_abc",
            "total": 128
          }
        }
        """;
}
