using System.Diagnostics;
using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.Emulator.Printing;
using PosFirmware.Print;
using PosFirmware.PrintHead;
using PosFirmware.Terminal;
using PosFirmware.Tests.Drivers.Scanner;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>Damaged printer files on the flash: the loader reports every one as an error or brings the printer up, never throws.</summary>
public class PrinterLoaderFuzzTests
{
    [Fact]
    public void Mutated_profile_and_font_files_never_crash_the_boot()
    {
        ulong seed = FuzzSeed.From("PRINTER_FUZZ_SEED", 20261122);
        double budget = double.TryParse(Environment.GetEnvironmentVariable("PRINTER_FUZZ_SECONDS"), out double s) ? s : 1.5;
        var random = new SimRandom(seed);
        var board = new VirtualBoard(seed);
        var printer = new VirtualPrinter(board, ProfileLibrary.Load(ProfileLibrary.Primary), new VirtualPrinterOptions { BuildDriver = false });
        var config = new TerminalConfig();
        byte[] profile = Encoding.UTF8.GetBytes(ProfileLibrary.Text(ProfileLibrary.Primary));
        byte[] font = PrinterFonts.Load(PrinterFonts.Level1Gb2312);
        var loader = new PrinterLoader(board.Flash, config);
        var clock = Stopwatch.StartNew();
        int cases = 0, errors = 0, up = 0;
        while (clock.Elapsed.TotalSeconds < budget || cases < 50)
        {
            cases++;
            var image = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [config.PrintHeadProfileFile] = Mutate(profile, random, digitsOnly: random.Chance(0.5)),
                [config.PrintFontFile] = random.Chance(0.3) ? Mutate(font[..Math.Min(font.Length, 64 + random.Next(4096))], random, false) : font,
            };
            board.Flash.Load(image);
            bool loaded = false;
            ThermalHeadDriver? driver = null;
            PrintQueue? queue = null;
            try
            {
                loaded = loader.TryLoad(printer.Pins, null, board.Clock, out driver, out queue);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {cases} of PRINTER_FUZZ_SEED={seed}: {e.GetType().Name}: {e.Message}");
            }
            if (!loaded)
            {
                errors++;
                Assert.False(string.IsNullOrWhiteSpace(loader.Message));
                Assert.Null(queue);
            }
            else
            {
                up++;
                Assert.Null(loader.Message);
                Assert.NotNull(driver);
                Assert.NotNull(queue);
                try
                {
                    queue.Submit(Job, 0, Job.Length);
                    driver.Stop();
                }
                catch (Exception e)
                {
                    Assert.Fail($"case {cases} of PRINTER_FUZZ_SEED={seed}: printing with a profile that loaded threw {e.GetType().Name}: {e.Message}");
                }
            }
        }
        Assert.True(errors > 0 && up > 0, $"PRINTER_FUZZ_SEED={seed}: {cases} cases, {errors} errors, {up} up: the mutations should hit both");
    }

    private static readonly byte[] Job = Encoding.UTF8.GetBytes("\u001b@Fuzz 12.34\n\u001bJ\u0010");

    // Digit changes keep the profile parseable more often (so values reach the driver's own checks);
    // byte changes, cuts and NULs test the file handling.
    private static byte[] Mutate(byte[] original, SimRandom random, bool digitsOnly)
    {
        var bytes = (byte[])original.Clone();
        int edits = 1 + random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(bytes.Length);
            if (digitsOnly)
            {
                if (bytes[at] >= '0' && bytes[at] <= '9')
                {
                    bytes[at] = (byte)('0' + random.Next(10));
                }
            }
            else
            {
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 1:
                        bytes = bytes[..at];
                        break;
                    default:
                        bytes[at] = 0;
                        break;
                }
                if (bytes.Length == 0)
                {
                    break;
                }
            }
        }
        return bytes;
    }
}
