using System.Device.Adc;
using nanoFramework.TestFramework;
using PosFirmware.Device;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// The ADC's full scale on this board: a channel tied to 3V3 reads near the top count and one tied to
    /// GND near zero, and the measured full scale (printed for the board's calibration) is within 10% of
    /// the 3300 mV the firmware assumes, so AdcInput's millivolts are right to that margin. A board that
    /// fails here needs its own AdcFullScaleMillivolts in Program.cs.
    /// </summary>
    [TestClass]
    public class AdcCalibrationTests
    {
        private const int AssumedFullScaleMillivolts = 3300;
        private const int RailMillivolts = 3300;
        private const int Samples = 32;

        [TestMethod]
        public void Full_scale_and_zero_read_where_the_firmware_expects_them()
        {
            AdcController adc = new AdcController();
            int max = adc.MaxValue;
            int high = Average(adc.OpenChannel(TestWiring.AdcFullScaleChannel));
            int low = Average(adc.OpenChannel(TestWiring.AdcZeroChannel));
            System.Console.WriteLine("ADC max count " + max.ToString() + ", 3V3 reads " + high.ToString() + ", GND reads " + low.ToString());
            Assert.IsTrue(low * 50 <= max, "GND reads under 2% of full scale");
            Assert.IsTrue(high * 100 >= max * 90, "3V3 reads over 90% of full scale");
            int measuredFullScale = high >= max ? RailMillivolts : (int)((long)RailMillivolts * max / high);
            System.Console.WriteLine("measured full scale " + measuredFullScale.ToString() + " mV (firmware assumes " + AssumedFullScaleMillivolts.ToString() + ")");
            Assert.IsTrue(measuredFullScale * 10 >= AssumedFullScaleMillivolts * 9 && measuredFullScale * 10 <= AssumedFullScaleMillivolts * 11,
                "full scale within 10% of the firmware's " + AssumedFullScaleMillivolts.ToString() + " mV");
            AdcInput input = new AdcInput(adc, TestWiring.AdcFullScaleChannel, measuredFullScale);
            int millivolts = input.ReadMillivolts();
            Assert.IsTrue(millivolts >= RailMillivolts - 100 && millivolts <= RailMillivolts + 100, "calibrated AdcInput reads the rail: " + millivolts.ToString() + " mV");
        }

        private static int Average(AdcChannel channel)
        {
            long sum = 0;
            for (int i = 0; i < Samples; i++)
            {
                sum += channel.ReadValue();
            }
            return (int)(sum / Samples);
        }
    }
}
