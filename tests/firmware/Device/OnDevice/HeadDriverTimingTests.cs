using nanoFramework.TestFramework;
using PosFirmware.Device;
using PosFirmware.Hal;
using PosFirmware.PrintHead;
using PosFirmware.Printing;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// The head driver's CPU time per dot line on the real chip: ThermalHeadDriver from the shared sources
    /// on the board's real outputs (SPI DMA, RMT latch and strobes, motor phases; no head needs to be fitted),
    /// with fixed sensor readings (room temperature, mid supply, paper in, platen closed) so no fault stops
    /// it. The time the driver spends waiting in IClock.DelayMicros is subtracted; what is left is the CPU
    /// work per line, printed for comparing with the emulator, and it must fit in the line period at the
    /// mechanism's fastest motor rate, or the interpreter could not keep the motor at speed.
    /// </summary>
    [TestClass]
    public class HeadDriverTimingTests
    {
        private const int Lines = 200;

        [TestMethod]
        public void Per_line_cpu_time_fits_the_fastest_line_period()
        {
            LittleFsStore store = new LittleFsStore(TestWiring.Drive);
            int size = store.SizeOf("printhead.profile");
            Assert.IsTrue(size > 0, "printhead.profile deployed to I:\\ (firmware/Device/deploy.json)");
            byte[] text = new byte[size];
            store.Read("printhead.profile", 0, text, 0, size);
            MechanismProfile profile;
            Assert.IsTrue(MechanismProfileFile.TryParse(MechanismProfileFile.CreateReader(), text, 0, size, out profile), "profile parses");
            PrintHeadConfig config = new PrintHeadConfig();
            MeasuringClock clock = new MeasuringClock(new HighResClock());
            SpiBus data = new SpiBus(1, 4000000);
            RmtPulse[] strobes = new RmtPulse[profile.StrobeBlocks];
            RmtPulse latch = null;
            System.Device.Gpio.GpioController gpio = new System.Device.Gpio.GpioController();
            try
            {
                PrintHeadPins pins = new PrintHeadPins();
                pins.Data = data;
                latch = new RmtPulse(PinMap.HeadLatch, clock, true);
                pins.LatchPulse = latch;
                pins.HeadPower = new GpioOutput(gpio, PinMap.HeadPowerEnable, false);
                pins.Strobes = new IPulseOutput[strobes.Length];
                for (int i = 0; i < strobes.Length; i++)
                {
                    strobes[i] = new RmtPulse(PinMap.HeadStrobes[i], clock);
                    pins.Strobes[i] = strobes[i];
                }
                IDigitalOutput[] motor = new IDigitalOutput[PinMap.HeadMotor.Length];
                for (int i = 0; i < PinMap.HeadMotor.Length; i++)
                {
                    motor[i] = new GpioOutput(gpio, PinMap.HeadMotor[i], false);
                }
                pins.MotorPhases = new PinByPinPort(motor);
                pins.Thermistor = new FixedAdc(RoomTemperatureMillivolts(profile, config));
                pins.Supply = new FixedAdc(MidSupplyMillivolts(profile, config));
                pins.PaperOut = new FixedInput(false);
                pins.PlatenOpen = new FixedInput(false);
                ThermalHeadDriver driver = new ThermalHeadDriver(profile, pins, config, clock);
                byte[] line = new byte[profile.DotsPerLine / 8];
                for (int i = 0; i < line.Length; i++)
                {
                    line[i] = (byte)(i % 2 == 0 ? 0xAA : 0x55);
                }
                long start = clock.NowMicros;
                long waitedBefore = clock.WaitedMicros;
                for (int i = 0; i < Lines; i++)
                {
                    Assert.IsTrue(driver.PrintLine(line, 0) == PrintStatus.Ok, "line " + i.ToString() + " printed");
                }
                long wall = clock.NowMicros - start;
                long cpuPerLine = (wall - (clock.WaitedMicros - waitedBefore)) / Lines;
                long linePeriod = FastestLinePeriodMicros(profile);
                System.Console.WriteLine("head driver CPU per line " + cpuPerLine.ToString() + " us; wall per line " + (wall / Lines).ToString()
                    + " us; fastest line period " + linePeriod.ToString() + " us");
                Assert.IsTrue(cpuPerLine < linePeriod, "CPU per line " + cpuPerLine.ToString() + " us under the line period " + linePeriod.ToString() + " us");
                driver.Stop();
            }
            finally
            {
                for (int i = 0; i < strobes.Length; i++)
                {
                    if (strobes[i] != null)
                    {
                        strobes[i].Dispose();
                    }
                }
                if (latch != null)
                {
                    latch.Dispose();
                }
                data.Dispose();
                gpio.Dispose();
            }
        }

        private static long FastestLinePeriodMicros(MechanismProfile profile)
        {
            int maxPps = 1;
            for (int i = 0; i < profile.MaxPps.Length; i++)
            {
                if (profile.MaxPps[i] > maxPps)
                {
                    maxPps = profile.MaxPps[i];
                }
            }
            return (long)profile.StepsPerDotLine * 1000000 / maxPps;
        }

        /// <summary>The thermistor divider's output at 25 C, where the NTC is at its R25.</summary>
        private static int RoomTemperatureMillivolts(MechanismProfile profile, PrintHeadConfig config)
        {
            return (int)(config.ThermistorReferenceMillivolts * profile.ThermistorR25Ohms / (profile.ThermistorR25Ohms + config.ThermistorPullUpOhms));
        }

        /// <summary>The supply divider's output at the middle of the mechanism's supply range.</summary>
        private static int MidSupplyMillivolts(MechanismProfile profile, PrintHeadConfig config)
        {
            long supply = (profile.SupplyMinMillivolts + profile.SupplyMaxMillivolts) / 2;
            return (int)(supply * config.SupplyDividerBottomOhms / (config.SupplyDividerTopOhms + config.SupplyDividerBottomOhms));
        }

        /// <summary>IClock that adds up the time spent in DelayMicros, so the rest is the caller's CPU time.</summary>
        private sealed class MeasuringClock : IClock
        {
            private readonly IClock _inner;

            public MeasuringClock(IClock inner)
            {
                _inner = inner;
            }

            public long WaitedMicros;

            public long NowMicros
            {
                get { return _inner.NowMicros; }
            }

            public void DelayMicros(long micros)
            {
                long start = _inner.NowMicros;
                _inner.DelayMicros(micros);
                WaitedMicros += _inner.NowMicros - start;
            }
        }

        /// <summary>A sensor reading held still: the sensors are not what this test measures.</summary>
        private sealed class FixedAdc : IAdcChannel
        {
            private readonly int _millivolts;

            public FixedAdc(int millivolts)
            {
                _millivolts = millivolts;
            }

            public int ReadMillivolts()
            {
                return _millivolts;
            }
        }

        /// <summary>A switch held in one position.</summary>
        private sealed class FixedInput : IDigitalInput
        {
            private readonly bool _level;

            public FixedInput(bool level)
            {
                _level = level;
            }

            public bool Read()
            {
                return _level;
            }

            public void SetEdgeHandler(PinEdgeHandler handler)
            {
            }
        }
    }
}
