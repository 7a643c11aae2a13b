using System.Collections.Concurrent;
using System.Reflection;
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
    private int events;

    /// <summary>Every text recorded.</summary>
    public IReadOnlyList<string> Texts => texts.ToArray();

    /// <summary>How many of the texts are log lines.</summary>
    public int LogLines => Volatile.Read(ref logLines);

    /// <summary>How many of the texts are events of the <c>Outlit</c> EventSource.</summary>
    public int Events => Volatile.Read(ref events);

    /// <summary>Records an event of the <c>Outlit</c> EventSource (its formatted message and every payload value).</summary>
    /// <param name="text">The event as text.</param>
    public void AddEvent(string text)
    {
        Interlocked.Increment(ref events);
        Add(text);
    }

    /// <summary>Records a text.</summary>
    /// <param name="text">The text; null is ignored.</param>
    public void Add(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            texts.Enqueue(text);
        }
    }

    /// <summary>
    /// Records an exception's <c>ToString()</c> and, for it and each inner exception, its message, every public
    /// property a caller can read (an <see cref="OutlitException"/>'s server message, code, plan, request id, body
    /// snippet, details, redirect target, …: found by reflection, so a property added later is scanned too) and its
    /// <see cref="Exception.Data"/>.
    /// </summary>
    /// <param name="exception">The exception.</param>
    public void Add(Exception exception)
    {
        Add(exception.ToString());
        for (var current = exception; current is not null; current = current.InnerException)
        {
            Add(current.Message);
            foreach (var property in current.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.Name is nameof(Exception.InnerException) or nameof(Exception.TargetSite) or nameof(Exception.StackTrace) or nameof(Exception.Data))
                {
                    continue;
                }

                switch (property.GetValue(current))
                {
                    case string text:
                        Add(text);
                        break;
                    case System.Collections.IEnumerable items:
                        foreach (var item in items)
                        {
                            Add(item?.ToString());
                        }

                        break;
                    case { } value:
                        Add(value.ToString());
                        break;
                }
            }

            foreach (System.Collections.DictionaryEntry entry in current.Data)
            {
                Add($"{entry.Key}={entry.Value}");
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
