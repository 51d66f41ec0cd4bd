using System.Device.Gpio;
using nanoFramework.TestFramework;
using PosFirmware.Device;
using PosFirmware.Hal;

namespace PosFirmware.DeviceTests
{
    /// <summary>GpioOutput drives a level that GpioInput reads back through the jumper, both ways, with the edge handler firing.</summary>
    [TestClass]
    public class GpioLoopbackTests
    {
        private static GpioController _gpio;
        private static GpioOutput _out;
        private static GpioInput _in;
        private static int _rising;
        private static int _falling;

        [Setup]
        public void OpenPins()
        {
            _gpio = new GpioController();
            HighResClock clock = new HighResClock();
            _out = new GpioOutput(_gpio, TestWiring.GpioOut, false);
            _in = new GpioInput(_gpio, TestWiring.GpioIn, false, clock, 0, null);
            _in.SetEdgeHandler(OnEdge);
        }

        [TestMethod]
        public void A_level_written_is_read_back()
        {
            _out.Write(true);
            System.Threading.Thread.Sleep(10);
            Assert.IsTrue(_in.Read(), "high read back");
            _out.Write(false);
            System.Threading.Thread.Sleep(10);
            Assert.IsFalse(_in.Read(), "low read back");
        }

        [TestMethod]
        public void Edges_reach_the_handler()
        {
            _rising = 0;
            _falling = 0;
            for (int i = 0; i < 5; i++)
            {
                _out.Write(true);
                System.Threading.Thread.Sleep(20);
                _out.Write(false);
                System.Threading.Thread.Sleep(20);
            }
            Assert.AreEqual(5, _rising, "rising edges");
            Assert.AreEqual(5, _falling, "falling edges");
        }

        [Cleanup]
        public void ClosePins()
        {
            _gpio.Dispose();
        }

        private static void OnEdge(bool high, long atMicros)
        {
            if (high)
            {
                _rising++;
            }
            else
            {
                _falling++;
            }
        }
    }
}
