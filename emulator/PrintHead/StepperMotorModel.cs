using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The paper-feed stepper: reads the four bridge inputs (A, B, /A, /B), turns them into coil currents
/// (A - /A, B - /B) and moves the rotor one excitation state at a time. A step the rotor cannot pull in is
/// missed, as on real hardware: faster than the start step from standstill, faster than the acceleration
/// table allows after the previous step, or faster than the max pulse rate at the supply the motor sees.
/// A missed step leaves the rotor behind; it only catches up when the phase is then held for a start step.
/// A port write (the driver's step) is read at once, with all its levels in place; single pin writes at one
/// instant are read once, after they settle, so a half-written combination is never taken for a state.
/// </summary>
public sealed class StepperMotorModel
{
    private readonly VirtualClock _clock;
    private readonly HeadPhysics _physics;
    private readonly TimingChecker _checker;
    private readonly VirtualOutputPort _phases;
    private readonly KeptStepRates _rates;
    private ThermalHeadModel? _head;
    private bool _settlePending;
    private int _rotor;
    private int _electrical = -1;
    private long _lastPhaseChangeNanos;
    private long _lastStepNanos;
    private long _lastIntervalNanos = -1;
    private long _energizedAtNanos;
    private bool _continuousReported;

    /// <summary>Wires the model to the phase port (bits 0..3 = A, B, /A, /B); the head it feeds paper under is wired by the head (<see cref="Feeds"/>).</summary>
    public StepperMotorModel(VirtualClock clock, HeadPhysics physics, TimingChecker checker, VirtualOutputPort phases)
    {
        if (phases.Pins.Count != 4)
        {
            throw new ArgumentException("four motor phase pins: A, B, /A, /B", nameof(phases));
        }
        _clock = clock;
        _physics = physics;
        _rates = new KeptStepRates(physics);
        _checker = checker;
        _phases = phases;
        _settle = Settle;
        phases.Connect(PhasesChanged);
    }

    private readonly Action _settle;

    // A port write sets every phase at once: read now, unless single writes at this instant still wait to
    // be read (that read then sees these levels too). A pin written alone: the pins written with it at
    // this instant are read once every write there is done (a clock action at the same instant), not one by
    // one through half-written states.
    private void PhasesChanged(int levels, long atNanos, bool together)
    {
        if (_settlePending)
        {
            return;
        }
        if (together)
        {
            Settle();
            return;
        }
        _settlePending = true;
        _clock.ScheduleAt(atNanos, _settle);
    }

    /// <summary>Paper position in motor steps (forward positive).</summary>
    public long PositionSteps { get; private set; }

    /// <summary>Steps the rotor could not follow.</summary>
    public long MissedSteps { get; private set; }

    /// <summary>True while any coil is driven.</summary>
    public bool Energized { get; private set; }

    /// <summary>The interval of the last step the rotor made, in ns (-1 after energising).</summary>
    public long LastIntervalNanos => _lastIntervalNanos;

    /// <summary>True while the stop hold does not apply (platen open: the paper is not under load).</summary>
    public Func<bool> HoldExempt { get; set; } = () => false;

    /// <summary>Called when the coils are released, with the time.</summary>
    public Action<long>? Released { get; set; }

    /// <summary>
    /// Wires the head the motor feeds paper under: the motor steps at the head's supply (V_H, sagging with the
    /// dots on), its rate is capped by the head's temperature, and the head hears of each step the paper makes.
    /// Read at every step (four a dot line), so the head is called directly, not through delegates that only
    /// forward the call.
    /// </summary>
    internal void Feeds(ThermalHeadModel head) => _head = head;

    private void Settle()
    {
        _settlePending = false;
        long now = _clock.NowNanos;
        var p = _physics.Profile;
        int levels = _phases.Levels;
        int coilA = (levels & 1) - (levels >> 2 & 1);
        int coilB = (levels >> 1 & 1) - (levels >> 3 & 1);
        if (coilA == 0 && coilB == 0)
        {
            if (Energized)
            {
                CheckContinuous(now);
                long hold = now - _lastStepNanos;
                if (hold < p.StopHoldMillis * 1_000_000L && !HoldExempt())
                {
                    ReportHoldTooShort(now, hold, p.StopHoldMillis);
                }
                Energized = false;
                _electrical = -1;
                Released?.Invoke(now);
            }
            return;
        }
        int state = StateOf(p, coilA, coilB);
        if (state < 0)
        {
            ReportInvalidPhase(now, coilA, coilB);
            return;
        }
        if (!Energized)
        {
            Energized = true;
            _energizedAtNanos = now;
            _continuousReported = false;
            _rotor = state;
            _electrical = state;
            _lastPhaseChangeNanos = now;
            _lastStepNanos = now;
            _lastIntervalNanos = -1;
            return;
        }
        if (state == _electrical)
        {
            return;
        }
        CheckContinuous(now);
        int n = p.ExcitationStates;
        long table0 = p.AccelerationMicros[0] * 1000L;
        if (_rotor != _electrical && now - _lastPhaseChangeNanos >= table0)
        {
            // The rotor left behind by a missed step settles onto the phase held long enough.
            int lag = Wrap(_electrical - _rotor, n);
            PositionSteps += lag;
            _rotor = _electrical;
            _lastStepNanos = _lastPhaseChangeNanos;
            _lastIntervalNanos = table0;
        }
        _electrical = state;
        _lastPhaseChangeNanos = now;
        int d = Wrap(state - _rotor, n);
        if (d != 1 && d != -1)
        {
            MissedSteps++;
            return;
        }
        long interval = now - _lastStepNanos;
        double floorMicros = FloorAfterLastStep(p);
        var head = _head!;
        double volts = head.HeadVolts;
        double celsius = head.Thermal.HeadCelsiusAt(now);
        double rateMicros = _rates.Micros(volts, celsius);
        double allowedNanos = Math.Max(floorMicros, rateMicros) * 1000.0;
        // Tolerance: the driver works in whole microseconds.
        if (interval + 1000 < allowedNanos * 0.995)
        {
            MissedSteps++;
            ReportTooFast(now, interval, floorMicros, rateMicros, volts, celsius);
            return;
        }
        _rotor = state;
        PositionSteps += d;
        _lastIntervalNanos = interval;
        _lastStepNanos = now;
        head.OnStepped(now);
    }

