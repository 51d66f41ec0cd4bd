using System.Text;
using PosFirmware.Device;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Device;

public class WifiConfigFileTests
{
    private static FaultyStore Store(string? text)
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1));
        var files = new Dictionary<string, byte[]>();
        if (text != null)
        {
            files[WifiConfigFile.FileName] = Encoding.ASCII.GetBytes(text);
        }
        flash.Load(files);
        return new FaultyStore(flash);
    }

    [Fact]
    public void A_good_file_on_the_flash_gives_the_credentials()
    {
        var config = WifiConfigFile.Load(Store("# shop\nssid = ShopNet\npassword = pass#word=1\n"));
        Assert.Null(config.Error);
        Assert.Equal("ShopNet", config.Ssid);
        Assert.Equal("pass#word=1", config.Password);
    }

    [Fact]
    public void A_missing_file_says_where_the_credentials_go()
    {
        var config = WifiConfigFile.Load(Store(null));
        Assert.Null(config.Ssid);
        Assert.StartsWith("wifi.config is missing: put the Wi-Fi ssid and password there", config.Error);
    }

    [Fact]
    public void An_oversized_file_is_refused_before_it_is_parsed()
    {
        var config = WifiConfigFile.Load(Store("ssid = ShopNet\npassword = secret12\n" + new string('#', WifiConfigFile.MaxFileBytes)));
        Assert.Null(config.Ssid);
        Assert.Contains("larger than " + WifiConfigFile.MaxFileBytes, config.Error);
    }

    [Fact]
    public void A_flash_error_while_reading_is_an_error_not_an_exception()
    {
        var store = Store("ssid = ShopNet\npassword = secret12\n");
        store.ReadErrors.Add(WifiConfigFile.FileName);
        var config = WifiConfigFile.Load(store);
        Assert.Null(config.Ssid);
        Assert.Equal("wifi.config: read error at wifi.config", config.Error);
    }
}
