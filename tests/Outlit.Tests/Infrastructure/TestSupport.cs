using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outlit.Tests.Infrastructure;

/// <summary>
/// Collects every log line and exception text the tests produce, so one check at the end of the run can
/// prove the sentinel API key never appears in any of them.
/// </summary>
public static class LeakRecorder
{
    /// <summary>A key no real account has; every test client uses it, so a leak anywhere shows up as this string.</summary>
    public const string SentinelKey = "ok_SENTINEL_9d41c7e2_must_never_leak";

    private static readonly List<string> Texts = new();

    /// <summary>How many texts were recorded so far.</summary>
    public static int Count
    {
        get
        {
            lock (Texts)
            {
                return Texts.Count;
            }
        }
    }

    /// <summary>The texts recorded from position <paramref name="start"/> on.</summary>
    public static IReadOnlyList<string> Since(int start)
    {
        lock (Texts)
        {
            return Texts.Skip(start).ToArray();
        }
    }

    /// <summary>Records a text that users could see (log line, exception message, ToString()).</summary>
    public static void Record(string? text)
    {
        if (text is not null)
        {
            lock (Texts)
            {
                Texts.Add(text);
            }
        }
    }

    /// <summary>Records an exception's message and full ToString(), inner exceptions included.</summary>
    public static void Record(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            Record(current.Message);
        }

        Record(exception.ToString());
        if (exception is OutlitException outlit)
        {
            Record(outlit.ServerMessage);
            Record(outlit.RawBodySnippet);
            foreach (var detail in outlit.Details)
            {
                Record(detail.ToString());
            }
        }
    }
}

/// <summary>A logger provider keeping formatted lines (with exceptions) in memory, per provider and in <see cref="LeakRecorder"/>.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Lines logged through this provider.</summary>
    public IReadOnlyList<string> Lines => lines.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " | " + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            if (exception is not null)
            {
                line += " | " + exception;
            }

            owner.lines.Enqueue(line);
            LeakRecorder.Record(line);
        }
    }
}

/// <summary>
/// A clock whose timers fire at once while remembering the delay asked for: retry waits are asserted
/// without sleeping. Only for tests that switch the pipeline's timeouts off (their timers would fire at once too).
/// </summary>
public sealed class RecordingTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> delays = new();

    /// <summary>Every positive timer due time requested, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => delays.ToArray();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Builds clients wired to a loopback server with the sentinel key, zero retry delays and captured logs.</summary>
public static class TestClients
{
    /// <summary>Options pointing at <paramref name="server"/> with test-friendly retry settings.</summary>
    public static OutlitClientOptions Options(LoopbackServer server, CapturingLoggerProvider? logs = null) => Options(server.BaseAddress, logs);

    /// <summary>Options pointing at <paramref name="baseUrl"/> with test-friendly retry settings.</summary>
    public static OutlitClientOptions Options(Uri baseUrl, CapturingLoggerProvider? logs = null) => new()
    {
        ApiKey = LeakRecorder.SentinelKey,
        BaseUrl = baseUrl,
        MaxRetries = 3,
        BaseDelay = TimeSpan.Zero,
        MaxDelay = TimeSpan.Zero,
        AttemptTimeout = TimeSpan.FromSeconds(20),
        TotalTimeout = TimeSpan.FromSeconds(60),
        LoggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs ?? new CapturingLoggerProvider())),
    };

    /// <summary>A client for <paramref name="server"/>, optionally adjusted.</summary>
    public static OutlitClient Create(LoopbackServer server, Action<OutlitClientOptions>? configure = null, CapturingLoggerProvider? logs = null) =>
        Create(server.BaseAddress, logs, configure);

    /// <summary>A client for <paramref name="baseUrl"/>, optionally adjusted.</summary>
    public static OutlitClient Create(Uri baseUrl, CapturingLoggerProvider? logs, Action<OutlitClientOptions>? configure = null)
    {
        var options = Options(baseUrl, logs);
        configure?.Invoke(options);
        var client = new OutlitClient(options);
        LeakRecorder.Record(client.ToString());
        LeakRecorder.Record(options.ToString());
        return client;
    }

    /// <summary>Runs <paramref name="call"/>, expects <typeparamref name="T"/> and records the exception for the leak scan.</summary>
    public static async Task<T> ThrowsAsync<T>(Func<Task> call) where T : Exception
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            LeakRecorder.Record(ex);
            Assert.That(ex, Is.InstanceOf<T>(), () => $"Expected {typeof(T).Name} but got {ex}");
            return (T)ex;
        }

        Assert.Fail($"Expected {typeof(T).Name} but the call succeeded.");
        throw new InvalidOperationException("unreachable");
    }
}
