using PosFirmware.Hal;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// Measures what the driver alone allocates per dot line: the driver on the thinnest preallocated hardware
/// (a counting clock, pins that only store), so the figure is the driver's and not the emulator models'.
/// </summary>
public static class DriverAllocationProbe
{
    /// <summary>Bytes allocated on this thread per dot line over a steady-state print of lines lines.</summary>
    public static double BytesPerLine(MechanismProfile profile, int lines = 2000) => BytesPerLine(profile, lines, () => new StorePulse());

    /// <summary>
    /// The same with the strobe outputs made by strobe: a test hands in one that allocates per pulse to
    /// show the probe sees what is allocated inside a print.
    /// </summary>
    public static double BytesPerLine(MechanismProfile profile, int lines, Func<IPulseOutput> strobe)
    {
        var clock = new CountingClock();
        var pins = new PrintHeadPins
        {
            Data = new StoreSpi(),
            // LAT on an RMT channel, as on the terminal's board.
            LatchPulse = strobe(),
            Strobes = new IPulseOutput[profile.StrobeBlocks],
            MotorPhases = new PinByPinPort(new IDigitalOutput[] { new StorePin(), new StorePin(), new StorePin(), new StorePin() }),
            Thermistor = new FixedAdc(2475), // 30 k NTC at 25 degC under a 10 k pull-up from 3.3 V
            Supply = new FixedAdc(1800),     // 7.2 V through the 30 k / 10 k divider
            PaperOut = new FixedInput(),
            PlatenOpen = new FixedInput(),
            HeadPower = new StorePin(),
        };
        for (int i = 0; i < pins.Strobes.Length; i++)
        {
            pins.Strobes[i] = strobe();
        }
        var driver = new ThermalHeadDriver(profile, pins, new PrintHeadConfig { SupplySourceMilliohms = 0 }, clock);
        var page = TestPages.Dense(profile.DotsPerLine, 64, 7);
        for (int i = 0; i < 64; i++)
        {
            driver.PrintLine(page[i], 0); // warm-up: first-call costs are not steady state
        }
        // The least of three rounds: an allocation in the driver's steady state shows in every round,
        // while the runtime's own one-off work on this thread (a method tiering up on a wall-clock timer,
        // which a loaded machine delays into the measured loop) shows in one at most.
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < lines; i++)
            {
                driver.PrintLine(page[i % page.Length], 0);
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least / (double)lines;
    }

    private sealed class CountingClock : IClock
    {
        public long NowMicros { get; private set; }

        public void DelayMicros(long micros)
        {
            if (micros > 0)
            {
                NowMicros += micros;
            }
        }
    }

    private sealed class StoreSpi : ISpiBus
    {
        public int ClockHertz => 4_000_000;

        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }

    private sealed class StorePin : IDigitalOutput
    {
        public bool Level { get; private set; }

        public void Write(bool high) => Level = high;
    }

    private sealed class StorePulse : IPulseOutput
    {
        public bool Busy => false;

        public void Pulse(int widthMicros)
        {
        }

        public void PulseAt(long riseMicros, int widthMicros)
        {
        }
    }

    private sealed class FixedAdc : IAdcChannel
    {
        private readonly int _millivolts;

        public FixedAdc(int millivolts) => _millivolts = millivolts;

        public int ReadMillivolts() => _millivolts;
    }

    private sealed class FixedInput : IDigitalInput
    {
        public bool Read() => false;

        public void SetEdgeHandler(PinEdgeHandler handler)
        {
        }
    }
}
