using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Outlit.Faults.Matrix;

/// <summary>
/// Everything one cell produced that a person could read: log lines at every level (with their structured
/// values and exceptions), exception texts, failure messages, drift findings. The sentinel scan reads it.
/// </summary>
public sealed class CellLog : ILoggerFactory
{
    private readonly ConcurrentQueue<string> texts = new();
    private int logLines;

    /// <summary>Every text recorded.</summary>
    public IReadOnlyList<string> Texts => texts.ToArray();

    /// <summary>How many of the texts are log lines.</summary>
    public int LogLines => Volatile.Read(ref logLines);

    /// <summary>Records a text.</summary>
    /// <param name="text">The text; null is ignored.</param>
    public void Add(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            texts.Enqueue(text);
        }
    }

    /// <summary>Records an exception's message and <c>ToString()</c>, each inner exception's message, and an <see cref="OutlitException"/>'s server message, body snippet and details.</summary>
    /// <param name="exception">The exception.</param>
    public void Add(Exception exception)
    {
        Add(exception.ToString());
        for (var current = exception; current is not null; current = current.InnerException)
        {
            Add(current.Message);
            if (current is OutlitException outlit)
            {
                Add(outlit.ServerMessage);
                Add(outlit.RawBodySnippet);
                foreach (var detail in outlit.Details)
                {
                    Add(detail.ToString());
                }
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.Skip(1))
                {
                    Add(inner);
                }
            }
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CellLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Every level: a secret logged only at Trace is still written somewhere in production.
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " | " + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            Interlocked.Increment(ref owner.logLines);
            owner.Add(line);
            if (exception is not null)
            {
                owner.Add(exception);
            }
        }
    }
}
