using nanoFramework.Hardware.Esp32.Rmt;
using nanoFramework.TestFramework;
using PosFirmware.Device;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// RmtPulse (the strobe adapter) fires pulses that an RMT receive channel on the jumpered input
    /// captures at 1 us resolution: each comes back high for the width asked, to within 2 us, and the line
    /// idles low (the carrier is off: with the RMT default 38 kHz carrier the capture would see many short
    /// pulses instead of one).
    /// </summary>
    [TestClass]
    public class RmtPulseWidthTests
    {
        private const int ToleranceMicros = 2;

        [TestMethod]
        public void Pulse_widths_read_back_within_2_us()
        {
            int[] widths = new int[] { 100, 480, 1000, 2500 };
            HighResClock clock = new HighResClock();
            RmtPulse strobe = new RmtPulse(TestWiring.RmtOut, clock);
            ReceiverChannelSettings settings = new ReceiverChannelSettings(-1, TestWiring.RmtIn);
            settings.ClockDivider = 80;
            settings.EnableFilter = false;
            settings.IdleThreshold = 5000;
            settings.ReceiveTimeout = new System.TimeSpan(0, 0, 0, 0, 100);
            ReceiverChannel capture = new ReceiverChannel(settings);
            try
            {
                for (int i = 0; i < widths.Length; i++)
                {
                    capture.Start(true);
                    strobe.Pulse(widths[i]);
                    System.Threading.Thread.Sleep(30);
                    RmtCommand[] items = capture.GetAllItems();
                    capture.Stop();
                    Assert.IsTrue(items.Length >= 1, "one pulse captured for " + widths[i].ToString() + " us");
                    Assert.IsTrue(items[0].Level0, "the pulse is high");
                    int measured = items[0].Duration0;
                    Assert.IsTrue(measured >= widths[i] - ToleranceMicros && measured <= widths[i] + ToleranceMicros,
                        "asked " + widths[i].ToString() + " us, captured " + measured.ToString() + " us");
                }
            }
            finally
            {
                capture.Dispose();
                strobe.Dispose();
            }
        }
    }
}
