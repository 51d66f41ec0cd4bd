namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The head temperature for a thermistor pin voltage, from a table made once (the divider and the Beta
    /// equation in double precision, every StepMillivolts) and interpolated per line in single precision:
    /// the ESP32's FPU has no doubles, and the logarithm would be done in software on every line.
    /// </summary>
    public class ThermistorTable
    {
        /// <summary>Pin voltage between table entries, in mV.</summary>
        public const int StepMillivolts = 16;

        /// <summary>Single-precision operations in one <see cref="Celsius"/>.</summary>
        public const int OperationsPerRead = 4;

        private readonly float[] _celsius;

        /// <summary>Makes the table for a profile's thermistor behind the board's divider.</summary>
        public ThermistorTable(HeatEquations equations, PrintHeadConfig config)
        {
            int reference = config.ThermistorReferenceMillivolts;
            int entries = reference / StepMillivolts + 2;
            _celsius = new float[entries];
            for (int k = 0; k < entries; k++)
            {
                // Ends of the divider's range are never read (open and short faults): clamp them.
                int pin = k * StepMillivolts;
                if (pin < 1)
                {
                    pin = 1;
                }
                if (pin > reference - 1)
                {
                    pin = reference - 1;
                }
                double ohms = (double)config.ThermistorPullUpOhms * pin / (reference - pin);
                _celsius[k] = (float)equations.ThermistorCelsius(ohms);
            }
        }

        /// <summary>The head temperature at a pin voltage inside the divider's range, in degC.</summary>
        public float Celsius(int pinMillivolts)
        {
            int k = pinMillivolts / StepMillivolts;
            if (k < 0)
            {
                k = 0;
            }
            if (k > _celsius.Length - 2)
            {
                k = _celsius.Length - 2;
            }
            float c0 = _celsius[k];
            return c0 + (_celsius[k + 1] - c0) * (pinMillivolts - k * StepMillivolts) / StepMillivolts;
        }
    }
}
