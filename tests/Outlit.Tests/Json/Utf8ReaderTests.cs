using System.Text;
using Newtonsoft.Json.Linq;

namespace Outlit.Tests.Json;

/// <summary>The body decoder the JSON reader reads through: every UTF-8 body reads as the text it encodes.</summary>
public class Utf8ReaderTests
{
    [TestCase(false, TestName = "A UTF-8 body with characters cut across reads decodes whole")]
    [TestCase(true, TestName = "A UTF-8 body after a byte order mark decodes whole")]
    public void ABodyDecodesToTheTextItEncodes(bool byteOrderMark)
    {
        // Four-byte, three-byte and two-byte characters, repeated past several 4 KB reads so some are cut in two.
        var value = string.Concat(Enumerable.Repeat("🙂€é-", 3000));
        var json = new JObject { ["name"] = value }.ToString(Newtonsoft.Json.Formatting.None);
        var bytes = (byteOrderMark ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(json)).ToArray();

        var read = OutlitJson.Deserialize<JObject>(new MemoryStream(bytes));

        Assert.That((string?)read!["name"], Is.EqualTo(value));
    }

    [Test]
    public void AUtf16BodyWithAByteOrderMarkStillReads()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("""{"name":"Ada"}""")).ToArray();

        var read = OutlitJson.Deserialize<JObject>(new MemoryStream(bytes));

        Assert.That((string?)read!["name"], Is.EqualTo("Ada"));
    }

    [Test]
    public void ABodyCutInsideACharacterGivesTheReplacementCharacterNotAnError()
    {
        var bytes = Encoding.UTF8.GetBytes("\"€").Concat(new byte[] { 0xE2, 0x82 }).Concat("\""u8.ToArray()).ToArray();

        var read = OutlitJson.Deserialize<string>(new MemoryStream(bytes));

        Assert.That(read, Does.StartWith("€").And.Contain("\uFFFD"));
    }
}
