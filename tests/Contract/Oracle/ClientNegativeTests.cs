using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Generation;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>
/// Invalid input meets the real client and Prism: what the server refuses comes back as the documented
/// typed error, and what the client can keep within the contract (batch size, body size) it does, so
/// Prism sees no violation.
/// </summary>
[TestFixture]
public sealed class ClientNegativeTests
{
    private PrismServer _prism = null!;

    [OneTimeSetUp]
    public async Task StartPrismAsync() => _prism = await PrismServer.StartAsync();

    [Test]
    public async Task AProviderOutsideTheEnumIsRefusedAsAValidationError()
    {
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var client = PlatformClient(recorder);

        var error = await CatchAsync(() => client.Integrations.DisconnectAsync(new ProviderId("myspace")));

        // Either the client refuses it before sending, or Prism refuses it (400 with a violation) and the
        // client surfaces the documented validation error; it must not pass as a success.
        TestContext.Out.WriteLine($"{recorder.Exchanges.Count} requests sent; {error?.GetType().Name}: {error?.Message}");
        Assert.That(error, Is.Not.Null, "disconnecting an unknown provider succeeded");
        if (recorder.Exchanges.Count == 0)
        {
            Assert.That(error, Is.InstanceOf<ArgumentException>().Or.InstanceOf<OutlitValidationException>());
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(recorder.Exchanges[0].Violations, Has.Some.StartsWith("request.body.provider"));
                Assert.That(error, Is.InstanceOf<OutlitValidationException>().With.Property(nameof(OutlitException.Status)).EqualTo(400));
            });
        }
    }

    [Test]
    public async Task ToolInputOutsideItsBoundsIsRefusedAsAValidationError()
    {
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var client = PlatformClient(recorder);

        // Prism sees the tool input as an open object, so it is asked for the documented 400 here; the point
        // is that the client does not retry it and surfaces the server's field-level details.
        var error = await ViolationRecorder.WithPreferAsync(
            ViolationRecorder.PreferValue("400", "invalidToolInput"),
            () => CatchAsync(() => client.Tools.ListCustomersAsync(new ListCustomersInput { Limit = 5000 })));

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<OutlitValidationException>());
            // The current envelope names the field in its message; the older body listed it in details.
            Assert.That(((OutlitException)error!).ServerMessage, Does.Contain("limit"));
            Assert.That(recorder.Exchanges, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task MoreThanOneHundredEventsAreSplitIntoBatchesWithinTheLimit()
    {
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var ingest = IngestClient(recorder);
        var events = Enumerable.Range(0, 250)
            .Select(i => (IngestEvent)new PageviewEvent { Url = new Uri("https://www.example.com/p/" + i), Path = "/p/" + i, Timestamp = 1_775_844_131_000 + i })
            .ToList();

        var result = await ingest.SendAsync(events);

        var ingestOperation = ContractDocument.Instance.Operations.Single(o => o.Id == "ingestEvents");
        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True, string.Join("; ", result.Failures));
            Assert.That(result.AcceptedCount, Is.EqualTo(250));
            Assert.That(recorder.Exchanges, Has.Count.EqualTo(3));
            Assert.That(recorder.Exchanges.SelectMany(e => e.Violations), Is.Empty);
            Assert.That(recorder.Exchanges.SelectMany(e => RequestBodyCheck.Check(ingestOperation, e.RequestBody!)), Is.Empty);
        });
    }

    [Test]
    public async Task AnEventLargerThanTheBodyLimitIsReportedAndNeverSent()
    {
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var ingest = IngestClient(recorder);
        var limit = RequestBodyCheck.MaxBodyBytes(ContractDocument.Instance.Operations.Single(o => o.Id == "ingestEvents"))!.Value;
        var huge = new CustomEvent { EventName = "bulk", Properties = new Dictionary<string, object> { ["blob"] = new string('x', (int)limit) } };
        var small = new CustomEvent { EventName = "small" };

        var result = await ingest.SendAsync([huge, small]);

        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.EqualTo(1));
            Assert.That(result.Failures.Select(f => (f.Index, f.Reason)), Is.EqualTo(new[] { (0L, IngestFailureReason.TooLarge) }));
            Assert.That(recorder.Exchanges.Select(e => e.RequestBody?.Length ?? 0), Has.All.LessThanOrEqualTo(limit));
            Assert.That(recorder.Exchanges.SelectMany(e => e.Violations), Is.Empty);
        });
    }

    [Test]
    public async Task FakedToolInputsSentByTheClientSatisfyTheirInputSchemas()
    {
        // What goes on the wire is what the tool contract judges: the typed tool methods serialize the
        // inputs themselves, so their output is checked here, per tool, with faked inputs.
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var client = PlatformClient(recorder);
        var failures = new List<string>();

        foreach (var tool in ContractDocument.Instance.Tools)
        {
            var faker = new SchemaFaker(ContractDocument.Instance, SchemaFaker.SeedFor(tool.InputSchema));
            var inputType = GeneratedTypes.ForComponent(tool.InputSchema)!;
            var method = typeof(OutlitTools).GetMethods()
                .Single(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    && m.GetParameters() is [var first, _] && first.ParameterType == inputType);
            for (var i = 0; i < 3; i++)
            {
                var input = GeneratedTypes.Deserialize(faker.ValidComponent(tool.InputSchema)!.ToJsonString(), inputType);
                var before = recorder.Exchanges.Count;
                await CatchAsync(() => (Task)method.Invoke(client.Tools, [input, CancellationToken.None])!);
                foreach (var exchange in recorder.Exchanges.Skip(before))
                {
                    var sent = JsonNode.Parse(exchange.RequestBody!)!["input"];
                    failures.AddRange(exchange.Violations.Select(v => $"{tool.Name} seed {faker.Seed}: {v}"));
                    failures.AddRange(ContractDocument.Instance.Validator.ValidateComponent(sent, tool.InputSchema)
                        .Select(e => $"{tool.Name} seed {faker.Seed}: {e} in {sent?.ToJsonString()}"));
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(recorder.Exchanges, Has.Count.EqualTo(ContractDocument.Instance.Tools.Count * 3));
        });
    }

    private OutlitClient PlatformClient(ViolationRecorder recorder) => new(new OutlitClientOptions
    {
        ApiKey = ClientMatrix.TestApiKey,
        BaseUrl = _prism.BaseAddress,
        HttpMessageHandler = recorder,
        MaxRetries = 0,
    });

    private OutlitIngestClient IngestClient(ViolationRecorder recorder) => new(
        OperationPlan.ParameterExample(ContractDocument.Instance.Operations.Single(o => o.Id == "ingestEvents"), "publicKey"),
        new HttpClient(recorder),
        new OutlitIngestClientOptions { BaseUrl = _prism.BaseAddress, MaxRetries = 0 });

    private static async Task<Exception?> CatchAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Exception e) when (e is not AssertionException)
        {
            return e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
        }
    }
}
