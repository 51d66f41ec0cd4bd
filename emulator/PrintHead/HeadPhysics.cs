using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The emulator's own statement of the head's physics, written apart from the driver's equations so that
/// the model judges the driver rather than repeating it: the heater power at a supply with N dots on,
/// the energy the datasheet asks per firing (docs/print-head.md, strobe time), the supply sag under the head current
/// (section 5), the motor's max rate and the NTC's resistance.
/// </summary>
public sealed class HeadPhysics
{
    private readonly MechanismProfile _p;

    /// <summary>Creates the physics of a profile.</summary>
    public HeadPhysics(MechanismProfile profile) => _p = profile;

    /// <summary>The profile.</summary>
    public MechanismProfile Profile => _p;

    /// <summary>Series resistance of one dot's current path with n dots on (SII Eq. 5, JX-2R 3.4).</summary>
    public double PathOhms(int n) => _p.HeaterOhms + _p.DriverOhms + _p.LeadOhms + (_p.CommonOhms + _p.WiringOhms) * n;

    /// <summary>Supply at the head terminals for an open-circuit supply and source resistance, with n dots on.</summary>
    public double HeadVolts(double openVolts, double sourceOhms, int n)
    {
        if (n <= 0)
        {
            return openVolts;
        }
        // I = n V / R_path and V = V_oc - I R_s, solved for V.
        return openVolts / (1.0 + n * sourceOhms / PathOhms(n));
    }

    /// <summary>Power in one heater, in watts, at a head supply with n dots on.</summary>
    public double DotWatts(double headVolts, int n)
    {
        double v = _p.EffectiveVoltageGain * headVolts + _p.EffectiveVoltageOffset;
        if (v <= 0)
        {
            return 0;
        }
        double r = PathOhms(n);
        return v * v * _p.HeaterOhms / (r * r);
    }

    /// <summary>
    /// The energy the datasheet asks per dot and firing, in uJ: E(T) from the datasheet's own table (held
    /// apart from the profile, <see cref="DatasheetEnergies"/>) times C(V_P, W).
    /// </summary>
    public double TargetMicrojoules(double celsius, double headVolts, double periodMicros)
    {
        double e = DatasheetMicrojoules(celsius);
        return e * Correction(headVolts, periodMicros);
    }

    private string? _tableName;
    private double[]? _tableCelsius;
    private double[]? _tableMicrojoules;

    /// <summary>
    /// <see cref="DatasheetEnergies.Microjoules"/> with the mechanism's table looked up once per profile
    /// name rather than at every firing (the same table, the same interpolation).
    /// </summary>
    private double DatasheetMicrojoules(double celsius)
    {
        if (!ReferenceEquals(_p.Name, _tableName))
        {
            var table = DatasheetEnergies.Table(_p.Name);
            _tableName = _p.Name;
            _tableCelsius = table?.Celsius;
            _tableMicrojoules = table?.Microjoules;
        }
        return _tableCelsius == null
            ? HeatEquations.Interpolate(_p.EnergyCelsius, _p.EnergyMicrojoules, celsius)
            : HeatEquations.Interpolate(_tableCelsius, _tableMicrojoules!, celsius);
    }

    /// <summary>SII Eq. 8; 1 where the profile has no correction.</summary>
    public double Correction(double volts, double periodMicros)
    {
        if (!_p.HasPulseCorrection)
        {
            return 1.0;
        }
        var c = _p.PulseCorrection;
        double k = 1.0 - (c[0] * volts - c[1]) / ((volts - c[2]) * (periodMicros + c[3]) + c[4]);
        return Math.Clamp(k, 0.05, 1.0);
    }

    /// <summary>Strobe width that delivers the target with n dots on, in us (what an ideal driver would use).</summary>
    public double IdealHeatMicros(double celsius, double headVolts, int n, double periodMicros)
    {
        double watts = DotWatts(headVolts, Math.Max(1, n));
        return watts <= 0 ? double.PositiveInfinity : TargetMicrojoules(celsius, headVolts, periodMicros) / watts;
    }

    /// <summary>
    /// The motor's max pulse rate at a supply and head temperature: the supply's rate, capped outside the
    /// profile's normal temperature range ([S-LTPD245C] 3.3: 1040 pps outside -10..50 degC).
    /// </summary>
    public double MaxPps(double volts, double celsius)
    {
        double pps = MaxPps(volts);
        if (RateCappedAt(celsius))
        {
            pps = Math.Min(pps, _p.ExtremeMaxPps);
        }
        return pps;
    }

