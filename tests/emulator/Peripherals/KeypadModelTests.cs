using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Hal;
using Xunit;

namespace PosFirmware.Tests.Emulator.Peripherals;

public class KeypadModelTests
{
    [Fact]
    public void Scripted_presses_arrive_at_their_virtual_times_in_order()
    {
        var clock = new VirtualClock();
        var keypad = new KeypadModel(clock);
        long last = keypad.Type("12E", 1_000_000, 500_000);
        Assert.Equal(2_000_000, last);
        clock.RunUntil(999_999);
        Assert.Equal(KeyCode.None, keypad.ReadKey());
        clock.RunUntil(1_500_000);
        Assert.Equal(KeyCode.Digit1, keypad.ReadKey());
        Assert.Equal(KeyCode.Digit2, keypad.ReadKey());
        Assert.Equal(KeyCode.None, keypad.ReadKey());
        clock.RunUntil(2_000_000);
        Assert.Equal(KeyCode.Enter, keypad.ReadKey());
    }

    [Fact]
    public void Presses_beyond_the_queue_are_lost_and_counted()
    {
        var keypad = new KeypadModel(new VirtualClock(), capacity: 2);
        keypad.Press(KeyCode.Digit1);
        keypad.Press(KeyCode.Digit2);
        keypad.Press(KeyCode.Digit3);
        Assert.Equal(1, keypad.Overflows);
        Assert.Equal(KeyCode.Digit1, keypad.ReadKey());
        Assert.Equal(KeyCode.Digit2, keypad.ReadKey());
        Assert.Equal(KeyCode.None, keypad.ReadKey());
    }

    [Fact]
    public void Every_script_letter_maps_to_its_key_and_an_unknown_letter_is_refused()
    {
        Assert.Equal(
            new[] { KeyCode.Digit0, KeyCode.Digit9, KeyCode.Enter, KeyCode.Cancel, KeyCode.Backspace, KeyCode.Clear, KeyCode.Menu, KeyCode.Up, KeyCode.Down },
            KeypadModel.ParseScript("09 EXBCMUD"));
        Assert.Throws<FormatException>(() => KeypadModel.ParseScript("1Q"));
    }
}
