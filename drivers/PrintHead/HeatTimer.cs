namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The strobe-time equations of <see cref="HeatEquations"/> in single precision, for the per-pass hot path:
    /// the ESP32's FPU does single precision only, so every double operation is a software routine on the
    /// device. A few parts in a million of a 500 us strobe are far below the microsecond it is rounded to.
    /// The profile's constants are converted once; the energy E(T) comes in per line.
    /// </summary>
    public class HeatTimer
    {
        /// <summary>Single-precision operations in one <see cref="LoadedVolts"/> and one <see cref="HeatMicros"/> together.</summary>
        public const int OperationsPerPass = 26;

        private readonly float _heaterOhms;
        private readonly float _fixedOhms;
        private readonly float _perDotOhms;
        private readonly float _gain;
        private readonly float _offset;
        private readonly bool _corrected;
        private readonly float _c0;
        private readonly float _c1;
        private readonly float _c2;
        private readonly float _c3;
        private readonly float _c4;
        private readonly float _maxStrobeMicros;

        /// <summary>Converts a profile's constants.</summary>
        public HeatTimer(MechanismProfile profile)
        {
            _heaterOhms = (float)profile.HeaterOhms;
            _fixedOhms = (float)(profile.HeaterOhms + profile.DriverOhms + profile.LeadOhms);
            _perDotOhms = (float)(profile.CommonOhms + profile.WiringOhms);
            _gain = (float)profile.EffectiveVoltageGain;
            _offset = (float)profile.EffectiveVoltageOffset;
            _corrected = profile.HasPulseCorrection;
            if (_corrected)
            {
                double[] c = profile.PulseCorrection;
                _c0 = (float)c[0];
                _c1 = (float)c[1];
                _c2 = (float)c[2];
                _c3 = (float)c[3];
                _c4 = (float)c[4];
            }
            _maxStrobeMicros = profile.MaxStrobeMicros;
        }

        /// <summary>Supply at the head with dots on, from the open-circuit supply and the source resistance.</summary>
        public float LoadedVolts(float openVolts, int dotsOn, float sourceOhms)
        {
            if (dotsOn <= 0)
            {
                return openVolts;
            }
            float r = _fixedOhms + _perDotOhms * dotsOn;
            return openVolts * r / (r + dotsOn * sourceOhms);
        }

        /// <summary>Strobe time in us for an energy per dot (uJ), the supply at the head, dots on at once and the 2-step period.</summary>
        public float HeatMicros(float energyMicrojoules, float supplyVolts, int dotsOn, float periodMicros)
        {
            float v = _gain * supplyVolts + _offset;
            if (v <= 0.1f)
            {
                return _maxStrobeMicros;
            }
            float r = _fixedOhms + _perDotOhms * dotsOn;
            float t = energyMicrojoules * r * r / (_heaterOhms * v * v);
            if (!_corrected)
            {
                return t;
            }
            float denominator = (supplyVolts - _c2) * (periodMicros + _c3) + _c4;
            if (denominator <= 0)
            {
                return t;
            }
            float k = 1.0f - (_c0 * supplyVolts - _c1) / denominator;
            k = k < 0.05f ? 0.05f : (k > 1.0f ? 1.0f : k);
            return t * k;
        }
    }
}