    // The floors after the last step's interval, kept for the few intervals a motor steps at (its paces, each
    // slowed the same way line after line) and looked up again when the profile's table changes. The slot's
    // interval is its key: -2 marks an empty slot (no step is that long, and -1 is a start).
    private const int FloorSlotBits = 8;
    private const long NoFloorKey = -2;
    private readonly long[] _floorAfterNanos = EmptyFloorKeys();
    private readonly double[] _floorMicros = new double[1 << FloorSlotBits];
    private int[]? _floorTable;

    private static long[] EmptyFloorKeys()
    {
        var keys = new long[1 << FloorSlotBits];
        Array.Fill(keys, NoFloorKey);
        return keys;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double FloorAfterLastStep(MechanismProfile p)
    {
        long last = _lastIntervalNanos;
        int slot = (int)((ulong)last * 0x9E3779B97F4A7C15UL >> (64 - FloorSlotBits));
        if (_floorAfterNanos[slot] == last && ReferenceEquals(p.AccelerationMicros, _floorTable))
        {
            return _floorMicros[slot];
        }
        return LookUpFloor(p, last, slot);
    }

    private double LookUpFloor(MechanismProfile p, long last, int slot)
    {
        if (!ReferenceEquals(p.AccelerationMicros, _floorTable))
        {
            Array.Fill(_floorAfterNanos, NoFloorKey);
            _floorTable = p.AccelerationMicros;
        }
        // The driver counts whole microseconds, so the last interval is taken 1 us short when looking up the table.
        double floor = _physics.AccelerationFloorMicros(last < 0 ? -1 : Math.Max(0, last / 1000.0 - 1.0));
        _floorAfterNanos[slot] = last;
        _floorMicros[slot] = floor;
        return floor;
    }

    // The reports are written out of line: the strings they build would otherwise cost every step a larger frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportTooFast(long now, long interval, double floorMicros, double rateMicros, double volts, double celsius)
    {
        string why = floorMicros >= rateMicros
            ? $"acceleration table allows {floorMicros:F0} us after a {(_lastIntervalNanos < 0 ? "start" : (_lastIntervalNanos / 1000.0).ToString("F0") + " us step")}"
            : $"max rate at {volts:F2} V and {celsius:F1} degC is {_physics.MaxPps(volts, celsius):F0} pps";
        _checker.Report(now, TimingRule.MotorTooFast, $"step after {interval / 1000.0:F1} us; {why}; step missed");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportHoldTooShort(long now, long hold, int holdMillis) =>
        _checker.Report(now, TimingRule.StopHoldTooShort, $"coils released {hold / 1e6:F3} ms after the last step, hold is {holdMillis} ms");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportInvalidPhase(long now, int coilA, int coilB) =>
        _checker.Report(now, TimingRule.MotorPhaseInvalid, $"coils A={coilA} B={coilB} is not an excitation state");

    // The excitation state of each pair of coil currents (-1, 0, 1 each), the first in the profile's table
    // that has it, or -1: looked up at every step, worked out once per table.
    private readonly int[] _stateOfCoils = new int[9];
    private int[]? _stateCoilA;
    private int[]? _stateCoilB;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int StateOf(MechanismProfile p, int coilA, int coilB)
    {
        if (!ReferenceEquals(p.ExcitationCoilA, _stateCoilA) || !ReferenceEquals(p.ExcitationCoilB, _stateCoilB))
        {
            KeepStates(p);
        }
        return _stateOfCoils[(coilA + 1) * 3 + coilB + 1];
    }

    private void KeepStates(MechanismProfile p)
    {
        for (int a = -1; a <= 1; a++)
        {
            for (int b = -1; b <= 1; b++)
            {
                _stateOfCoils[(a + 1) * 3 + b + 1] = SearchState(p, a, b);
            }
        }
        _stateCoilA = p.ExcitationCoilA;
        _stateCoilB = p.ExcitationCoilB;
    }

    private static int SearchState(MechanismProfile p, int coilA, int coilB)
    {
        for (int i = 0; i < p.ExcitationStates; i++)
        {
            if (p.ExcitationCoilA[i] == coilA && p.ExcitationCoilB[i] == coilB)
            {
                return i;
            }
        }
        return -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void CheckContinuous(long now)
    {
        if (!_continuousReported && now - _energizedAtNanos > _physics.Profile.MotorMaxContinuousMillis * 1_000_000L)
        {
            ReportContinuous(now);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportContinuous(long now)
    {
        long limit = _physics.Profile.MotorMaxContinuousMillis * 1_000_000L;
        _continuousReported = true;
        _checker.Report(now, TimingRule.MotorContinuousDrive, $"driven {(now - _energizedAtNanos) / 1e9:F1} s continuously, limit {limit / 1e9:F1} s");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Wrap(int d, int n)
    {
        // Two states' difference is already within (-n, n): the division is left for what is not.
        if (d >= n || d <= -n)
        {
            d %= n;
        }
        if (d > n / 2)
        {
            d -= n;
        }
        if (d <= -n / 2)
        {
            d += n;
        }
        return d;
    }
}
