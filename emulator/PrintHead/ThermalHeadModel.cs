using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Trace;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The head as the datasheet draws it ([S-LTPD245C] Fig 3-7, Table 3-13): a 384-bit shift register clocked
/// on CLK rising (first bit to dot 1), a latch that takes the register while LAT is low, and one strobe per
/// block; a dot heats only while its strobe is on and its latch bit is set. The power in each heater
/// follows the supply at the head (sagging under the current drawn through the source resistance) and the
/// number of dots on; energy per firing is integrated over the actual strobe time and judged against the
/// datasheet's energy at the true head temperature. Every interface rule of the profile is checked at the
/// edge where it applies.
/// </summary>
public sealed class ThermalHeadModel : ISpiPeripheral
{
    private readonly VirtualClock _clock;
    private readonly HeadPhysics _physics;
    private readonly MechanismProfile _p;
    private readonly TimingChecker _checker;
    private readonly StepperMotorModel _motor;
    private readonly byte[] _register;
    // The latch and its black dots listed block by block; beside them the latch before it with its listing,
    // swapped back in when the register holds it again (TakeLatch).
    private byte[] _latch;
    private int[] _latchedDots;
    private int[] _blockLatchedStart;
    private byte[] _latchBefore;
    private int[] _latchedDotsBefore;
    private int[] _blockLatchedStartBefore;
    private readonly bool[] _blockLatchChangedUnderStrobe;
    // Set with any block's mark, cleared as the whole-block pass clears them all: a latch taken with every
    // strobe off leaves it clear.
    private bool _anyLatchChangedUnderStrobe;
    private readonly bool[] _strobeOn;
    private readonly int[] _blockDotsOn;
    private readonly long[] _strobeRiseNanos;
    private readonly bool[] _energized;
    private readonly int[] _firingOf;
    private readonly int[] _blockFiring;
    private readonly FiringStarts _firings;
    private readonly int[] _finishing;
    private readonly double[] _finishingRatios;
    private readonly SameAddendSums _firingJoulesSums;
    private int _finishingCount;
    private readonly DotRestBounds _restBounds;
    private readonly int[] _started;
    private int _startedCount;
    private readonly Load[] _loads;
    // Set by whatever the kept figures follow (the supply, its source resistance, V_H): they are cleared
    // at the next edge rather than the three compared at every edge.
    private bool _loadsStale = true;
    private bool _loadPowerOn;
    private double _askedCelsius = double.NaN;
    private double _askedVolts = double.NaN;
    private double _askedPeriodMicros = double.NaN;
    private double _askedMicrojoules;
    private double _energyPerDot;
    private long _energyAtNanos;
    private double _wattsPerDot;
    private int _dotsOn;
    private bool _latchLow;
    private long _latchFallNanos = long.MinValue / 4;
    private long _latchRiseNanos = long.MinValue / 4;
    private long _lastClockRiseNanos = long.MinValue / 4;
    private long _lastStrobeFallNanos = long.MinValue / 4;
    private long _lastHeatPosition = long.MinValue / 4;
    private bool _heatSinceRelease;
    private bool _paperPresent = true;
    private bool _platenOpen;
    private VirtualInputPin? _paperOutPin;
    private VirtualInputPin? _platenPin;

    /// <summary>Creates the head model over its physics, checker, motor, paper and thermal model.</summary>
    public ThermalHeadModel(VirtualClock clock, HeadPhysics physics, TimingChecker checker, StepperMotorModel motor,
        PaperStrip paper, HeadThermalModel thermal, double supplyVolts, double sourceOhms)
    {
        _clock = clock;
        _physics = physics;
        _p = physics.Profile;
        _checker = checker;
        _motor = motor;
        Paper = paper;
        Thermal = thermal;
        PaperPhysics = new PaperModel(_p.DotsPerLine, DatasheetEnergies.ReferenceMicrojoules(_p), PaperSensitivity.Standard);
        SupplyOpenVolts = supplyVolts;
        SourceOhms = sourceOhms;
        int n = _p.DotsPerLine;
        if (n <= 0 || n % 8 != 0)
        {
            // The shift register takes whole bytes (as every profile file must give, MechanismProfileFile).
            throw new ArgumentException($"dots per line must be a positive multiple of 8, not {n}", nameof(physics));
        }
        _stepsPerHeat = _p.StepsPerHeat;
        _stepsPerRow = _stepsPerHeat * _p.HeatsPerDotLine;
        _register = new byte[n / 8];
        // All white, listed as no dots in any block (as the arrays start): both listings hold from the start.
        _latch = new byte[n / 8];
        _latchedDots = new int[n];
        _blockLatchedStart = new int[_p.StrobeBlocks + 1];
        _latchBefore = new byte[n / 8];
        _latchedDotsBefore = new int[n];
        _blockLatchedStartBefore = new int[_p.StrobeBlocks + 1];
        _blockLatchChangedUnderStrobe = new bool[_p.StrobeBlocks];
        _started = new int[n];
        _loads = new Load[n + 1];
        _strobeOn = new bool[_p.StrobeBlocks];
        _blockDotsOn = new int[_p.StrobeBlocks];
        _strobeRiseNanos = new long[_p.StrobeBlocks];
        _energized = new bool[n];
        _firingOf = new int[n];
        _blockFiring = new int[_p.StrobeBlocks];
        Array.Fill(_blockFiring, -1);
        _firings = new FiringStarts(n);
        _finishing = new int[n];
        _finishingRatios = new double[n];
        _firingJoulesSums = new SameAddendSums(n);
        _restBounds = new DotRestBounds(n, _p.DotsPerBlock);
        _sameDotRestNanos = _p.SameDotRestMicros * 1000L;
        _sameDotPeriodNanos = _p.SameDotMinPeriodMicros * 1000L;
        _share = 1.0 / _p.HeatsPerDotLine;
        motor.Released = OnMotorReleased;
        motor.HoldExempt = () => _platenOpen;
        motor.Feeds(this);
    }

