using PosFirmware.Crypto;
using Xunit;

namespace PosFirmware.Tests.Firmware.Crypto;

public class KeyLoadStatusTests
{
    [Fact]
    public void Every_key_load_status_has_its_own_words()
    {
        var texts = Enum.GetValues<KeyLoadStatus>().Select(WorkingKeys.Describe).ToList();
        Assert.DoesNotContain("unknown working-key status", texts);
        Assert.Equal(texts.Count, texts.Distinct().Count());
    }
}