    /// <summary>True when the head's temperature caps the motor's rate (outside the normal range, where the profile has a cap).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool RateCappedAt(double celsius) =>
        _p.ExtremeMaxPps > 0 && (celsius < _p.NormalMinCelsius || celsius > _p.NormalMaxCelsius);

    /// <summary>The motor's max pulse rate at a supply, from the profile's table (linear, clamped).</summary>
    public double MaxPps(double volts)
    {
        // The motor asks at every step, and the supply it sees comes back step after step.
        var xs = _p.MaxPpsMillivolts;
        var ys = _p.MaxPps;
        if (volts == _ppsVolts && ReferenceEquals(xs, _ppsMillivolts) && ReferenceEquals(ys, _ppsTable))
        {
            return _pps;
        }
        double pps = SearchMaxPps(xs, ys, volts);
        _ppsVolts = volts;
        _ppsMillivolts = xs;
        _ppsTable = ys;
        _pps = pps;
        return pps;
    }

    private double _ppsVolts = double.NaN;
    private int[]? _ppsMillivolts;
    private int[]? _ppsTable;
    private double _pps;

    private static double SearchMaxPps(int[] xs, int[] ys, double volts)
    {
        double mv = volts * 1000;
        if (mv <= xs[0])
        {
            return ys[0];
        }
        for (int i = 1; i < xs.Length; i++)
        {
            if (mv <= xs[i])
            {
                return ys[i - 1] + (mv - xs[i - 1]) / (xs[i] - xs[i - 1]) * (ys[i] - ys[i - 1]);
            }
        }
        return ys[^1];
    }

    /// <summary>NTC resistance at a temperature (Beta equation).</summary>
    public double ThermistorOhms(double celsius) =>
        _p.ThermistorR25Ohms * Math.Exp(_p.ThermistorBeta * (1.0 / (celsius + 273.15) - 1.0 / 298.15));

    /// <summary>
    /// The shortest next step interval, in us, after a step of lastIntervalMicros (-1: the coils were just
    /// energised): the start step, then the acceleration table re-entered at the longest entry shorter
    /// than the last step ([S-LTPD245C] 3.3).
    /// </summary>
    public double AccelerationFloorMicros(double lastIntervalMicros)
    {
        // The motor model keeps the floors of the intervals it steps at; whether the table can be halved is
        // worked out once per table.
        var table = _p.AccelerationMicros;
        if (!ReferenceEquals(table, _floorTable))
        {
            _floorTableFalls = NeverRises(table);
            _floorTable = table;
        }
        return SearchAccelerationFloor(table, lastIntervalMicros, _floorTableFalls);
    }

    private int[]? _floorTable;
    private bool _floorTableFalls;

    // True when the entries after the start step never rise: then "shorter than the last step" holds from
    // some entry on, and that entry can be found by halving.
    private static bool NeverRises(int[] table)
    {
        for (int i = 2; i < table.Length; i++)
        {
            if (table[i] > table[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static double SearchAccelerationFloor(int[] table, double lastIntervalMicros, bool falls)
    {
        if (lastIntervalMicros < 0)
        {
            return table[0];
        }
        if (lastIntervalMicros >= table[0])
        {
            return table[1];
        }
        if (falls)
        {
            // The first entry from 1 on that is shorter than the last step (the table runs at full speed for
            // most steps, so the scan below would walk nearly all of it).
            int low = 1;
            int high = table.Length;
            while (low < high)
            {
                int mid = (low + high) >> 1;
                if (table[mid] < lastIntervalMicros)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }
            return table[low < table.Length ? low : table.Length - 1];
        }
        for (int i = 1; i < table.Length; i++)
        {
            if (table[i] < lastIntervalMicros)
            {
                return table[i];
            }
        }
        return table[^1];
    }

    private static double Interpolate(double[] xs, double[] ys, double x)
    {
        if (xs.Length == 1)
        {
            return ys[0];
        }
        int i = 1;
        while (i < xs.Length - 1 && x > xs[i])
        {
            i++;
        }
        return ys[i - 1] + (x - xs[i - 1]) / (xs[i] - xs[i - 1]) * (ys[i] - ys[i - 1]);
    }
}
