using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using PosFirmware.Tests.Emulator.PrintHead;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.PrintHead;

/// <summary>
/// A pass's strobe width is kept from the pass before when its corrected time and the settings that scale
/// and bound it are the same (a run of alike lines at a steady pace): a setting changed between lines must
/// still reach the very next pulse.
/// </summary>
public class StrobeWidthTests
{
    /// <summary>Every strobe pulse's width in us, in the order they fell, on every block.</summary>
    private static List<long> RecordWidths(VirtualPrinter printer)
    {
        var widths = new List<long>();
        StrobePulses.Watch(printer, (_, _) => { }, (_, rise, fall) => widths.Add((fall - rise) / 1000));
        return widths;
    }

    private static byte[] Line()
    {
        var line = new byte[48];
        line[0] = 0x80;
        line[20] = 0xFF;
        line[47] = 0x01;
        return line;
    }

    [Fact]
    public void A_fixed_heat_and_an_energy_percent_set_between_alike_lines_reach_the_next_pulses()
    {
        var config = new PrintHeadConfig();
        var printer = PrinterRig.Make(Profiles.Seiko(), config: config);
        var widths = RecordWidths(printer);
        var line = Line();
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        Assert.DoesNotContain(123L, widths);
        config.FixedHeatMicros = 123;
        int from = widths.Count;
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        Assert.True(widths.Count > from + 30, "the lines fired");
        Assert.All(widths.Skip(from), w => Assert.Equal(123, w));
        config.EnergyPercent = 50;
        from = widths.Count;
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
        // 123 us at half the energy, rounded to the nearest microsecond as the driver rounds it: 61.5 + 0.5.
        Assert.True(widths.Count > from + 30, "the lines fired");
        Assert.All(widths.Skip(from), w => Assert.Equal(62, w));
        printer.Finish();
        Assert.Equal(0, printer.Checker.Total);
    }
}
