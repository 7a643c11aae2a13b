namespace Outlit.Tests.Errors;

/// <summary>Short values the server chooses (codes, plan names) are redacted only when they hold a secret of the call.</summary>
public class RedactValueTests
{
    private static readonly string[] Secrets = ["ok_live_key_1234", "whsec_step_secret_99"];

    [TestCase("api_limit_exceeded")]
    [TestCase("book_limit_exceeded")]
    [TestCase("ok_looking_but_not_a_secret")]
    public void AValueWithoutASecretIsKeptAsSent(string code)
    {
        Assert.That(OutlitRedactor.RedactValue(code, Secrets), Is.SameAs(code));
    }

    [TestCase("whsec_step_secret_99")]
    [TestCase("whsec\\u005fstep\\u005fsecret\\u005f99")]
    [TestCase("prefix ok%5Flive%5Fkey%5F1234")]
    public void ASecretInAnyEscapingIsRedacted(string value)
    {
        Assert.That(OutlitRedactor.RedactValue(value, Secrets), Does.Contain("[redacted]").And.Not.Contain("secret_99").And.Not.Contain("key_1234"));
    }
}
