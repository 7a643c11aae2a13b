using System.Diagnostics;
using System.Globalization;
using Outlit.Testing;
using Spectre.Console;

namespace Outlit.Quickstart;

/// <summary>
/// The quickstart's walk through the API, one section per step, written to an <see cref="IAnsiConsole"/> so
/// it can run in a terminal, in CI without a TTY, or in a test with the output captured.
/// </summary>
internal sealed class QuickstartRunner
{
    /// <summary>Section headings, in the order they are printed.</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        "1. Validate the API key",
        "2. List integrations",
        "3. Connect a direct-credential provider",
        "4. Connect a browser-session provider",
        "5. Sync status",
        "6. Paying customers",
        "7. Search customer context",
        "8. Send ingest events",
    ];

    private static readonly ProviderId DirectProvider = ProviderId.Pylon;
    private static readonly ProviderId BrowserProvider = ProviderId.Hubspot;

    // Placeholder credential for the mock, which checks that the field is present and then discards it.
    private const string PlaceholderPylonToken = "demo-pylon-token-not-a-secret";

    private const int PageSize = 5;
    private const int PagesToShow = 3;

    private readonly IAnsiConsole console;
    private readonly QuickstartSettings settings;
    private string currentSection = "startup";
    private int skipped;

    public QuickstartRunner(IAnsiConsole console, QuickstartSettings settings)
    {
        this.console = console;
        this.settings = settings;
    }

    /// <summary>Runs every section and returns the process exit code: 0 on success, 1 for an API or delivery failure, 2 for bad configuration, 130 when cancelled.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        OutlitMockServer? mock = null;
        try
        {
            console.Write(new FigletText("Outlit").Color(Color.Teal));
            Target target;
            if (settings.UsesMock)
            {
                // PollsBeforeConnected = 2: the browser session answers "pending" twice, then "connected",
                // so the live wait shows a few polls without anyone opening a browser.
                mock = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 2 }, cancellationToken);
                target = new Target(mock.BaseUrl, mock.ApiKey, mock.PublicKey, IsMock: true);
                console.MarkupLine($"[yellow]No {OutlitClientOptions.ApiKeyEnvironmentVariable} set:[/] started the embedded Outlit mock server at [link]{Markup.Escape(mock.BaseUrl.ToString())}[/].");
                console.MarkupLine($"[grey]Set {OutlitClientOptions.ApiKeyEnvironmentVariable} (and optionally {QuickstartSettings.BaseUrlVariable}, {QuickstartSettings.PublicKeyVariable}) to run against your Outlit organization.[/]");
            }
            else
            {
                target = new Target(settings.BaseUrl ?? OutlitClientOptions.DefaultBaseUrl, settings.ApiKey!, settings.PublicKey, IsMock: false);
                console.MarkupLine($"Using the Outlit API at [link]{Markup.Escape(target.BaseUrl.GetLeftPart(UriPartial.Path))}[/] (from the environment).");
            }

            var exitCode = await RunSectionsAsync(target, mock, cancellationToken);
            console.WriteLine();
            if (exitCode == 0)
            {
                var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                console.MarkupLine(skipped == 0
                    ? $"[green]Done:[/] all {Sections.Count} steps completed in {seconds} s."
                    : $"[green]Done:[/] {Sections.Count - skipped} of {Sections.Count} steps completed, {skipped} skipped, in {seconds} s.");
            }

            return exitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine($"[yellow]Cancelled[/] during \"{Markup.Escape(currentSection)}\".");
            return 130;
        }
        catch (OutlitConfigurationException ex)
        {
            ReportError(ex, "Configuration error");
            return 2;
        }
        catch (OutlitException ex)
        {
            ReportError(ex, ex.GetType().Name);
            return 1;
        }
        catch (ArgumentException ex)
        {
            // The client and tracker check keys and options up front with ArgumentException.
            ReportError(ex, "Invalid setting");
            return 2;
        }
        finally
        {
            if (mock is not null)
            {
                await mock.DisposeAsync();
            }
        }
    }

    private async Task<int> RunSectionsAsync(Target target, OutlitMockServer? mock, CancellationToken cancellationToken)
    {
        var options = new OutlitClientOptions { ApiKey = target.ApiKey, BaseUrl = target.BaseUrl };
        if (target.IsMock)
        {
            // Nobody has to click anything in the mock, so poll briskly; a real browser session keeps the defaults.
            options.ConnectionPollInterval = TimeSpan.FromMilliseconds(200);
            options.ConnectionPollMaxInterval = TimeSpan.FromMilliseconds(500);
        }

        using var client = new OutlitClient(options);

        Heading(0);
        if (!await ValidateKeyAsync(client, target, cancellationToken))
        {
            return 1;
        }

        Heading(1);
        await ListIntegrationsAsync(client, cancellationToken);

        var mayConnect = target.IsMock || settings.ConnectOnRemote;
        Heading(2);
        if (mayConnect)
        {
            await ConnectDirectAsync(client, target, cancellationToken);
        }
        else
        {
            SkipConnect();
        }

        Heading(3);
        if (mayConnect)
        {
            await ConnectBrowserAsync(client, target, cancellationToken);
        }
        else
        {
            SkipConnect();
        }

        Heading(4);
        await ShowSyncStatusAsync(client, cancellationToken);

        Heading(5);
        var topCustomer = await ListPayingCustomersAsync(client, cancellationToken);

        Heading(6);
        await SearchAsync(client, topCustomer, cancellationToken);

        Heading(7);
        return await SendEventsAsync(target, mock, cancellationToken);
    }

    private async Task<bool> ValidateKeyAsync(OutlitClient client, Target target, CancellationToken cancellationToken)
    {
        var result = await client.ValidateApiKeyAsync(cancellationToken);
        var table = KeyValueTable();
        table.AddRow("API key", QuickstartSettings.Redact(target.ApiKey));
        table.AddRow("Valid", result.IsValid ? "[green]yes[/]" : "[red]no[/]");
        table.AddRow("Organization", Markup.Escape(result.OrganizationId ?? "-"));
        table.AddRow("Created by", Markup.Escape(result.CreatedById ?? "-"));
        console.Write(table);
        if (!result.IsValid)
        {
            console.MarkupLine($"[red]The server rejected the API key[/]{(result.Error is null ? "" : ": " + Markup.Escape(result.Error))}. Check {OutlitClientOptions.ApiKeyEnvironmentVariable}.");
        }

        return result.IsValid;
    }

    private async Task ListIntegrationsAsync(OutlitClient client, CancellationToken cancellationToken)
    {
        var integrations = await client.Integrations.ListAsync(cancellationToken: cancellationToken);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Provider").AddColumn("Name").AddColumn("Category").AddColumn("Status").AddColumn("Last data");
        foreach (var integration in integrations)
        {
            table.AddRow(
                Markup.Escape(integration.Id.ToString()),
                Markup.Escape(integration.Name ?? ""),
                Markup.Escape(integration.Category ?? ""),
                StatusMarkup(integration.Status.ToString()),
                Markup.Escape(FormatDate(integration.LastDataReceivedAt)));
        }

        console.Write(table);
        console.MarkupLine($"[grey]{integrations.Count} providers, {integrations.Count(i => i.Status == IntegrationStatus.Connected)} connected.[/]");
    }

    private async Task ConnectDirectAsync(OutlitClient client, Target target, CancellationToken cancellationToken)
    {
        string token;
        if (target.IsMock)
        {
            token = PlaceholderPylonToken;
        }
        else if (settings.PylonApiToken is { } configured)
        {
            token = configured;
        }
        else
        {
            Skip($"set {QuickstartSettings.PylonTokenVariable} to connect Pylon with a real API token.");
            return;
        }

        var result = await client.Integrations.ConnectAsync(DirectProvider, new Dictionary<string, object?> { ["apiToken"] = token }, cancellationToken);
        var table = KeyValueTable();
        table.AddRow("Provider", Markup.Escape(DirectProvider.ToString()));
        table.AddRow("Credentials sent", "apiToken = ****");
        result.Switch(
            direct =>
            {
                table.AddRow("Result", direct.AlreadyConnected ? "[green]already connected[/]" : "[green]connected[/]");
                table.AddRow("Connection ID", Markup.Escape(direct.ConnectionId));
            },
            session =>
            {
                // Not expected for an API-token provider, but the server decides; show it rather than fail.
                table.AddRow("Result", "[yellow]browser session opened[/]");
                table.AddRow("Connect URL", Markup.Escape(session.ConnectUrl.ToString()));
            });
        console.Write(table);
    }

    private async Task ConnectBrowserAsync(OutlitClient client, Target target, CancellationToken cancellationToken)
    {
        var result = await client.Integrations.ConnectAsync(BrowserProvider, config: null, cancellationToken);
        if (!result.TryGetBrowserSession(out var session))
        {
            var direct = (DirectConnection)result;
            console.MarkupLine($"[green]{Markup.Escape(BrowserProvider.ToString())} is {(direct.AlreadyConnected ? "already " : "")}connected[/] (connection {Markup.Escape(direct.ConnectionId)}); no browser step needed.");
            return;
        }

        var table = KeyValueTable();
        table.AddRow("Provider", Markup.Escape(BrowserProvider.ToString()));
        table.AddRow("Session", Markup.Escape(session.SessionId));
        table.AddRow("Connect URL", Markup.Escape(session.ConnectUrl.ToString()));
        console.Write(table);
        console.MarkupLine(target.IsMock
            ? "[grey]The mock completes the session by itself after a few polls; with a real server, open the URL in a browser.[/]"
            : "Open the connect URL in a browser and authorize the provider; waiting up to 10 minutes (Ctrl+C to stop).");

        var timeout = target.IsMock ? TimeSpan.FromSeconds(30) : OutlitIntegrations.DefaultConnectionWaitTimeout;
        var polls = 0;
        var started = Stopwatch.StartNew();
        IntegrationConnectionStatusResponse connected;

        // A live spinner needs a terminal that can redraw in place; in CI (no TTY) or a redirected output each
        // poll is printed as a plain line instead, which also keeps the log readable.
        if (console.Profile.Capabilities is { Interactive: true, Ansi: true })
        {
            connected = await console.Status()
                .Spinner(Spinner.Known.Dots)
                .SpinnerStyle(Style.Parse("teal"))
                .StartAsync($"Waiting for {BrowserProvider}…", async status =>
                {
                    var progress = new SyncProgress<IntegrationConnectionStatusResponse>(s =>
                    {
                        polls++;
                        PrintPoll(polls, s, started.Elapsed);
                        status.Status($"Waiting for {BrowserProvider}: poll {polls}, status [bold]{Markup.Escape(s.Status.ToString())}[/]");
                    });
                    return await client.Integrations.WaitForConnectionAsync(session.SessionId, timeout, progress, cancellationToken);
                });
        }
        else
        {
            console.MarkupLine($"Waiting for {Markup.Escape(BrowserProvider.ToString())}…");
            var progress = new SyncProgress<IntegrationConnectionStatusResponse>(s => PrintPoll(++polls, s, started.Elapsed));
            connected = await client.Integrations.WaitForConnectionAsync(session.SessionId, timeout, progress, cancellationToken);
        }

        console.MarkupLine($"[green]{Markup.Escape(connected.Provider.ToString())} connected[/] after {polls} polls ({started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s).");
    }

    private void PrintPoll(int poll, IntegrationConnectionStatusResponse status, TimeSpan elapsed) =>
        console.MarkupLine($"  poll {poll} at {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s: {StatusMarkup(status.Status.ToString())}{(string.IsNullOrEmpty(status.Error) ? "" : " (" + Markup.Escape(status.Error) + ")")}");

    private async Task ShowSyncStatusAsync(OutlitClient client, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Provider").AddColumn("Connection").AddColumn("Model").AddColumn("Sync").AddColumn("Last synced");
        foreach (var provider in new[] { DirectProvider, BrowserProvider })
        {
            var status = await client.Integrations.GetSyncStatusAsync(provider, cancellationToken);
            if (status.Syncs is not { Count: > 0 })
            {
                table.AddRow(Markup.Escape(status.Name ?? provider.ToString()), StatusMarkup(status.Status.ToString()), "-", "-", "-");
                continue;
            }

            foreach (var sync in status.Syncs)
            {
                table.AddRow(
                    Markup.Escape(status.Name ?? provider.ToString()),
                    StatusMarkup(status.Status.ToString()),
                    Markup.Escape(sync.Model ?? ""),
                    StatusMarkup(sync.Status ?? ""),
                    Markup.Escape(FormatTime(sync.LastSyncedAt)));
            }
        }

        console.Write(table);
    }

    private async Task<CustomerSummary?> ListPayingCustomersAsync(OutlitClient client, CancellationToken cancellationToken)
    {
        var input = new ListCustomersInput { BillingStatus = BillingStatus.Paying, Limit = PageSize, OrderBy = ListCustomersInputOrderBy.MrrCents };
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Page").AddColumn("Customer").AddColumn(new TableColumn("MRR").RightAligned())
            .AddColumn("Owner").AddColumn(new TableColumn("Idle").RightAligned());
        var count = 0;
        CustomerSummary? first = null;

        // The helper fetches the next page only when the loop reaches it, so stopping after a few pages
        // costs exactly those requests.
        await foreach (var customer in client.Tools.ListAllCustomersAsync(input, cancellationToken))
        {
            first ??= customer;
            var page = count / PageSize + 1;
            table.AddRow(
                page.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Shorten(customer.Name ?? customer.Id, 30)),
                // MRR is in cents, like the mrrAbove/mrrBelow filters and the mrr_cents sort key.
                customer.CurrentMrr is { } cents ? "$" + (cents / 100).ToString("#,0", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(customer.Owner?.Name ?? "-"),
                customer.DaysSinceActivity is { } days ? days.ToString(CultureInfo.InvariantCulture) + " d" : "-");
            if (++count == PageSize * PagesToShow)
            {
                break;
            }
        }

        console.Write(table);
        console.MarkupLine($"[grey]{count} paying customers over {(count + PageSize - 1) / PageSize} pages of {PageSize}, highest MRR first (ListAllCustomersAsync follows the cursors).[/]");
        return first;
    }

    private async Task SearchAsync(OutlitClient client, CustomerSummary? customer, CancellationToken cancellationToken)
    {
        // Scoped to the top customer of the previous step when there is one, as an account review would be.
        const string query = "renewal pricing";
        var input = new SearchCustomerContextInput { Query = query, Customer = customer?.Id, TopK = 6 };
        var output = await client.Tools.SearchCustomerContextAsync(input, cancellationToken);
        console.MarkupLine($"Query [italic]\"{Markup.Escape(query)}\"[/] in {(customer is null ? "all customers" : "the context of [bold]" + Markup.Escape(customer.Name ?? customer.Id) + "[/]")}:");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Score").RightAligned()).AddColumn("Kind").AddColumn("What").AddColumn("When");
        foreach (var result in output.Results)
        {
            var (kind, what, when) = result switch
            {
                FactSearchResult fact => ("fact", fact.Fact.Assertion, fact.Fact.OccurredAt ?? fact.Fact.DetectedAt),
                SourceSearchResult source => (source.SourceType.ToString().ToLowerInvariant(), source.Title ?? source.SourceId, source.OccurredAt),
                _ => ("other", result.Matches.FirstOrDefault()?.Text ?? "", result.Matches.FirstOrDefault()?.OccurredAt),
            };
            table.AddRow(
                result.Score.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(kind),
                Markup.Escape(Shorten(what, 48)),
                Markup.Escape(FormatDate(when)));
        }

        console.Write(table);
        console.MarkupLine($"[grey]{output.Results.Count} results.[/]");
    }

    private async Task<int> SendEventsAsync(Target target, OutlitMockServer? mock, CancellationToken cancellationToken)
    {
        if (target.PublicKey is null)
        {
            Skip($"set {QuickstartSettings.PublicKeyVariable} (your pk_ key) to send events to the Ingest API.");
            return 0;
        }

        var failures = new List<IngestEventFailure>();
        using var ingest = new OutlitIngestClient(target.PublicKey, new OutlitIngestClientOptions { BaseUrl = target.BaseUrl });
        var tracker = new OutlitTracker(ingest, new OutlitTrackerOptions
        {
            OnDeliveryFailed = failure =>
            {
                lock (failures)
                {
                    failures.AddRange(failure.Failures);
                }
            },
        });

        var queued = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string kind) => queued[kind] = queued.GetValueOrDefault(kind) + 1;
        var flushClock = Stopwatch.StartNew();
        await using (tracker)
        {
            string[] people = ["ada", "grace", "linus", "margaret", "ken"];
            foreach (var (person, index) in people.Select((p, i) => (p, i)))
            {
                var identity = new TrackerIdentity(Email: $"{person}@example.com", UserId: $"user_{index + 1:000}");
                tracker.Identify(identity, new Dictionary<string, object?> { ["name"] = person, ["plan"] = index % 2 == 0 ? "pro" : "team" }, customerId: "cust_quickstart");
                Count("identify");
                foreach (var page in new[] { "/dashboard", "/reports", "/settings/billing" })
                {
                    tracker.Pageview("https://app.example.com" + page, identity, title: page.TrimStart('/'));
                    Count("pageview");
                }

                tracker.Track("report_exported", identity, new Dictionary<string, object?> { ["format"] = "csv", ["rows"] = 100 * (index + 1) });
                tracker.Track("seat_added", identity, new Dictionary<string, object?> { ["seats"] = index + 2 });
                Count("custom");
                Count("custom");
            }

            await tracker.FlushAsync(cancellationToken);
            flushClock.Stop();

            var byType = new Table().Border(TableBorder.Rounded).AddColumn("Event type").AddColumn(new TableColumn("Queued").RightAligned());
            foreach (var (kind, count) in queued.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                byType.AddRow(kind, count.ToString(CultureInfo.InvariantCulture));
            }

            byType.AddRow("[bold]total[/]", $"[bold]{queued.Values.Sum().ToString(CultureInfo.InvariantCulture)}[/]");

            var delivery = KeyValueTable();
            delivery.AddRow("Public key", QuickstartSettings.Redact(target.PublicKey));
            delivery.AddRow("Sent (accepted)", tracker.SentCount.ToString(CultureInfo.InvariantCulture));
            delivery.AddRow("Failed", tracker.FailedCount == 0 ? "0" : $"[red]{tracker.FailedCount.ToString(CultureInfo.InvariantCulture)}[/]");
            delivery.AddRow("Dropped", tracker.DroppedCount.ToString(CultureInfo.InvariantCulture));
            delivery.AddRow("Still queued", tracker.QueuedCount.ToString(CultureInfo.InvariantCulture));
            if (mock is not null)
            {
                delivery.AddRow("Stored by the mock", mock.ReceivedEvents.Count.ToString(CultureInfo.InvariantCulture));
            }

            delivery.AddRow("Flush time", $"{flushClock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");
            console.Write(new Columns(byType, delivery) { Expand = false });

            if (tracker.FailedCount > 0 || tracker.DroppedCount > 0)
            {
                IngestEventFailure? first;
                lock (failures)
                {
                    first = failures.FirstOrDefault();
                }

                console.MarkupLine($"[red]{tracker.FailedCount} events were not delivered[/]{(first is null ? "" : $"; first: {Markup.Escape(first.Reason.ToString())}: {Markup.Escape(first.Message)}")}");
                return 1;
            }
        }

        return 0;
    }

    private void SkipConnect() =>
        Skip($"against a real organization this would change its integrations; set {QuickstartSettings.ConnectVariable}=1 to run it.");

    private void Skip(string reason)
    {
        skipped++;
        console.MarkupLine($"[grey]Skipped: {Markup.Escape(reason)}[/]");
    }

    private void Heading(int index)
    {
        currentSection = Sections[index];
        console.WriteLine();
        console.Write(new Rule($"[bold teal]{Markup.Escape(currentSection)}[/]").LeftJustified());
    }

    private void ReportError(Exception ex, string kind)
    {
        console.WriteLine();
        var lines = new List<string>
        {
            $"[bold red]{Markup.Escape(kind)}[/] during [bold]{Markup.Escape(currentSection)}[/]",
            Markup.Escape(ex.Message),
        };
        if (ex is OutlitException outlit)
        {
            if (outlit.Status != 0)
            {
                lines.Add($"[grey]HTTP status:[/] {outlit.Status.ToString(CultureInfo.InvariantCulture)}");
            }

            if (outlit.ErrorCode is not null)
            {
                lines.Add($"[grey]Error code:[/] {Markup.Escape(outlit.ErrorCode)}");
            }

            if (outlit.Operation is not null)
            {
                lines.Add($"[grey]Operation:[/] {Markup.Escape(outlit.Operation)}");
            }
        }

        console.Write(new Panel(new Markup(string.Join('\n', lines))).Header("Quickstart failed").BorderColor(Color.Red));
    }

    private static Table KeyValueTable() =>
        new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("Field").AddColumn("Value");

    private static string StatusMarkup(string status) => status.ToLowerInvariant() switch
    {
        "connected" or "completed" or "success" or "synced" => $"[green]{Markup.Escape(status)}[/]",
        "pending" or "syncing" or "in_progress" or "running" => $"[yellow]{Markup.Escape(status)}[/]",
        "failed" or "error" or "expired" => $"[red]{Markup.Escape(status)}[/]",
        _ => Markup.Escape(status),
    };

    private static string FormatTime(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    private static string FormatDate(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private sealed record Target(Uri BaseUrl, string ApiKey, string? PublicKey, bool IsMock);
}
