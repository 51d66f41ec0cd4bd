using System;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The profile's strobe-time equations (docs/print-head.md, strobe time):
    /// t = E(T) * R / V^2 * C, with R = (R_H + R_i + R_lead + (R_C + r_C) N)^2 / R_H, V = gain V_P + offset,
    /// and C the SII pulse-rate correction (1 where the datasheet has none). With E in uJ and R in ohm,
    /// t comes out in us.
    /// </summary>
    public class HeatEquations
    {
        private readonly MechanismProfile _p;

        /// <summary>Creates the equations for a profile.</summary>
        public HeatEquations(MechanismProfile profile)
        {
            _p = profile;
        }

        /// <summary>Energy per dot and firing at a head temperature (SII Eq. 4, JX-2R E0 table), linear between points.</summary>
        public double EnergyMicrojoules(double celsius)
        {
            return Interpolate(_p.EnergyCelsius, _p.EnergyMicrojoules, celsius);
        }

        /// <summary>Series resistance of one dot's path with a number of dots on at once.</summary>
        public double PathOhms(int dotsOn)
        {
            return _p.HeaterOhms + _p.DriverOhms + _p.LeadOhms + (_p.CommonOhms + _p.WiringOhms) * dotsOn;
        }

        /// <summary>Effective heater voltage for a supply (SII Eq. 6).</summary>
        public double EffectiveVolts(double supplyVolts)
        {
            return _p.EffectiveVoltageGain * supplyVolts + _p.EffectiveVoltageOffset;
        }

        /// <summary>SII Eq. 8: C for a supply and a 2-step (half dot line) period W in us; 1 without the correction.</summary>
        public double PulseCorrection(double supplyVolts, double periodMicros)
        {
            if (!_p.HasPulseCorrection)
            {
                return 1.0;
            }
            double[] c = _p.PulseCorrection;
            double denominator = (supplyVolts - c[2]) * (periodMicros + c[3]) + c[4];
            if (denominator <= 0)
            {
                return 1.0;
            }
            double k = 1.0 - (c[0] * supplyVolts - c[1]) / denominator;
            return k < 0.05 ? 0.05 : (k > 1.0 ? 1.0 : k);
        }

        /// <summary>Strobe time in us for a head temperature, the supply at the head, dots on at once and the firing period.</summary>
        public double HeatMicros(double celsius, double supplyVolts, int dotsOn, double periodMicros)
        {
            double v = EffectiveVolts(supplyVolts);
            if (v <= 0.1)
            {
                return _p.MaxStrobeMicros;
            }
            double r = PathOhms(dotsOn);
            double t = EnergyMicrojoules(celsius) * r * r / (_p.HeaterOhms * v * v) * PulseCorrection(supplyVolts, periodMicros);
            return t;
        }

        /// <summary>Supply at the head with dots on, from the open-circuit supply and the source resistance.</summary>
        public double LoadedVolts(double openVolts, int dotsOn, double sourceOhms)
        {
            if (dotsOn <= 0)
            {
                return openVolts;
            }
            double r = PathOhms(dotsOn);
            return openVolts * r / (r + dotsOn * sourceOhms);
        }

        /// <summary>The motor's max pulse rate at a supply (SII Eq. 1 / JX-2R table), linear between points, clamped outside.</summary>
        public double MaxPps(double supplyMillivolts)
        {
            int n = _p.MaxPpsMillivolts.Length;
            if (supplyMillivolts <= _p.MaxPpsMillivolts[0])
            {
                return _p.MaxPps[0];
            }
            if (supplyMillivolts >= _p.MaxPpsMillivolts[n - 1])
            {
                return _p.MaxPps[n - 1];
            }
            for (int i = 1; i < n; i++)
            {
                if (supplyMillivolts <= _p.MaxPpsMillivolts[i])
                {
                    double f = (supplyMillivolts - _p.MaxPpsMillivolts[i - 1]) / (double)(_p.MaxPpsMillivolts[i] - _p.MaxPpsMillivolts[i - 1]);
                    return _p.MaxPps[i - 1] + f * (_p.MaxPps[i] - _p.MaxPps[i - 1]);
                }
            }
            return _p.MaxPps[n - 1];
        }

        /// <summary>
        /// The motor's max pulse rate at a supply and head temperature: capped outside the profile's normal
        /// range, and within marginCelsius of its edges (the thermistor lags the head).
        /// </summary>
        public double MaxPps(double supplyMillivolts, double celsius, double marginCelsius)
        {
            double pps = MaxPps(supplyMillivolts);
            bool extreme = celsius < _p.NormalMinCelsius + marginCelsius || celsius > _p.NormalMaxCelsius - marginCelsius;
            if (_p.ExtremeMaxPps > 0 && extreme && pps > _p.ExtremeMaxPps)
            {
                return _p.ExtremeMaxPps;
            }
            return pps;
        }

        /// <summary>Linear interpolation through ascending points, extended linearly beyond the ends.</summary>
        public static double Interpolate(double[] xs, double[] ys, double x)
        {
            int n = xs.Length;
            if (n == 1)
            {
                return ys[0];
            }
            int i = 1;
            while (i < n - 1 && x > xs[i])
            {
                i++;
            }
            double f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
            return ys[i - 1] + f * (ys[i] - ys[i - 1]);
        }

        /// <summary>NTC temperature from its resistance (Beta equation, docs/print-head.md, strobe time).</summary>
        public double ThermistorCelsius(double ohms)
        {
            double inverse = 1.0 / 298.15 + Math.Log(ohms / _p.ThermistorR25Ohms) / _p.ThermistorBeta;
            return 1.0 / inverse - 273.15;
        }
    }
}
