// Consumer smoke test of the published packages: start the fake Outlit server from Outlit.Testing,
// call it through the Outlit client (Platform and Ingest), and check that the assemblies are the
// build that was published.
// Exit code 0 on success, 1 with the reason on stderr otherwise.
using System.Reflection;
using Outlit;
using Outlit.Testing;

// The published versions: the client's, then the mock server's (each package has its own).
var expectedVersions = new Dictionary<string, string?>
{
    ["Outlit"] = args.Length > 0 ? args[0] : null,
    ["Outlit.Testing"] = args.Length > 1 ? args[1] : args.Length > 0 ? args[0] : null,
};
var failures = new List<string>();

void Check(bool condition, string failure)
{
    if (!condition)
    {
        failures.Add(failure);
    }
}

foreach (var assembly in new[] { typeof(OutlitClient).Assembly, typeof(OutlitMockServer).Assembly })
{
    var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
    Console.WriteLine($"{assembly.GetName().Name} {version}");
    // The informational version is "<package version>+<commit>" when built from a git checkout.
    var expectedVersion = expectedVersions[assembly.GetName().Name!];
    Check(expectedVersion is null || version == expectedVersion || version.StartsWith(expectedVersion + "+", StringComparison.Ordinal),
        $"{assembly.GetName().Name} is version {version}, expected {expectedVersion}");
}

await using var server = await OutlitMockServer.StartAsync();
Console.WriteLine($"Fake Outlit server at {server.BaseUrl}");

using (var client = new OutlitClient(new OutlitClientOptions { ApiKey = server.ApiKey, BaseUrl = server.BaseUrl }))
{
    var validation = await client.ValidateApiKeyAsync();
    Console.WriteLine($"ValidateApiKeyAsync: valid={validation.IsValid} organization={validation.OrganizationId}");
    Check(validation.IsValid, "the server's own API key was reported invalid");
    Check(validation.OrganizationId == server.OrganizationId,
        $"validation returned organization '{validation.OrganizationId}', the server's is '{server.OrganizationId}'");

    var integrations = await client.Integrations.ListAsync();
    Console.WriteLine($"Integrations.ListAsync: {integrations.Count} providers ({string.Join(", ", integrations.Select(i => i.Id.ToString()))})");
    Check(integrations.Count > 0, "the integration list is empty");
    Check(integrations.All(i => !string.IsNullOrEmpty(i.Name)), "an integration has no name");
}

// A wrong key must be refused by the server and reported by the client, not accepted silently.
var wrongKey = server.ApiKey[..^1] + (server.ApiKey[^1] == 'x' ? 'y' : 'x');
using (var client = new OutlitClient(new OutlitClientOptions { ApiKey = wrongKey, BaseUrl = server.BaseUrl }))
{
    var validation = await client.ValidateApiKeyAsync();
    Console.WriteLine($"ValidateApiKeyAsync with a wrong key: valid={validation.IsValid}");
    Check(!validation.IsValid, "a wrong API key was reported valid");
}

// The Ingest side: the tracker batches events to the public-key route; the fake server keeps what it accepted.
using (var ingest = new OutlitIngestClient(server.PublicKey, new OutlitIngestClientOptions { BaseUrl = server.BaseUrl }))
{
    await using var tracker = new OutlitTracker(ingest);
    var identity = TrackerIdentity.ForEmail("smoke@example.com");
    tracker.Pageview("https://app.example.com/settings", identity);
    tracker.Track("smoke_test_ran", identity, new Dictionary<string, object?> { ["step"] = 1 });
    await tracker.FlushAsync();
    var received = server.ReceivedEvents;
    Console.WriteLine($"OutlitTracker: sent={tracker.SentCount} failed={tracker.FailedCount}; server received {received.Count} ({string.Join(", ", received.Select(e => e.Type))})");
    Check(tracker.SentCount == 2 && tracker.FailedCount == 0, $"the tracker sent {tracker.SentCount} and failed {tracker.FailedCount} of 2 events");
    Check(received.Select(e => e.Type).OrderBy(t => t, StringComparer.Ordinal).SequenceEqual(["custom", "pageview"]),
        $"the server received [{string.Join(", ", received.Select(e => e.Type))}], expected a pageview and a custom event");
}

foreach (var failure in failures)
{
    Console.Error.WriteLine("smoke test failed: " + failure);
}

Console.WriteLine(failures.Count == 0 ? "Smoke test passed." : $"Smoke test failed ({failures.Count}).");
return failures.Count == 0 ? 0 : 1;
