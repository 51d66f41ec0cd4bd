namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// A lumped thermal model of the head: one heat capacity (substrate and heat sink) losing heat to the
/// ambient through one resistance, and the thermistor following the substrate with its own lag. Heat from
/// each firing enters as an impulse. Between events both temperatures follow their exact exponential
/// solutions, so the model costs nothing while idle. The capacities are this emulator's estimates (no
/// datasheet gives them): a 2-inch head on its aluminium plate, about 4 J/K and 4 K/W (a 16 s time constant).
/// </summary>
public sealed class HeadThermalModel
{
    // 1,024 steps kept (24 KB): with 128 a soak still worked out one step in five afresh, with 1,024 one in 17.
    private const int StepSlotBits = 10;
    private readonly StepDecay[] _steps = NoSteps();
    // The time constants (fixed once built) and the difference the sensor's solution divides by.
    private readonly double _tau;
    private readonly double _tauLessSensor;
    private long _atNanos;
    private double _headCelsius;
    private double _sensorCelsius;

    /// <summary>Creates the model with the head and thermistor at the ambient temperature.</summary>
    public HeadThermalModel(double ambientCelsius, double heatCapacityJoulesPerKelvin = 4.0, double kelvinPerWatt = 4.0, double sensorLagSeconds = 0.3)
    {
        AmbientCelsius = ambientCelsius;
        HeatCapacityJoulesPerKelvin = heatCapacityJoulesPerKelvin;
        KelvinPerWatt = kelvinPerWatt;
        SensorLagSeconds = sensorLagSeconds;
        _headCelsius = ambientCelsius;
        _sensorCelsius = ambientCelsius;
        _tau = HeatCapacityJoulesPerKelvin * KelvinPerWatt;
        _tauLessSensor = _tau - SensorLagSeconds;
    }

    /// <summary>Air around the head.</summary>
    public double AmbientCelsius { get; set; }

    /// <summary>Heat capacity of the head.</summary>
    public double HeatCapacityJoulesPerKelvin { get; }

    /// <summary>Thermal resistance to the ambient.</summary>
    public double KelvinPerWatt { get; }

    /// <summary>Thermistor time constant.</summary>
    public double SensorLagSeconds { get; }

    /// <summary>
    /// True while the head is held at its temperature (a bench holding the conditions constant, as on a
    /// temperature-controlled plate): heat still counts in <see cref="JoulesIn"/> but warms nothing.
    /// </summary>
    public bool Held { get; set; }

    /// <summary>Energy put into the head so far.</summary>
    public double JoulesIn { get; private set; }

    /// <summary>Head temperature at a virtual time (not earlier than the last update).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double HeadCelsiusAt(long nanos)
    {
        Advance(nanos);
        return _headCelsius;
    }

    /// <summary>Thermistor temperature at a virtual time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double SensorCelsiusAt(long nanos)
    {
        Advance(nanos);
        return _sensorCelsius;
    }

    /// <summary>Adds heat at a virtual time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AddJoules(long nanos, double joules)
    {
        Advance(nanos);
        JoulesIn += joules;
        if (!Held)
        {
            _headCelsius += joules / HeatCapacityJoulesPerKelvin;
        }
    }

    /// <summary>Sets both temperatures at once (a test putting the head where it wants it).</summary>
    public void SetCelsius(long nanos, double celsius)
    {
        Advance(nanos);
        _headCelsius = celsius;
        _sensorCelsius = celsius;
    }

    /// <summary>A step kept with its two decay factors (side by side: one look-up reads one place).</summary>
    private struct StepDecay
    {
        public long Step;
        public double Head;
        public double Sensor;
    }

    // Steps looked up are always positive, so no step matches an empty slot.
    private static StepDecay[] NoSteps()
    {
        var steps = new StepDecay[1 << StepSlotBits];
        Array.Fill(steps, new StepDecay { Step = -1 });
        return steps;
    }

    // Most look-ups find the model already at their time: that check is made where it is asked.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Advance(long nanos)
    {
        if (nanos > _atNanos)
        {
            AdvanceLater(nanos);
        }
    }

    private void AdvanceLater(long nanos)
    {
        if (Held)
        {
            _atNanos = nanos;
            return;
        }
        long step = nanos - _atNanos;
        _atNanos = nanos;
        double tau = _tau;
        double u0 = _headCelsius - AmbientCelsius;
        double v0 = _sensorCelsius - AmbientCelsius;
        // The steps between edges repeat (the same strobe and motor timings line after line): a small
        // table keyed by the step keeps the decay factors already worked out.
        ref StepDecay kept = ref _steps[(int)((ulong)step * 0x9E3779B97F4A7C15UL >> (64 - StepSlotBits))];
        if (kept.Step != step)
        {
            double t = step / 1e9;
            kept.Head = Math.Exp(-t / tau);
            kept.Sensor = Math.Exp(-t / SensorLagSeconds);
            kept.Step = step;
        }
        double eh = kept.Head;
        double es = kept.Sensor;
        // v' = (u - v) / tauS with u = u0 e^(-t/tau): the exact solution.
        double v = v0 * es + u0 * tau / _tauLessSensor * (eh - es);
        _headCelsius = AmbientCelsius + u0 * eh;
        _sensorCelsius = AmbientCelsius + v;
    }
}