    /// <summary>The paper under the head.</summary>
    public PaperStrip Paper { get; }

    /// <summary>The head's temperatures.</summary>
    public HeadThermalModel Thermal { get; }

    /// <summary>
    /// Per paper row, the hottest the head was when one of the row's dots started to heat (NaN for a row with
    /// none): the conditions the run had, for its physical limit.
    /// </summary>
    public IReadOnlyList<double> RowCelsius => _rowCelsius;

    private readonly List<double> _rowCelsius = new();

    /// <summary>
    /// The paper's response to each firing: delivered energy and heat history to darkness. Every firing that
    /// ends goes through it, so it also keeps when each dot last started and ended, and where (<see cref="PaperModel.Histories"/>).
    /// </summary>
    public PaperModel PaperPhysics { get; }

    /// <summary>
    /// Keep <see cref="EffectiveEnergy"/>, <see cref="Energy"/> and <see cref="RowCelsius"/> (true unless a
    /// printer is built without them, <see cref="VirtualPrinterOptions.KeepStatistics"/>).
    /// </summary>
    public bool KeepStatistics { get; init; } = true;

    /// <summary>
    /// Take each strobe edge through its block alone (true, the default): the block's latched dots start or
    /// finish together as one firing, with no per-dot list. False takes every edge through the whole-head
    /// pass that also serves latches changed under a strobe; both give the same results to the bit, and the
    /// tests hold one against the other (<see cref="VirtualPrinterOptions.StrobeEdgesByBlock"/>).
    /// </summary>
    public bool StrobeEdgesByBlock { get; init; } = true;

    /// <summary>The effective energy ratio of every firing (the paper model's input to its curve).</summary>
    public RatioStats EffectiveEnergy { get; } = new();

    /// <summary>Delivered against asked energy per dot firing.</summary>
    public EnergyStats Energy { get; } = new();

    /// <summary>Open-circuit supply voltage (the battery); may be changed at any time.</summary>
    public double SupplyOpenVolts
    {
        get => _supplyOpenVolts;
        set
        {
            _supplyOpenVolts = value;
            _loadsStale = true;
        }
    }

    /// <summary>Source resistance of the supply (battery and wiring).</summary>
    public double SourceOhms
    {
        get => _sourceOhms;
        set
        {
            _sourceOhms = value;
            _loadsStale = true;
        }
    }

    private double _supplyOpenVolts;
    private double _sourceOhms;

    /// <summary>What the thermistor wire does.</summary>
    public ThermistorState ThermistorState { get; set; }

    /// <summary>Dots energised right now.</summary>
    public int DotsOn => _dotsOn;

    /// <summary>Most dots that were ever on at once.</summary>
    public int PeakDotsOn { get; private set; }

    /// <summary>Highest supply current drawn by the head, in amperes.</summary>
    public double PeakAmps { get; private set; }

    /// <summary>Strobe pulses seen.</summary>
    public long StrobePulses { get; private set; }

