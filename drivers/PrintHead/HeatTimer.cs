namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The equations of <see cref="HeatEquations"/> the driver needs per line and per pass (supply sag, motor
    /// rate, energy, strobe time), in single precision: the ESP32's FPU does single precision only, so every
    /// double operation is a software routine on the device. A few parts in a million of a 500 us strobe are
    /// far below the microsecond it is rounded to. The profile's constants and tables are converted once.
    /// </summary>
    public class HeatTimer
    {
        /// <summary>Single-precision operations in one <see cref="LoadedVolts"/> and one <see cref="HeatMicros"/> together.</summary>
        public const int OperationsPerPass = 26;

        /// <summary>Single-precision operations in one <see cref="CorrectedMicros"/>, the part of a pass's strobe time that follows the period.</summary>
        public const int OperationsPerCorrection = 12;

        /// <summary>
        /// Single-precision operations in one line's sag, motor rate (a table walk, the temperature cap and
        /// <see cref="StepperDrive.RateLimitMicros"/>) and energy (an interpolation): the same work the double maths was.
        /// </summary>
        public const int OperationsPerLine = 30;

        /// <summary>Single-precision operations in one <see cref="EnergyMicrojoules"/> (part of <see cref="OperationsPerLine"/>): a table look and an interpolation.</summary>
        public const int OperationsPerEnergy = 8;

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
        private readonly float[] _energyCelsius;
        private readonly float[] _energyMicrojoules;
        private readonly float[] _ppsMillivolts;
        private readonly float[] _pps;
        private readonly float _normalMinCelsius;
        private readonly float _normalMaxCelsius;
        private readonly float _extremeMaxPps;

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
            _energyCelsius = Singles(profile.EnergyCelsius);
            _energyMicrojoules = Singles(profile.EnergyMicrojoules);
            _ppsMillivolts = new float[profile.MaxPpsMillivolts.Length];
            _pps = new float[profile.MaxPps.Length];
            for (int i = 0; i < _pps.Length; i++)
            {
                _ppsMillivolts[i] = profile.MaxPpsMillivolts[i];
                _pps[i] = profile.MaxPps[i];
            }
            _normalMinCelsius = profile.NormalMinCelsius;
            _normalMaxCelsius = profile.NormalMaxCelsius;
            _extremeMaxPps = profile.ExtremeMaxPps;
        }

        /// <summary>Energy per dot and firing at a head temperature, linear between the profile's points and extended beyond them.</summary>
        public float EnergyMicrojoules(float celsius)
        {
            int n = _energyCelsius.Length;
            if (n == 1)
            {
                return _energyMicrojoules[0];
            }
            int i = 1;
            while (i < n - 1 && celsius > _energyCelsius[i])
            {
                i++;
            }
            float f = (celsius - _energyCelsius[i - 1]) / (_energyCelsius[i] - _energyCelsius[i - 1]);
            return _energyMicrojoules[i - 1] + f * (_energyMicrojoules[i] - _energyMicrojoules[i - 1]);
        }

        /// <summary>
        /// The motor's max pulse rate at a supply (linear between the profile's points, clamped outside), capped
        /// outside the normal temperature range and within marginCelsius of its edges.
        /// </summary>
        public float MaxPps(float supplyMillivolts, float celsius, float marginCelsius)
        {
            int n = _pps.Length;
            float pps = _pps[n - 1];
            if (supplyMillivolts <= _ppsMillivolts[0])
            {
                pps = _pps[0];
            }
            else
            {
                for (int i = 1; i < n; i++)
                {
                    if (supplyMillivolts <= _ppsMillivolts[i])
                    {
                        float f = (supplyMillivolts - _ppsMillivolts[i - 1]) / (_ppsMillivolts[i] - _ppsMillivolts[i - 1]);
                        pps = _pps[i - 1] + f * (_pps[i] - _pps[i - 1]);
                        break;
                    }
                }
            }
            bool extreme = celsius < _normalMinCelsius + marginCelsius || celsius > _normalMaxCelsius - marginCelsius;
            if (_extremeMaxPps > 0 && extreme && pps > _extremeMaxPps)
            {
                return _extremeMaxPps;
            }
            return pps;
        }

        private static float[] Singles(double[] values)
        {
            float[] singles = new float[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                singles[i] = (float)values[i];
            }
            return singles;
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
            return CorrectedMicros(UncorrectedMicros(energyMicrojoules, supplyVolts, dotsOn), supplyVolts, periodMicros);
        }

        /// <summary>
        /// The strobe time before Eq. 8's correction C: it does not follow the motor's period, so a pass whose
        /// step came first keeps it and works out only C again.
        /// </summary>
        public float UncorrectedMicros(float energyMicrojoules, float supplyVolts, int dotsOn)
        {
            float v = _gain * supplyVolts + _offset;
            if (v <= 0.1f)
            {
                return _maxStrobeMicros;
            }
            float r = _fixedOhms + _perDotOhms * dotsOn;
            return energyMicrojoules * r * r / (_heaterOhms * v * v);
        }

        /// <summary>True when the strobe time follows the firing period (the profile's pulse correction, Eq. 8); else <see cref="CorrectedMicros"/> returns its input.</summary>
        public bool FollowsPeriod
        {
            get { return _corrected; }
        }

        /// <summary>An uncorrected strobe time times Eq. 8's C for the supply at the head and the 2-step period.</summary>
        public float CorrectedMicros(float uncorrectedMicros, float supplyVolts, float periodMicros)
        {
            if (!_corrected || _gain * supplyVolts + _offset <= 0.1f)
            {
                return uncorrectedMicros;
            }
            float denominator = (supplyVolts - _c2) * (periodMicros + _c3) + _c4;
            if (denominator <= 0)
            {
                return uncorrectedMicros;
            }
            float k = 1.0f - (_c0 * supplyVolts - _c1) / denominator;
            k = k < 0.05f ? 0.05f : (k > 1.0f ? 1.0f : k);
            return uncorrectedMicros * k;
        }
    }
}
