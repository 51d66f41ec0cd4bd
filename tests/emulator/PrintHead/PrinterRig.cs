using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using PosFirmware.Printing;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>Builds virtual printers and numbered pages for the print-head tests.</summary>
internal static class PrinterRig
{
    /// <summary>
    /// A printer whose driver reads driverProfile (the head's own by default): a driver profile with a
    /// wrong value is how a test makes the driver break a rule. With cutSensorWires the driver cannot see
    /// paper, platen or temperature (<see cref="CutSensorWires"/>); with ignoreHeatWindow the driver is
    /// <see cref="HeatWindowIgnoringDriver"/>.
    /// </summary>
    public static VirtualPrinter Make(MechanismProfile head, MechanismProfile? driverProfile = null, PrintHeadConfig? config = null,
        double volts = 7.2, double sourceOhms = 0.15, double celsius = 25, int spiHertz = 4_000_000, ulong seed = 1, bool cutSensorWires = false,
        bool ignoreHeatWindow = false)
    {
        var board = new VirtualBoard(seed);
        config ??= new PrintHeadConfig();
        config.SupplySourceMilliohms = (int)Math.Round(sourceOhms * 1000);
        var printer = new VirtualPrinter(board, head, new VirtualPrinterOptions
        {
            SupplyVolts = volts,
            SourceOhms = sourceOhms,
            AmbientCelsius = celsius,
            SpiClockHertz = spiHertz,
            DriverProfile = driverProfile,
            Driver = config,
            BuildDriver = !cutSensorWires && !ignoreHeatWindow,
        });
        if (cutSensorWires)
        {
            var driver = new ThermalHeadDriver(driverProfile ?? head, CutSensorWires.Apply(printer.Pins, head, config), config, board.Clock);
            printer.AttachDriver(() => driver);
        }
        else if (ignoreHeatWindow)
        {
            var driver = new HeatWindowIgnoringDriver(driverProfile ?? head, printer.Pins, config, board.Clock);
            printer.AttachDriver(() => driver);
        }
        return printer;
    }

    /// <summary>Prints every line and asserts each was accepted.</summary>
    public static void PrintAll(VirtualPrinter printer, byte[][] lines)
    {
        foreach (var line in lines)
        {
            Assert.Equal(PrintStatus.Ok, printer.Sink.PrintLine(line, 0));
        }
    }

    /// <summary>Prints every line (each accepted), finishes the printer and returns the virtual nanos the lines took.</summary>
    public static long PrintTimed(VirtualPrinter printer, byte[][] lines)
    {
        long start = printer.Board.Clock.NowNanos;
        PrintAll(printer, lines);
        long nanos = printer.Board.Clock.NowNanos - start;
        printer.Finish();
        return nanos;
    }

    /// <summary>Asserts the paper's rows are the page's lines, dot for dot.</summary>
    public static void AssertPaperIs(byte[][] page, PaperStrip paper)
    {
        for (int row = 0; row < page.Length; row++)
        {
            Assert.True(page[row].AsSpan().SequenceEqual(paper.RowBits(row)), $"row {row}");
        }
    }

    /// <summary>
    /// A line that carries its number: a start mark (dots 0-7), then 12 bits of 8 dots each, then its
    /// number's complement as a check. Every such line is black somewhere and unique.
    /// </summary>
    public static byte[] Numbered(int number)
    {
        var line = new byte[48];
        line[0] = 0xFF;
        for (int bit = 0; bit < 12; bit++)
        {
            bool one = ((number >> bit) & 1) != 0;
            line[1 + bit] = one ? (byte)0xFF : (byte)0;
            line[14 + bit] = one ? (byte)0 : (byte)0xFF;
        }
        return line;
    }

    /// <summary>The numbers of the printed rows that are not blank, in paper order; -1 for an unreadable row.</summary>
    public static List<int> ReadNumbers(PaperStrip paper)
    {
        var numbers = new List<int>();
        for (int row = 0; row < paper.Height; row++)
        {
            var bits = paper.RowBits(row);
            if (bits.All(b => b == 0))
            {
                continue;
            }
            int n = 0;
            bool ok = bits[0] == 0xFF;
            for (int bit = 0; bit < 12; bit++)
            {
                bool one = bits[1 + bit] == 0xFF;
                ok &= one ? bits[14 + bit] == 0 : bits[14 + bit] == 0xFF && bits[1 + bit] == 0;
                n |= one ? 1 << bit : 0;
            }
            numbers.Add(ok ? n : -1);
        }
        return numbers;
    }
}
