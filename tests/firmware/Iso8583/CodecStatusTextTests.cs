using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Firmware.Iso8583;

public class CodecStatusTextTests
{
    [Fact]
    public void Every_codec_status_has_its_own_words()
    {
        var texts = Enum.GetValues<CodecStatus>().Select(CodecStatusText.Describe).ToList();
        Assert.DoesNotContain("unknown status", texts);
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Equal("unknown status", CodecStatusText.Describe((CodecStatus)99));
    }
}