    /// <summary>Supply at the head terminals now.</summary>
    /// <remarks>
    /// The motor reads it at every step: with V_H on, the figures kept for the dots on now (<see cref="LoadFor"/>)
    /// were worked out from this very supply, so their volts are given instead of two divisions again.
    /// </remarks>
    public double HeadVolts
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get
        {
            if (!_loadsStale && _loadPowerOn)
            {
                ref Load load = ref _loads[_dotsOn];
                if (load.Known)
                {
                    return load.Volts;
                }
            }
            return HeadVoltsWorkedOut();
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private double HeadVoltsWorkedOut() => _physics.HeadVolts(SupplyOpenVolts, SourceOhms, _dotsOn);

    /// <summary>True when paper is under the head (the paper sensor reads low).</summary>
    public bool PaperPresent
    {
        get => _paperPresent;
        set
        {
            _paperPresent = value;
            _paperOutPin?.Drive(!value);
        }
    }

    /// <summary>True when the platen is open (the head-up switch reads high).</summary>
    public bool PlatenOpen
    {
        get => _platenOpen;
        set
        {
            _platenOpen = value;
            _platenPin?.Drive(value);
        }
    }

    private SignalTrace? _trace;
    private TraceSignal? _voltsSignal;
    private TraceSignal? _ampsSignal;
    private TraceSignal? _celsiusSignal;

    /// <summary>Traces the supply at the head (V), the head current (A) and the head temperature (degC) as real signals.</summary>
    public void AttachTrace(SignalTrace trace, string scope)
    {
        _trace = trace;
        _voltsSignal = trace.Declare(scope, "V_head", SignalKind.Real, SupplyOpenVolts);
        _ampsSignal = trace.Declare(scope, "I_head", SignalKind.Real, 0);
        _celsiusSignal = trace.Declare(scope, "T_head", SignalKind.Real, Thermal.HeadCelsiusAt(_clock.NowNanos));
    }

    // Checked in line at every edge that heats the head; recorded out of line (a trace is rare).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void TraceCelsius(long at)
    {
        if (_trace != null)
        {
            RecordCelsius(at);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void RecordCelsius(long at) => _trace!.Record(_celsiusSignal!, at, Math.Round(Thermal.HeadCelsiusAt(at), 3));

    /// <summary>Wires the model to the board's head pins.</summary>
    public void Connect(VirtualOutputPin latch, VirtualPulseOutput[] strobes, VirtualAdcChannel thermistor, VirtualAdcChannel supply,
        VirtualInputPin paperOut, VirtualInputPin platen, PrintHeadConfig board)
    {
        latch.Connect(OnLatch);
        for (int b = 0; b < strobes.Length; b++)
        {
            int block = b;
            strobes[b].Connect((high, at) => OnStrobe(block, high, at));
        }
        thermistor.SetSource(at => ThermistorPinMillivolts(at, board));
        supply.SetSource(at => SupplyPinMillivolts(at, board));
        _paperOutPin = paperOut;
        _platenPin = platen;
        paperOut.Drive(!_paperPresent);
        platen.Drive(_platenOpen);
    }

    /// <summary>Dot-line row a motor position falls in.</summary>
    public long RowOf(long positionSteps)
    {
        // The blocks of a pass start at one position, the one the step before looked up; the paper moves a step
        // at a time, so the row is carried from the one before with the step's place in it (a 64-bit division
        // at every step, otherwise), and only a jump divides again.
        if (positionSteps != _rowPosition)
        {
            if (positionSteps == _rowPosition + 1)
            {
                if (++_stepInRow == _stepsPerRow)
                {
                    _stepInRow = 0;
                    _row++;
                }
            }
            else if (positionSteps == _rowPosition - 1)
            {
                if (--_stepInRow < 0)
                {
                    _stepInRow = _stepsPerRow - 1;
                    _row--;
                }
            }
            else
            {
                _row = FloorDivide(positionSteps - 1, _stepsPerRow);
                _stepInRow = positionSteps - 1 - _row * _stepsPerRow;
            }
            _rowPosition = positionSteps;
        }
        return _row;
    }

    // The profile is fixed once the model is built (its arrays are sized by it).
    private readonly long _stepsPerRow;
    private readonly long _stepsPerHeat;
    private long _rowPosition = long.MinValue;
    private long _row;
    // Where the last position looked up falls in its row: (position - 1) less the row's first, 0 to steps per row - 1.
    private long _stepInRow;

    /// <summary>
    /// The firing window a position falls in. The first step after energising starts window 0, and a window
    /// spans the StepsPerHeat steps of one firing: a pass fired while the paper makes those steps belongs
    /// to that firing's (half) dot line.
    /// </summary>
    private long HalfLineOf(long positionSteps) => FloorDivide(positionSteps - 1, _stepsPerHeat);

    /// <summary>
    /// The quotient rounded down, in whole numbers (what Math.Floor of the double quotient gives for any
    /// position a roll of paper can reach, without the conversions; a window's row is then one division).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static long FloorDivide(long value, long divisor)
    {
        long quotient = value / divisor;
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
    }

    /// <summary>After each step the paper makes (the motor's call), with the time.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void OnStepped(long at)
    {
        long position = _motor.PositionSteps;
        Paper.ExtendTo((int)Math.Max(0, RowOf(position)));
        // A step into the next firing window: position - 1 a whole number of windows, as is its place in the
        // row (a row is a whole number of windows), which RowOf has just found.
        if (AnyStrobeOn() && _stepInRow % _stepsPerHeat == 0)
        {
            ReportHeatIntoNextWindow(at, position);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportHeatIntoNextWindow(long at, long position)
    {
        int on = 0;
        for (int b = 0; b < _strobeOn.Length; b++)
        {
            if (_strobeOn[b])
            {
                on++;
            }
        }
        _checker.Report(at, TimingRule.HeatIntoNextWindow, $"{on} strobes still on when the paper stepped into firing window {HalfLineOf(position)} ({position} steps)");
    }

    private int SupplyPinMillivolts(long at, PrintHeadConfig board)
    {
        if (AnyStrobeOn())
        {
            ReportSupplyReadDuringStrobe(at);
        }
        // Read with every strobe off, the supply at the head is the battery's, line after line: the same volts
        // through the same divider read the same millivolts, kept rather than divided and rounded again.
        double volts = HeadVolts;
        if (volts != _supplyPinVolts || board.SupplyDividerTopOhms != _supplyPinTopOhms || board.SupplyDividerBottomOhms != _supplyPinBottomOhms)
        {
            _supplyPinMillivolts = (int)Math.Round(volts * 1000.0 * board.SupplyDividerBottomOhms / (board.SupplyDividerTopOhms + board.SupplyDividerBottomOhms));
            _supplyPinVolts = volts;
            _supplyPinTopOhms = board.SupplyDividerTopOhms;
            _supplyPinBottomOhms = board.SupplyDividerBottomOhms;
        }
        return _supplyPinMillivolts;
    }

    // The supply pin's last reading and what it was worked out from (NaN: none yet).
    private double _supplyPinVolts = double.NaN;
    private int _supplyPinTopOhms;
    private int _supplyPinBottomOhms;
    private int _supplyPinMillivolts;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportSupplyReadDuringStrobe(long at) =>
        _checker.Report(at, TimingRule.SupplyReadDuringStrobe, $"supply read with a strobe on ({_dotsOn} dots heating, {HeadVolts:F3} V at the head)");

    private int ThermistorPinMillivolts(long atNanos, PrintHeadConfig board)
    {
        switch (ThermistorState)
        {
            case ThermistorState.Open:
                return board.ThermistorReferenceMillivolts;
            case ThermistorState.Short:
                return 0;
        }
        double r = _physics.ThermistorOhms(Thermal.SensorCelsiusAt(atNanos));
        return (int)Math.Round(board.ThermistorReferenceMillivolts * r / (r + board.ThermistorPullUpOhms));
    }

    /// <inheritdoc />
    public void OnTransfer(byte[] data, int offset, int count, long startNanos, long bitPeriodNanos)
    {
        long hz = 1_000_000_000L / bitPeriodNanos;
        if (hz > _p.ClockMaxHertz)
        {
            _checker.Report(startNanos, TimingRule.ClockTooFast, $"CLK {hz} Hz, max {_p.ClockMaxHertz} Hz");
        }
        long half = bitPeriodNanos / 2;
        if (half < _p.ClockPulseNanos)
        {
            _checker.Report(startNanos, TimingRule.ClockPulseTooShort, $"CLK half period {half} ns, min {_p.ClockPulseNanos} ns");
        }
        if (half < _p.DataSetupNanos)
        {
            _checker.Report(startNanos, TimingRule.DataSetup, $"DI setup {half} ns, min {_p.DataSetupNanos} ns");
        }
        if (bitPeriodNanos - half < _p.DataHoldNanos)
        {
            _checker.Report(startNanos, TimingRule.DataHold, $"DI hold {bitPeriodNanos - half} ns, min {_p.DataHoldNanos} ns");
        }
        long firstRise = startNanos + half;
        if (firstRise - _latchRiseNanos < _p.LatchHoldNanos)
        {
            _checker.Report(firstRise, TimingRule.LatchHold, $"CLK rose {firstRise - _latchRiseNanos} ns after LAT rose, min {_p.LatchHoldNanos} ns");
        }
        int bits = count * 8;
        // Whole bytes shift in (dots per line is a multiple of 8): the first bit clocked ends furthest along.
        int bytes = _register.Length;
        int keep = Math.Max(0, bytes - count);
        Array.Copy(_register, bytes - keep, _register, 0, keep);
        int fresh = bytes - keep;
        Array.Copy(data, offset + count - fresh, _register, keep, fresh);
        _lastClockRiseNanos = startNanos + (bits - 1) * bitPeriodNanos + half;
        if (_latchLow)
        {
            TakeLatch();
            Recompute(_clock.NowNanos);
        }
    }

    private void OnLatch(bool high, long at)
    {
        if (!high)
        {
            if (at - _lastClockRiseNanos < _p.LatchSetupNanos)
            {
                _checker.Report(at, TimingRule.LatchSetup, $"LAT fell {at - _lastClockRiseNanos} ns after the last CLK rise, min {_p.LatchSetupNanos} ns");
            }
            if (AnyStrobeOn())
            {
                _checker.Report(at, TimingRule.LatchDuringStrobe, "LAT fell while a strobe was on");
            }
            else if (_p.LatchWaitNanos > 0 && at - _lastStrobeFallNanos < _p.LatchWaitNanos)
            {
                _checker.Report(at, TimingRule.LatchWait, $"LAT fell {(at - _lastStrobeFallNanos) / 1000.0:F3} us after a strobe fell, min {_p.LatchWaitNanos / 1000.0:F3} us");
            }
            _latchLow = true;
            _latchFallNanos = at;
            TakeLatch();
            Recompute(at);
        }
        else
        {
            if (at - _latchFallNanos < _p.LatchWidthNanos)
            {
                _checker.Report(at, TimingRule.LatchWidth, $"LAT low {at - _latchFallNanos} ns, min {_p.LatchWidthNanos} ns");
            }
            _latchLow = false;
            _latchRiseNanos = at;
        }
    }

    /// <summary>
    /// Wires VH_EN, the switch from the battery to the head supply V_H, with the board's timings: V_dd is
    /// up from logicUpAtNanos and V_H may follow logicToHeadPowerNanos later; V_H settles rampNanos after
    /// the switch closes. Until this is called the head supply counts as always on.
    /// </summary>
    public void ConnectHeadPower(VirtualOutputPin headPower, long logicUpAtNanos, long logicToHeadPowerNanos, long rampNanos)
    {
        _headPowerWired = true;
        _headPowerOn = headPower.Level;
        _loadsStale = true;
        _logicUpAtNanos = logicUpAtNanos;
        _logicToHeadPowerNanos = logicToHeadPowerNanos;
        _headPowerRampNanos = rampNanos;
        headPower.Connect(OnHeadPower);
    }

    /// <summary>True while V_H is switched on (always, on a board without the switch).</summary>
    public bool HeadPowerOn => !_headPowerWired || _headPowerOn;

    private bool _headPowerWired;
    private bool _headPowerOn;
    private long _headPowerOnAtNanos;
    private long _logicUpAtNanos;
    private long _logicToHeadPowerNanos;
    private long _headPowerRampNanos;

    private void OnHeadPower(bool high, long at)
    {
        if (high == _headPowerOn)
        {
            return;
        }
        if (AnyStrobeOn())
        {
            _checker.Report(at, TimingRule.HeadPowerSequence, $"V_H switched {(high ? "on" : "off")} with a strobe on");
        }
        if (high && at - _logicUpAtNanos < _logicToHeadPowerNanos)
        {
            _checker.Report(at, TimingRule.HeadPowerSequence,
                $"V_H switched on {(at - _logicUpAtNanos) / 1000.0:F0} us after V_dd came up, min {_logicToHeadPowerNanos / 1000.0:F0} us (V_dd first)");
        }
        _headPowerOn = high;
        _loadsStale = true;
        _headPowerOnAtNanos = at;
        Recompute(at);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void OnStrobe(int block, bool high, long at)
    {
        if (high)
        {
            StrobePulses++;
            bool headPowerUnsettled = _headPowerWired && (!_headPowerOn || at - _headPowerOnAtNanos < _headPowerRampNanos);
            bool latchTooRecent = _latchLow || at - _latchRiseNanos < _p.LatchToStrobeNanos;
            if (headPowerUnsettled | latchTooRecent)
            {
                ReportStrobeRise(block, at, headPowerUnsettled, latchTooRecent);
            }
            _strobesOn += _strobeOn[block] ? 0 : 1;
            _strobeOn[block] = true;
            _strobeRiseNanos[block] = at;
        }
        else
        {
            long width = at - _strobeRiseNanos[block];
            if (width > _p.MaxStrobeMicros * 1000L)
            {
                ReportStrobeTooLong(block, at, width);
            }
            _strobesOn -= _strobeOn[block] ? 1 : 0;
            _strobeOn[block] = false;
            _lastStrobeFallNanos = at;
        }
        if (StrobeEdgesByBlock)
        {
            StrobeEdge(at, block);
        }
        else
        {
            Recompute(at, block);
        }
    }

    /// <summary>The rules on a strobe's rise that the checks in <see cref="OnStrobe"/> found broken, reported in their order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportStrobeRise(int block, long at, bool headPowerUnsettled, bool latchTooRecent)
    {
        if (headPowerUnsettled)
        {
            _checker.Report(at, TimingRule.StrobeWithoutHeadPower, !_headPowerOn
                ? $"STB{block + 1} rose with V_H off"
                : $"STB{block + 1} rose {(at - _headPowerOnAtNanos) / 1000.0:F0} us after V_H was switched on, settles in {_headPowerRampNanos / 1000.0:F0} us");
        }
        if (latchTooRecent)
        {
            _checker.Report(at, TimingRule.LatchToStrobe, _latchLow
                ? $"STB{block + 1} rose while LAT was low"
                : $"STB{block + 1} rose {at - _latchRiseNanos} ns after LAT rose, min {_p.LatchToStrobeNanos} ns");
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportStrobeTooLong(int block, long at, long width) =>
        _checker.Report(at, TimingRule.StrobeTooLong, $"STB{block + 1} on {width / 1000.0:F1} us, max {_p.MaxStrobeMicros} us");

    private bool AnyStrobeOn() => _strobesOn > 0;

    // Strobes on now: the count kept as they change, read at every step and latch.
    private int _strobesOn;

    /// <summary>
    /// Brings the energy integral to now, then starts and finishes dots whose heating changed. A dot heats
    /// only while its block's strobe is on and its latch bit is set, so only the block whose strobe just
    /// changed, and blocks whose latch changed under their strobe, can change; within a block only the
    /// latched dots can heat (and, unless the latch changed under the strobe, every heating dot is one).
    /// The rest are passed over, and the dots that change are still visited in dot order, so the energy
    /// sums are the same to the bit as over the whole line.
    /// </summary>
    private void Recompute(long now, int changedBlock = -1)
    {
        if (changedBlock < 0 && !_anyLatchChangedUnderStrobe)
        {
            // A latch taken with every strobe off (every latch, from a well-timed driver), or V_H switched: no
            // dot starts or stops, so the blocks' counts still sum to the dots on; only the load settles.
            AccrueEnergy(now);
            Settle(now, 0, _dotsOn);
            return;
        }
        _anyLatchChangedUnderStrobe = false;
        AccrueEnergy(now);
        int dotsPerBlock = _p.DotsPerBlock;
        _startedCount = 0;
        _finishingCount = 0;
        for (int b = 0; b < _strobeOn.Length; b++)
        {
            // A block whose strobe and latch both stayed as they were heats the dots it heated.
            if (b != changedBlock && !_blockLatchChangedUnderStrobe[b])
            {
                continue;
            }
            bool strobe = _strobeOn[b];
            if (_blockLatchChangedUnderStrobe[b])
            {
                // Dots heating may not be latched any more: every dot of the block is looked at once.
                _blockLatchChangedUnderStrobe[b] = false;
                int blockOn = 0;
                int end = (b + 1) * dotsPerBlock;
                for (int d = b * dotsPerBlock; d < end; d++)
                {
                    bool on = strobe && (_latch[d >> 3] & (0x80 >> (d & 7))) != 0;
                    blockOn += on ? 1 : 0;
                    Switch(d, on);
                }
                _blockDotsOn[b] = blockOn;
                continue;
            }
            // Only latched dots can heat, and every heating dot is latched: the white ones are passed over.
            int first = _blockLatchedStart[b];
            int last = _blockLatchedStart[b + 1];
            for (int i = first; i < last; i++)
            {
                Switch(_latchedDots[i], strobe);
            }
            _blockDotsOn[b] = strobe ? last - first : 0;
        }
        int count = 0;
        for (int b = 0; b < _blockDotsOn.Length; b++)
        {
            count += _blockDotsOn[b];
        }
        double joules = _finishingCount > 0 ? FinishDots(_finishing, 0, _finishingCount, now) : 0;
        double volts = Settle(now, joules, count);
        if (_startedCount > 0)
        {
            int firing = StartDots(now, volts, _started, 0, _startedCount);
            for (int i = 0; i < _startedCount; i++)
            {
                _firingOf[_started[i]] = firing;
            }
        }
    }

    /// <summary>
    /// One strobe edge of one block when no latch changed under a strobe (the latch is taken, and its
    /// changes worked out, as it falls): the block's latched dots all start as the strobe rises, and the
    /// same dots finish as it falls. The dots a rise started share one firing, kept for the block instead
    /// of per dot (<see cref="_blockFiring"/>); a latch that changes under the strobe writes it to the dots
    /// (<see cref="TakeLatch"/>) for the whole-block pass. Everything else is as in <see cref="Recompute"/>,
    /// in the same order, so the results are the same to the bit.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void StrobeEdge(long now, int block)
    {
        AccrueEnergy(now);
        int first = _blockLatchedStart[block];
        int last = _blockLatchedStart[block + 1];
        int was = _blockDotsOn[block];
        bool strobe = _strobeOn[block];
        int on = strobe ? last - first : 0;
        _blockDotsOn[block] = on;
        double joules = 0;
        if (!strobe && was > 0)
        {
            int firing = _blockFiring[block];
            joules = firing >= 0
                ? FinishFiring(_latchedDots, first, last, firing, now, 0)
                : FinishDots(_latchedDots, first, last, now);
            _blockFiring[block] = -1;
        }
        double volts = Settle(now, joules, _dotsOn - was + on);
        if (strobe && was == 0 && on > 0)
        {
            _blockFiring[block] = StartDots(now, volts, _latchedDots, first, last);
        }
    }

    /// <summary>The energy each heating dot has taken so far, brought up to now at the power it has been taking.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void AccrueEnergy(long now)
    {
        // Most edges come at the instant of the one before (blocks strobed together): a finite power over no
        // time adds a zero, which leaves the integral as it was (it is never -0), so the division is skipped.
        if (now == _energyAtNanos && double.IsFinite(_wattsPerDot))
        {
            return;
        }
        _energyPerDot += _wattsPerDot * (now - _energyAtNanos) / 1e9;
        _energyAtNanos = now;
    }

    /// <summary>
    /// After an edge: the heat the finished dots took goes to the head, and the supply, current and dot
    /// count settle at the new number of dots on (with the checks on them); returns the supply at the head.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private double Settle(long now, double joules, int count)
    {
        if (joules > 0)
        {
            Thermal.AddJoules(now, joules);
            TraceCelsius(now);
        }
        int before = _dotsOn;
        _dotsOn = count;
        LoadFor(count, out double volts, out double amps);
        if (count > PeakDotsOn)
        {
            PeakDotsOn = count;
        }
        PeakAmps = Math.Max(PeakAmps, amps);
        if (_trace != null)
        {
            _trace.Record(_voltsSignal!, now, Math.Round(volts, 4));
            _trace.Record(_ampsSignal!, now, Math.Round(amps, 4));
        }
        if (count > _p.MaxSimultaneousDots && count > before)
        {
            ReportTooManyDots(now, count, volts);
        }
        return volts;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportTooManyDots(long now, int count, double volts)
    {
        double peak = count * volts / _p.HeaterMinOhms;
        _checker.Report(now, TimingRule.TooManyDots, $"{count} dots on at once, max {_p.MaxSimultaneousDots}; peak current {peak:F2} A");
    }

    /// <summary>
    /// The supply at the head, the power per dot (kept as the rate the energy integral runs at) and the head
    /// current with a number of dots on. They depend only on the count while the supply, its source
    /// resistance and V_H stay as they were, and the same counts come back pass after pass: each count's
    /// figures are kept until one of those changes (the same arithmetic, so the same values to the bit).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void LoadFor(int count, out double volts, out double amps)
    {
        ref Load load = ref _loads[count];
        if (_loadsStale || !load.Known)
        {
            load = ref WorkOutLoad(count);
        }
        volts = load.Volts;
        amps = load.Amps;
        _wattsPerDot = load.Watts;
    }

    /// <summary>The figures for a count not kept yet (or kept for a supply that has changed since), kept from now on.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ref Load WorkOutLoad(int count)
    {
        if (_loadsStale)
        {
            Array.Clear(_loads);
            _loadPowerOn = HeadPowerOn;
            _loadsStale = false;
        }
        bool powerOn = _loadPowerOn;
        ref Load load = ref _loads[count];
        if (_loadsStale || !load.Known)
        {
            // With V_H switched off the dots get nothing (a V_H still rising is reported, not modelled).
            double v = powerOn ? _physics.HeadVolts(SupplyOpenVolts, SourceOhms, count) : 0;
            load.Volts = v;
            load.Watts = _physics.DotWatts(v, count);
            load.Amps = count * v / _physics.PathOhms(count);
            load.Known = true;
        }
        return ref load;
    }

    /// <summary>The figures kept for one number of dots on (side by side: one look-up reads one place).</summary>
    private struct Load
    {
        public bool Known;
        public double Volts;
        public double Watts;
        public double Amps;
    }

    // Fixed once built, from the profile.
    private readonly long _sameDotRestNanos;
    private readonly long _sameDotPeriodNanos;
    private readonly double _share;

    /// <summary>
    /// Starts or finishes one dot's heating: a dot that starts is listed for <see cref="StartDots"/>, one that
    /// stops for <see cref="FinishDots"/>, both in the order visited (dot order, block by block).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Switch(int d, bool on)
    {
        if (on && !_energized[d])
        {
            _energized[d] = true;
            _started[_startedCount++] = d;
        }
        else if (!on && _energized[d])
        {
            _finishing[_finishingCount++] = d;
        }
    }

    /// <summary>Latches whose black dots were not listed again: the latch before it, taken back with its listing.</summary>
    public long LatchListingsTakenBack { get; private set; }

    /// <summary>
    /// Takes the shift register into the latch and lists its black dots block by block, in dot order. A
    /// block whose strobe is on when its latch changes is marked: its heating dots may now be white.
    /// A line of two passes fired twice (a firing per half line) latches A, B, A, B: the latch before this
    /// one is kept with its listing, and a register that holds it again swaps the two back (over a third of
    /// the latches that change, in a soak) instead of listing its dots again.
    /// </summary>
    private void TakeLatch()
    {
        // A well-driven latch falls with every strobe off: the count kept says so without a look at each.
        for (int b = 0; _strobesOn > 0 && b < _strobeOn.Length; b++)
        {
            if (_strobeOn[b])
            {
                _blockLatchChangedUnderStrobe[b] = true;
                _anyLatchChangedUnderStrobe = true;
                WriteBlockFiringToDots(b);
            }
        }
        if (_register.AsSpan().SequenceEqual(_latch))
        {
            return;
        }
        SwapLatchWithTheOneBefore();
        if (_register.AsSpan().SequenceEqual(_latch))
        {
            LatchListingsTakenBack++;
            return;
        }
        Array.Copy(_register, _latch, _latch.Length);
        LatchListing.List(_latch, _strobeOn.Length, _p.DotsPerBlock, _latchedDots, _blockLatchedStart);
    }

    private void SwapLatchWithTheOneBefore()
    {
        (_latch, _latchBefore) = (_latchBefore, _latch);
        (_latchedDots, _latchedDotsBefore) = (_latchedDotsBefore, _latchedDots);
        (_blockLatchedStart, _blockLatchedStartBefore) = (_blockLatchedStartBefore, _blockLatchedStart);
    }

    /// <summary>
    /// Writes a block's shared firing to each of its heating dots (they are its latched dots, still as
    /// latched): the whole-block pass after a latch change under the strobe goes dot by dot.
    /// </summary>
    private void WriteBlockFiringToDots(int block)
    {
        int firing = _blockFiring[block];
        if (firing < 0)
        {
            return;
        }
        for (int i = _blockLatchedStart[block]; i < _blockLatchedStart[block + 1]; i++)
        {
            int d = _latchedDots[i];
            _energized[d] = true;
            _firingOf[d] = firing;
        }
        _blockFiring[block] = -1;
    }

    /// <summary>
    /// Starts the heating of dots[from..to) (in dot order) as one firing and checks the rules on a dot's
    /// start; returns the firing.
    /// </summary>
    private int StartDots(long now, double volts, int[] dots, int from, int to)
    {
        double celsius = Thermal.HeadCelsiusAt(now);
        double sensorCelsius = Thermal.SensorCelsiusAt(now);
        long position = _motor.PositionSteps;
        // The period goes only into the energy the datasheet asks for, a run statistic: a printer without the
        // statistics does not work it out (a division per firing).
        double period = KeepStatistics ? PeriodMicros() : double.NaN;
        long row = RowOf(position);
        bool onPaper = _paperPresent && !_platenOpen;
        if (KeepStatistics)
        {
            RecordRowCelsius(row, celsius);
        }
        // The dots started together share their conditions: one record, which each of them names.
        int firing = _firings.Open(to - from, now, _energyPerDot, volts, celsius, period, row, onPaper, position);
        // Nearly every start clears the rules by its blocks' bounds; only the others check dot by dot. Either
        // way the dots' start and position are noted as the firing ends, in their histories (FinishFiring).
        int notMoved = 0;
        int tooSoon = 0;
        long worstGap = long.MaxValue;
        if (!_restBounds.StartClears(dots, from, to, now, position, _sameDotRestNanos, _sameDotPeriodNanos))
        {
            notMoved = StartTimes(PaperPhysics.Histories, dots, from, to, now, position, _sameDotRestNanos,
                _sameDotPeriodNanos, out tooSoon, out worstGap);
        }
        if ((tooSoon | notMoved) != 0 || !onPaper || sensorCelsius > _p.OverheatStopCelsius)
        {
            ReportStart(now, tooSoon, worstGap, notMoved, position, sensorCelsius);
        }
        _lastHeatPosition = position;
        _heatSinceRelease = true;
        return firing;
    }

    /// <summary>The motor's period per firing window, in us, from its last step interval (its first acceleration step before it stepped).</summary>
    private double PeriodMicros()
    {
        double lastInterval = _motor.LastIntervalNanos < 0 ? _p.AccelerationMicros[0] : _motor.LastIntervalNanos / 1000.0;
        return lastInterval * _stepsPerHeat;
    }

    /// <summary>
    /// Counts the dots of dots[from..to) started too soon after their last pulse (with the shortest rest among
    /// them) and those started again at the same paper position, from their last firings' histories (when each
    /// ended, started and at which position: <see cref="PaperModel.Histories"/>). A loop of its own, away from
    /// the reports' text, so its figures stay in registers.
    /// </summary>
    private static int StartTimes(ReadOnlySpan<PaperModel.DotHistory> histories, int[] dots, int from, int to, long now,
        long position, long restNanos, long periodNanos, out int tooSoon, out long worstGap)
    {
        int soonCount = 0;
        int notMoved = 0;
        long worst = long.MaxValue;
        if (from < 0 || to > dots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"dots {from}..{to} of {dots.Length}");
        }
        // i stays in [from, to), checked once above; a dot number (the latch's data) is checked as it is used.
        ref int listed = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(dots);
        for (int i = from; i < to; i++)
        {
            int d = System.Runtime.CompilerServices.Unsafe.Add(ref listed, i);
            ref readonly PaperModel.DotHistory dot = ref histories[d];
            long rest = now - dot.LastEndNanos;
            if ((rest < restNanos) | (now - dot.StartNanos < periodNanos))
            {
                soonCount++;
                worst = Math.Min(worst, rest);
            }
            notMoved += dot.HeatPosition == position ? 1 : 0;
        }
        tooSoon = soonCount;
        worstGap = worst;
        return notMoved;
    }

    /// <summary>The rules on a start that one of its checks found broken, reported in their order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReportStart(long now, int tooSoon, long worstGap, int notMoved, long position, double sensorCelsius)
    {
        if (tooSoon > 0)
        {
            _checker.Report(now, TimingRule.SameDotTooSoon, $"{tooSoon} dots fired again {worstGap / 1000.0:F1} us after their last pulse ended; rest {_p.SameDotRestMicros} us, period {_p.SameDotMinPeriodMicros} us");
        }
        if (notMoved > 0)
        {
            _checker.Report(now, TimingRule.HeatWithoutPaperMotion, $"{notMoved} dots heated again with the paper at the same position ({position} steps)");
        }
        if (!_paperPresent || _platenOpen)
        {
            _checker.Report(now, TimingRule.HeatWithoutPaper, _platenOpen ? "heat with the platen open" : "heat with no paper");
        }
        // The datasheets set the limit on the thermistor's reading ([S-LTPD245C] 3.5.9: R_TH <= 3.25 kOhm).
        if (sensorCelsius > _p.OverheatStopCelsius)
        {
            _checker.Report(now, TimingRule.HeatWhenOverheated, $"heat with the thermistor at {sensorCelsius:F2} degC, stop above {_p.OverheatStopCelsius} degC");
        }
    }

    private void RecordRowCelsius(long row, double celsius)
    {
        if (row < 0 || row > 10_000_000)
        {
            return;
        }
        while (_rowCelsius.Count <= row)
        {
            _rowCelsius.Add(double.NaN);
        }
        double was = _rowCelsius[(int)row];
        if (double.IsNaN(was) || celsius > was)
        {
            _rowCelsius[(int)row] = celsius;
        }
    }

    /// <summary>
    /// Ends the heating of dots[from..to) (in dot order), each of its own firing (<see cref="_firingOf"/>):
    /// the dots of each run that one firing started end together (<see cref="FinishFiring"/>). Returns the
    /// joules the dots took.
    /// </summary>
    private double FinishDots(int[] dots, int from, int to, long now)
    {
        double joules = 0;
        while (from < to)
        {
            int firing = _firingOf[dots[from]];
            int end = from;
            while (end < to && _firingOf[dots[end]] == firing)
            {
                _energized[dots[end]] = false;
                end++;
            }
            joules = FinishFiring(dots, from, end, firing, now, joules);
            from = end;
        }
        return joules;
    }

    /// <summary>
    /// Ends dots[from..to) of one firing (in dot order): delivered against asked energy, the paper's
    /// response, darkness and the mark. The dots share their delivered and asked energy, worked out once;
    /// the sums still take every dot's share in dot order, so the figures are the same to the bit as dot by
    /// dot. Returns joules plus the joules the dots took (added dot by dot).
    /// </summary>
    private double FinishFiring(int[] dots, int from, int to, int firing, long now, double joules)
    {
        var paper = PaperPhysics;
        double share = _share;
        _restBounds.NoteEnd(dots, from, to, now);
        ref readonly FiringStart started = ref _firings[firing];
        double delivered = (_energyPerDot - started.EnergyAtStart) * 1e6;
        double firingJoules = delivered / 1e6;
        // Each dot's end is noted by the paper model as it fires the dots below. From zero (a strobe edge's own
        // firing) the dots' serial sum is the one kept for the same joules.
        joules = BitConverter.DoubleToInt64Bits(joules) == 0
            ? _firingJoulesSums.Of(firingJoules, to - from)
            : AddCopies(joules, firingJoules, to - from);
        double celsius = started.Celsius;
        if (KeepStatistics)
        {
            double asked = AskedMicrojoules(celsius, started.Volts, started.PeriodMicros);
            Energy.Add(now, delivered, asked, to - from);
        }
        // Dots on paper are fired and marked in one pass over them.
        if (started.OnPaper)
        {
            paper.FireAndMark(dots, from, to, started.StartNanos, now, delivered, celsius,
                KeepStatistics ? _finishingRatios : null, Paper, (int)started.Row, share, started.Position);
        }
        else
        {
            paper.Fire(dots, from, to, started.StartNanos, now, delivered, celsius, _finishingRatios, started.Position);
        }
        if (KeepStatistics)
        {
            EffectiveEnergy.Add(_finishingRatios, from, to);
        }
        _firings.Release(firing, to - from);
        return joules;
    }

    /// <summary>
    /// sum + addend + addend + ... (count copies, added one at a time, as dot by dot). A loop of its own, so
    /// the sum stays in a register.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static double AddCopies(double sum, double addend, int count)
    {
        for (int i = 0; i < count; i++)
        {
            sum += addend;
        }
        return sum;
    }

    /// <summary>The datasheet's energy for a firing, kept for the next dot: the dots of one start share their conditions.</summary>
    private double AskedMicrojoules(double celsius, double volts, double periodMicros)
    {
        if (celsius != _askedCelsius || volts != _askedVolts || periodMicros != _askedPeriodMicros)
        {
            _askedCelsius = celsius;
            _askedVolts = volts;
            _askedPeriodMicros = periodMicros;
            _askedMicrojoules = _physics.TargetMicrojoules(celsius, volts, periodMicros);
        }
        return _askedMicrojoules;
    }

    private void OnMotorReleased(long at)
    {
        if (_heatSinceRelease && _motor.PositionSteps - _lastHeatPosition < _p.FeedStepsAfterHeat && _paperPresent && !_platenOpen)
        {
            _checker.Report(at, TimingRule.NoFeedAfterHeat, $"motor stopped {_motor.PositionSteps - _lastHeatPosition} steps after the last heat, needs {_p.FeedStepsAfterHeat}");
        }
        _heatSinceRelease = false;
    }
}
