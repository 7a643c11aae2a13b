using NUnit.Framework.Interfaces;
using Outlit.Tests.Infrastructure;

[assembly: Outlit.Tests.NoKeyLeak]

namespace Outlit.Tests;

/// <summary>
/// Applied to every test of the assembly: after each test, whatever it logged or threw (recorded by
/// <see cref="LeakRecorder"/>) must not contain the sentinel API key, or that test fails.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NoKeyLeakAttribute : Attribute, ITestAction
{
    private static readonly AsyncLocal<int> Start = new();

    /// <inheritdoc />
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc />
    public void BeforeTest(ITest test) => Start.Value = LeakRecorder.Count;

    /// <inheritdoc />
    public void AfterTest(ITest test)
    {
        var texts = LeakRecorder.Since(Start.Value);
        var leaks = texts.Where(text => text.Contains(LeakRecorder.SentinelKey, StringComparison.Ordinal)).ToList();
        Assert.That(leaks, Is.Empty, () => $"The API key leaked into {leaks.Count} of {texts.Count} texts this test produced, e.g.: {leaks.FirstOrDefault()}");
    }
}
