using System.Net;
using Outlit.Faults.Matrix;

namespace Outlit.Faults;

/// <summary>The sentinel scan finds a secret however a server or the library escaped it, and only then.</summary>
[TestFixture]
public sealed class SentinelTests
{
    private static readonly string Key = Sentinels.ApiKey;

    private static IEnumerable<TestCaseData> Escapings()
    {
        yield return new TestCaseData($"Bearer {Key}").SetName("raw");
        yield return new TestCaseData(Sentinels.EscapeEveryCharacter(Key)).SetName("every character as \\u escape");
        yield return new TestCaseData(Key.Replace("_", "\\u005f", StringComparison.Ordinal)).SetName("only the underscores as \\u escapes");
        yield return new TestCaseData(Key.Replace("_", "\\u005F", StringComparison.Ordinal)).SetName("upper-case hex escapes");
        yield return new TestCaseData(Key.Replace("_", "\\\\u005f", StringComparison.Ordinal)).SetName("escaped twice");
        yield return new TestCaseData(string.Concat(Key.Select(c => $"%{(int)c:X2}"))).SetName("every byte percent-encoded");
        yield return new TestCaseData(WebUtility.UrlEncode("key=" + Key + "&x=1")).SetName("form-encoded");
        yield return new TestCaseData(Key.Replace("_", "&#95;", StringComparison.Ordinal)).SetName("HTML character references");
        yield return new TestCaseData(Uri.EscapeDataString(Sentinels.EscapeEveryCharacter(Key))).SetName("\\u escapes, then percent-encoded");
    }

    [TestCaseSource(nameof(Escapings))]
    public void Finds_the_key_in_any_escaping(string text)
    {
        Assert.That(Sentinels.Find(text), Is.EqualTo(new[] { "API key" }));
    }

    [Test]
    public void Finds_every_secret_of_a_text()
    {
        var text = $"config {{\"apiKey\":\"{Sentinels.ConnectCredential}\"}} step {Sentinels.EscapeEveryCharacter(Sentinels.SetupSecret)}";

        Assert.That(Sentinels.Find(text), Is.EquivalentTo(new[] { "connect credential", "setup secret" }));
    }

    [Test]
    public void Finds_nothing_in_redacted_or_partial_text()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sentinels.Find("Bearer ok_[redacted]"), Is.Empty);
            Assert.That(Sentinels.Find(Key[..^1]), Is.Empty, "a key cut short is not the key");
            Assert.That(Sentinels.Find("%zz \\uzzzz &#xyz;"), Is.Empty, "malformed escapes are left alone");
            Assert.That(Sentinels.Find(null), Is.Empty);
        });
    }

    [Test]
    public void Mask_hides_raw_secrets_for_reports()
    {
        Assert.That(Sentinels.Mask($"a {Key} b"), Is.EqualTo("a «API key» b"));
    }
}
