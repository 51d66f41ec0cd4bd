using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;
using PosFirmware.Device;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// UartPort (the scanner's adapter) sends a frame that comes back through the TX-RX jumper, at the
    /// scan engine's 9600 baud and at 115200, and a read with nothing waiting returns at once with 0.
    /// </summary>
    [TestClass]
    public class UartLoopbackTests
    {
        [Setup]
        public void RoutePins()
        {
            Configuration.SetPinFunction(TestWiring.UartRx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(TestWiring.UartTx, DeviceFunction.COM2_TX);
        }

        [TestMethod]
        public void A_frame_comes_back_at_9600()
        {
            RoundTrip(9600);
        }

        [TestMethod]
        public void A_frame_comes_back_at_115200()
        {
            RoundTrip(115200);
        }

        private static void RoundTrip(int baud)
        {
            UartPort port = new UartPort(TestWiring.UartPort, baud, 256, null);
            byte[] none = new byte[8];
            Assert.AreEqual(0, port.Read(none, 0, none.Length), "nothing waiting reads 0 without blocking");
            byte[] sent = new byte[64];
            for (int i = 0; i < sent.Length; i++)
            {
                sent[i] = (byte)(0x20 + (i * 7) % 90);
            }
            port.Write(sent, 0, sent.Length);
            // 64 bytes of 10 bits take 67 ms at 9600 baud: wait up to 10 times that.
            byte[] received = new byte[sent.Length];
            int total = 0;
            for (int waited = 0; waited < 700 && total < sent.Length; waited += 10)
            {
                System.Threading.Thread.Sleep(10);
                total += port.Read(received, total, received.Length - total);
            }
            port.Dispose();
            Assert.AreEqual(sent.Length, total, "bytes back at " + baud.ToString());
            for (int i = 0; i < sent.Length; i++)
            {
                Assert.AreEqual(sent[i], received[i], "byte " + i.ToString());
            }
        }
    }
}
