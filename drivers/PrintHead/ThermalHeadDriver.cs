using System;
using PosFirmware.Hal;
using PosFirmware.Printing;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// Drives a bare thermal mechanism from its profile: shifts each pass of a dot line over SPI, latches it,
    /// fires the strobes for exactly the heat time the profile's equations give at the measured head
    /// temperature and supply (sag included), and steps the paper with the acceleration table, stretching a
    /// step when the heat it carries needs longer. Faults stop it safely (no strobe, motor stopped as the
    /// datasheet asks) and are reported; the caller retries the same line once they clear.
    /// Single-threaded, allocation-free per line: every buffer is made in the constructor.
    /// </summary>
    public class ThermalHeadDriver : IDotLineSink
    {
        private readonly MechanismProfile _p;
        private readonly PrintHeadPins _pins;
        // LAT on a pulse output (sent ahead, timed by the hardware), or null for LAT on a GPIO written in the gap.
        private readonly IPulseOutput _latchPulse;
        private bool _latchSentAhead;

        /// <summary>Table looks more than last time a step's lookup is allowed when a latch is timed after it.</summary>
        private const int StepLookupSlack = 4;
        private readonly PrintHeadConfig _config;
        private readonly IClock _clock;
        private readonly HeatEquations _eq;
        private readonly StepperDrive _motor;
        private readonly StrobePlan _plan;
        private readonly HeatTimer _timer;
        private readonly ThermistorTable _thermistor;
        private readonly ICpuMeter _cpu;
        // The paper and platen switches, each reading used again for a short span within one call.
        private readonly SwitchReading _paperOut;
        private readonly SwitchReading _platenOpen;
        private readonly int _maxDotsPerPass;
        private readonly byte[][] _passData;
        private readonly int[] _passDataFirstByte;
        private readonly int[] _passDataEndByte;
        private PassRecord _firedNow;
        private PassRecord _firedLast;
        private long _olderStartMicros;
        private long _olderEndMicros;
        private float _energyMicrojoules;
        private float _energyCelsius;
        private long _prepareMicros;
        private long _shiftMicros;
        private long _passWorkMicros;
        private long _fireMicros;
        private long _latchCallMicros;
        private long _pulseCallMicros;
        private long _aheadCallMicros;
        private long _stepCallMicros;
        // The last step's call without its phase writes, and the looks it made (its table lookup's and two).
        private long _stepLookMicros;
        private int _stepLooks = 1;
        private long _platenReadMicros;
        private long _supplyReadMicros;
        private long _blockLookMicros;
        private int _latchedMask = -1;
        private long _passDotsReadyMicros;
        private int _passWidthMicros;
        private long _passWidthSteps = -1;
        private int _uncorrectedDots = -1;
        private float _uncorrectedSupplyMillivolts;
        private float _uncorrectedEnergy;
        private float _uncorrectedLoadedVolts;
        private float _uncorrectedMicros;
        // The strobe time last worked out, kept for a mechanism whose time does not follow the period.
        private int _uncorrectedWidth;
        // Eq. 8's corrected time last worked out and the step interval it was for (long.MinValue: none, for the
        // uncorrected time held now).
        private float _correctedMicros;
        private long _correctedInterval = long.MinValue;
        // True while _uncorrectedWidth is the width of _correctedMicros with the settings below.
        private bool _widthKept;
        private int _widthFixedHeatMicros;
        private int _widthEnergyPercent;
        private int _widthMaxStrobeMicros;
        // Motor steps between two firings, divided once (the profile's figure is a division at every read), as
        // the latch timings are worked out once from the profile.
        private readonly int _stepsPerHeat;
        // The first pass of the last firing that may still overlap the pass being made ready (DotsReadyMicros).
        private int _lastFiringLook;
        private long _logicUpMicros;
        private bool _headPowered;
        private long _headPowerReadyMicros;
        private readonly int _latchSetupMicros;
        private readonly int _latchWidthMicros;
        private readonly int _latchHoldMicros;
        private readonly int _latchToStrobeMicros;
        private readonly int _latchWaitMicros;
        private readonly float _sourceOhms;
        private readonly float _supplyDividerRatio;
        private readonly float _motorCapMarginCelsius;
        private long _strobeEndMicros;
        private long _shiftEndMicros;
        private long _latchHighMicros;
        private bool _overheated;
        private readonly float _overheatStopAtCelsius;
        // Lines (printed or fed) until the thermistor is read again; 0 reads it on the next line.
        private int _linesToThermistorRead;
        private bool _thermistorBad;
        private bool _backlashPending;
        private long _motorRestUntilMicros;
        private float _celsius;
        private float _supplyMillivolts;
        private float _maxPps;
        // The motor's rate cap last worked out (LimitMotorRate) and what it followed; NaN: none yet.
        private long _rateLimitMicros;
        private float _rateSupplyMillivolts = float.NaN;
        private int _rateDotsOn;
        private float _rateCelsius;
        private int _rateMarginPercent;
        private long _stretchMicros;

        /// <summary>Creates the driver; the motor starts released and the latch idle (high).</summary>
        public ThermalHeadDriver(MechanismProfile profile, PrintHeadPins pins, PrintHeadConfig config, IClock clock)
            : this(profile, pins, config, clock, null)
        {
        }

        /// <summary>
        /// Creates the driver with a meter told of the work it does (the emulator's device CPU model; none on
        /// the device).
        /// </summary>
        public ThermalHeadDriver(MechanismProfile profile, PrintHeadPins pins, PrintHeadConfig config, IClock clock, ICpuMeter cpu)
        {
            Check.That(profile != null && pins != null && config != null && clock != null, "driver has a profile, pins, config and clock");
            Check.That(pins.Strobes != null && (pins.Strobes.Length == profile.StrobeBlocks || pins.Strobes.Length == 1),
                "one strobe output per block, or one for every block tied together");
            Check.That(profile.DotsPerBlock % 8 == 0, "strobe blocks are whole bytes");
            Check.That(pins.Data != null && (pins.Latch != null || pins.LatchPulse != null) && pins.Thermistor != null && pins.Supply != null
                && pins.PaperOut != null && pins.PlatenOpen != null && pins.HeadPower != null, "every head pin is wired");
            _p = profile;
            _pins = pins;
            _latchPulse = pins.LatchPulse;
            _config = config;
            _clock = clock;
            _eq = new HeatEquations(profile);
            _motor = new StepperDrive(profile, pins.MotorPhases, clock, config.AccelerationPercent);
            _plan = new StrobePlan(profile.DotsPerLine);
            _timer = new HeatTimer(profile);
            _thermistor = new ThermistorTable(_eq, config);
            _cpu = cpu;
            _paperOut = new SwitchReading(pins.PaperOut, clock);
            _platenOpen = new SwitchReading(pins.PlatenOpen, clock);
            _maxDotsPerPass = config.MaxDotsPerPassOverride > 0 && config.MaxDotsPerPassOverride < profile.MaxSimultaneousDots
                ? config.MaxDotsPerPassOverride
                : profile.MaxSimultaneousDots;
            // One SPI buffer per pass, kept between lines: a line rewrites only the bytes its passes cover.
            int maxPasses = (profile.DotsPerLine + _maxDotsPerPass - 1) / _maxDotsPerPass;
            if (maxPasses < profile.StrobeBlocks)
            {
                maxPasses = profile.StrobeBlocks;
            }
            _passData = new byte[maxPasses][];
            for (int k = 0; k < maxPasses; k++)
            {
                _passData[k] = new byte[profile.BytesPerLine];
            }
            _passDataFirstByte = new int[maxPasses];
            _passDataEndByte = new int[maxPasses];
            _firedNow = new PassRecord(maxPasses);
            _firedLast = new PassRecord(maxPasses);
            _olderStartMicros = -1000000;
            _olderEndMicros = -1000000;
            _stepsPerHeat = profile.StepsPerHeat;
            _latchSetupMicros = MicrosAtLeast(profile.LatchSetupNanos);
            _latchWidthMicros = MicrosAtLeast(profile.LatchWidthNanos);
            _latchHoldMicros = MicrosAtLeast(profile.LatchHoldNanos);
            _latchToStrobeMicros = MicrosAtLeast(profile.LatchToStrobeNanos);
            _latchWaitMicros = MicrosAtLeast(profile.LatchWaitNanos);
            _sourceOhms = config.SupplySourceMilliohms / 1000.0f;
            _supplyDividerRatio = (float)(config.SupplyDividerTopOhms + config.SupplyDividerBottomOhms) / config.SupplyDividerBottomOhms;
            _motorCapMarginCelsius = (float)config.MotorCapMarginCelsius;
            Check.That(config.ThermistorEveryLines >= 1, "the thermistor is read once every ThermistorEveryLines lines, at least 1");
            // The margin must cover the head's rise over the lines a reading serves (that line and the ones up to
            // the next reading): a wider reading interval widens it.
            double riseCelsius = config.ThermistorEveryLines * config.HeadRisePerLineCelsius;
            double marginCelsius = riseCelsius > config.OverheatMarginCelsius ? riseCelsius : config.OverheatMarginCelsius;
            _overheatStopAtCelsius = (float)(profile.OverheatStopCelsius - marginCelsius);
            _maxPps = profile.MaxPps[0];
            _motor.SetRateLimit(StepperDrive.RateLimitMicros(_maxPps, config.MotorRateMarginPercent));
            if (_latchPulse == null)
            {
                _pins.Latch.Write(true);
            }
            _pins.HeadPower.Write(false);
            _logicUpMicros = clock.NowMicros;
            _motor.Release();
        }

        /// <summary>
        /// Creates a deliberately wrong driver when forgetsHeatEnd is set: it forgets when the last strobe's heat
        /// ends, so it opens the next firing window and reads the supply with a strobe still on (the timing
        /// checks must catch it). A flag read inline, not an overridden call: HeatEndMicros is asked at every
        /// step.
        /// </summary>
        protected ThermalHeadDriver(MechanismProfile profile, PrintHeadPins pins, PrintHeadConfig config, IClock clock, bool forgetsHeatEnd)
            : this(profile, pins, config, clock, null)
        {
            _forgetsHeatEnd = forgetsHeatEnd;
        }

        private readonly bool _forgetsHeatEnd;

        /// <inheritdoc />
        public int DotsPerLine
        {
            get { return _p.DotsPerLine; }
        }

        /// <summary>The profile driven.</summary>
        public MechanismProfile Profile
        {
            get { return _p; }
        }

        /// <summary>Dot lines printed since start-up.</summary>
        public long LinesPrinted;

        /// <summary>Strobe passes fired since start-up.</summary>
        public long PassesFired;

        /// <summary>The fault last reported (Ok when none).</summary>
        public PrintStatus LastFault = PrintStatus.Ok;

        /// <summary>The head temperature read last (once every ThermistorEveryLines lines), in degC.</summary>
        public double HeadCelsius
        {
            get { return _celsius; }
        }

        /// <summary>The supply read last, in mV, with no strobe on.</summary>
        public double SupplyMillivolts
        {
            get { return _supplyMillivolts; }
        }

        /// <summary>True while the motor coils are driven.</summary>
        public bool MotorEnergized
        {
            get { return _motor.Energized; }
        }

        /// <inheritdoc />
        public PrintStatus PrintLine(byte[] dots, int offset)
        {
            Check.That(dots != null && offset >= 0 && offset + _p.BytesPerLine <= dots.Length, "a whole dot line inside the buffer");
            ForgetSensorReadings();
            StopIfIdle();
            // The paper steps into this line's first window while the line is being prepared, if the step
            // falls due meanwhile: a step taken late re-enters the acceleration table further down.
            OpenWindowIfDueWithin(_prepareMicros);
            long prepareStart = _clock.NowMicros;
            PrintStatus status = CheckFaults(true);
            if (status != PrintStatus.Ok)
            {
                return EnterFault(status);
            }
            long checkMicros = _clock.NowMicros - prepareStart;
            StartMotor();
            PowerHead();
            prepareStart = _clock.NowMicros - checkMicros;
            // The line is read where the caller keeps it: it is needed only until this call returns.
            if (_config.DynamicGrouping)
            {
                StrobePlanner.PlanDynamicUnlessRepeated(dots, offset, _p.DotsPerLine, _p.DotsPerBlock, _maxDotsPerPass, _plan, true, _pins.Strobes.Length > 1 && _config.StrobesAhead);
            }
            else
            {
                StrobePlanner.PlanFixed(dots, offset, _p.DotsPerLine, _p.StrobeBlocks, _plan);
            }
            Count(CpuWork.ByteIteration, _plan.ByteSteps);
            Count(CpuWork.DotIteration, _plan.DotSteps);
            BuildPassData(dots, offset);
            LimitMotorRate(_plan.MaxDotsInAPass());
            // Sag, rate (a table walk and a division) and energy (an interpolation), once per line in single
            // precision: the ESP32's FPU has no doubles (test HeatTimerTests bounds the difference). The energy
            // follows the head temperature alone, which is read once every ThermistorEveryLines lines.
            Count(CpuWork.SingleOperation, HeatTimer.OperationsPerLine - HeatTimer.OperationsPerEnergy);
            if (_celsius != _energyCelsius || _energyMicrojoules == 0)
            {
                _energyMicrojoules = _timer.EnergyMicrojoules(_celsius);
                _energyCelsius = _celsius;
                Count(CpuWork.SingleOperation, HeatTimer.OperationsPerEnergy);
            }
            Count(CpuWork.ByteIteration, _plan.PassCount + _motor.LookupSteps);
            // The fault check and the planning, without the motor's start or the head's power-up waits.
            _prepareMicros = _clock.NowMicros - prepareStart;
            for (int h = 0; h < _p.HeatsPerDotLine; h++)
            {
                status = RunActivation(h);
                if (status != PrintStatus.Ok)
                {
                    return EnterFault(status);
                }
            }
            LinesPrinted++;
            LastFault = PrintStatus.Ok;
            return PrintStatus.Ok;
        }

        /// <inheritdoc />
        public PrintStatus Feed(int dotLines)
        {
            Check.That(dotLines >= 0, "feed a non-negative number of lines");
            ForgetSensorReadings();
            StopIfIdle();
            for (int line = 0; line < dotLines; line++)
            {
                PrintStatus status = CheckFaults(false);
                if (status != PrintStatus.Ok)
                {
                    return EnterFault(status);
                }
                StartMotor();
                LimitMotorRate(FeedDots);
                for (int s = 0; s < _p.StepsPerDotLine; s++)
                {
                    StepWhen(HeatEndMicros());
                }
            }
            LastFault = PrintStatus.Ok;
            return PrintStatus.Ok;
        }

        /// <summary>
        /// Caps the motor's rate for the line: the max pulse rate at the supply (sagged under the line's
        /// fullest pass, or the open supply for a line fed without heat, FeedDots) and the head temperature,
        /// as an interval. Worked out again only when the supply reading, the dots, the temperature or the
        /// margin differ from the last line's (a feed's supply reading repeats for most of its lines).
        /// </summary>
        private void LimitMotorRate(int dotsOn)
        {
            if (_supplyMillivolts != _rateSupplyMillivolts || dotsOn != _rateDotsOn || _celsius != _rateCelsius
                || _config.MotorRateMarginPercent != _rateMarginPercent)
            {
                float ppsMillivolts = dotsOn == FeedDots
                    ? _supplyMillivolts
                    : _timer.LoadedVolts(_supplyMillivolts / 1000.0f, dotsOn, _sourceOhms) * 1000.0f;
                _maxPps = _timer.MaxPps(ppsMillivolts, _celsius, _motorCapMarginCelsius);
                _rateLimitMicros = StepperDrive.RateLimitMicros(_maxPps, _config.MotorRateMarginPercent);
                _rateSupplyMillivolts = _supplyMillivolts;
                _rateDotsOn = dotsOn;
                _rateCelsius = _celsius;
                _rateMarginPercent = _config.MotorRateMarginPercent;
            }
            _motor.SetRateLimit(_rateLimitMicros);
        }

        /// <summary>The dots of a line fed without heat, for <see cref="LimitMotorRate"/>: the rate follows the open supply.</summary>
        private const int FeedDots = -1;

        /// <summary>Call from the main loop when no line is waiting: stops a motor left idle too long.</summary>
        public void Service()
        {
            StopIfIdle();
        }

        /// <summary>
        /// Stops the motor as the datasheet asks: at least FeedStepsAfterHeat steps without heat after the last
        /// heat (so the paper does not stick), the last phase held StopHoldMillis, then the coils released.
        /// </summary>
        public void Stop()
        {
            if (!_motor.Energized)
            {
                UnpowerHead();
                return;
            }
            while (_motor.StepsSinceHeat < _p.FeedStepsAfterHeat)
            {
                StepWhen(HeatEndMicros());
            }
            DelayUntil(_motor.LastStepMicros + _p.StopHoldMillis * 1000L);
            _motor.Release();
            UnpowerHead();
            // The head may have cooled or been swapped while stopped: the next line reads it afresh.
            _linesToThermistorRead = 0;
        }

        /// <summary>True while the head supply V_H is switched on.</summary>
        public bool HeadPowered
        {
            get { return _headPowered; }
        }

        /// <summary>
        /// Switches V_H on before a line's heat: never sooner than HeadPowerAfterLogicMicros after the logic
        /// came up (V_dd before V_H), with every strobe low; strobes wait HeadPowerSettleMicros for it to settle.
        /// </summary>
        private void PowerHead()
        {
            if (_headPowered)
            {
                return;
            }
            DelayUntil(_logicUpMicros + _config.HeadPowerAfterLogicMicros);
            DelayUntil(_strobeEndMicros);
            _pins.HeadPower.Write(true);
            _headPowered = true;
            _headPowerReadyMicros = _clock.NowMicros + _config.HeadPowerSettleMicros;
        }

        /// <summary>Switches V_H off once the last strobe has ended (idle, or a fault): off whenever the head is not printing.</summary>
        private void UnpowerHead()
        {
            if (!_headPowered)
            {
                return;
            }
            DelayUntil(_strobeEndMicros);
            _pins.HeadPower.Write(false);
            _headPowered = false;
        }

        private void StopIfIdle()
        {
            if (_motor.Energized && _clock.NowMicros - _motor.LastStepMicros > _config.IdleStopMicros)
            {
                Stop();
            }
        }

        private PrintStatus CheckFaults(bool forHeat)
        {
            long now = _clock.NowMicros;
            // The supply is read only with every strobe off: under a strobe it reads the sagged voltage, and
            // the sag is what the strobe time adds back. A strobe still on keeps the reading of its own pass.
            if (!StrobeOn())
            {
                ReadSupply();
            }
            ReadThermistorIfDue();
            bool thermistorBad = _thermistorBad;
            if (PlatenOpenReading())
            {
                _backlashPending = true;
                return PrintStatus.PlatenOpen;
            }
            if (PaperOutReading())
            {
                return PrintStatus.PaperOut;
            }
            if (now < _motorRestUntilMicros)
            {
                return PrintStatus.MotorRest;
            }
            long allowanceMicros = _p.StopHoldMillis * 1000L + 100000;
            if (_motor.Energized && now - _motor.EnergizedAtMicros + allowanceMicros > _p.MotorMaxContinuousMillis * 1000L)
            {
                _motorRestUntilMicros = now + _p.MotorRestMillis * 1000L;
                return PrintStatus.MotorRest;
            }
            if (_supplyMillivolts < _p.SupplyMinMillivolts || _supplyMillivolts > _p.SupplyMaxMillivolts)
            {
                return PrintStatus.SupplyOutOfRange;
            }
            if (!forHeat)
            {
                return PrintStatus.Ok;
            }
            if (thermistorBad)
            {
                return PrintStatus.ThermistorFault;
            }
            if (_overheated)
            {
                if (_celsius >= _p.OverheatResumeCelsius)
                {
                    return PrintStatus.Overheat;
                }
                _overheated = false;
            }
            if (_celsius > _overheatStopAtCelsius)
            {
                _overheated = true;
                return PrintStatus.Overheat;
            }
            return PrintStatus.Ok;
        }

        /// <summary>
        /// Reads the head's temperature once every ThermistorEveryLines lines (the overheat margin covers the
        /// rise in between), and on the next line again after a stop, a fault or a bad reading.
        /// </summary>
        private void ReadThermistorIfDue()
        {
            if (_linesToThermistorRead > 0)
            {
                _linesToThermistorRead--;
                return;
            }
            int thermistorPin = _pins.Thermistor.ReadMillivolts();
            _thermistorBad = thermistorPin >= _config.ThermistorOpenMillivolts || thermistorPin <= _config.ThermistorShortMillivolts;
            if (_thermistorBad)
            {
                return;
            }
            // The divider and the Beta equation, from a table made at start-up: a lookup and an interpolation.
            _celsius = _thermistor.Celsius(thermistorPin);
            Count(CpuWork.ByteIteration, 1);
            Count(CpuWork.SingleOperation, ThermistorTable.OperationsPerRead);
            _linesToThermistorRead = _config.ThermistorEveryLines - 1;
        }

        private PrintStatus EnterFault(PrintStatus status)
        {
            LastFault = status;
            _linesToThermistorRead = 0;
            if (status == PrintStatus.PlatenOpen)
            {
                // Head lifted: the paper is not pressed against it, so release at once; a step taken this
                // very microsecond is let settle first, so the steps counted are the steps the rotor made
                // (the firing windows are counted from them).
                if (_motor.Energized && _motor.LastStepMicros >= _clock.NowMicros)
                {
                    _clock.DelayMicros(1);
                }
                _motor.Release();
                UnpowerHead();
            }
            else
            {
                Stop();
            }
            return status;
        }

        private void StartMotor()
        {
            if (!_motor.Energized)
            {
                _motor.Energize();
            }
            if (_backlashPending)
            {
                _backlashPending = false;
                for (int s = 0; s < _p.FeedStepsAfterPlatenClose; s++)
                {
                    StepWhen(HeatEndMicros());
                }
            }
        }

        private PrintStatus RunActivation(int heat)
        {
            int passes = _plan.PassCount;
            // A stop (its feed after heat) or a head lifted mid-firing can leave the paper anywhere in a dot
            // line: inside a firing window, or between two (a fault found before a later firing's first step).
            // Inside the line's first window, the line's first firing takes the rest of it, so the line lands
            // where it would have without the stop; anywhere past that window, the paper goes on without heat
            // to the next dot line, so a line's first firing is always in a dot line's first window. Either
            // way the heat ends before the next window opens.
            int intoWindow = (int)(_motor.TotalSteps % _stepsPerHeat);
            if (heat == 0 && _motor.TotalSteps % _p.StepsPerDotLine >= _stepsPerHeat)
            {
                while (_motor.TotalSteps % _p.StepsPerDotLine != 0)
                {
                    StepWhen(HeatEndMicros());
                }
                intoWindow = 0;
            }
            bool insideWindow = intoWindow != 0;
            int stepsLeft = insideWindow ? _stepsPerHeat - intoWindow : _stepsPerHeat - 1;
            // The passes fired in the previous firing are the only ones whose dots can still need their rest
            // (the firing before that ended before the previous window opened, a whole window ago); older
            // ones are kept as one bound.
            RotateFiredPasses();
            // The first pass is made ready while the last firing still heats: its rest and the sensor check
            // are then off the path between the window's first step and its latch.
            PrintStatus status = PrintStatus.Ok;
            if (passes > 0)
            {
                status = PreparePass(0);
                if (status != PrintStatus.Ok)
                {
                    return status;
                }
            }
            // The first step goes before the shift when it falls due before the shift would end (the last
            // pass of the previous firing ran late, or the shift is long), so the shift does not lengthen
            // the step; otherwise the shift overlaps the wait for it.
            long windowOpen = WindowOpenMicros();
            bool stepFirst = !insideWindow && windowOpen <= _clock.NowMicros + _shiftMicros;
            if (stepFirst)
            {
                StepWhen(HeatEndMicros());
            }
            if (passes > 0)
            {
                ShiftPass(0);
            }
            // The firing's window opens with its first step, taken when the motor allows and never held for
            // the heat: a pass may fire anywhere in the window (before the next firing's first step), so a
            // pass that must wait for its dots' rest waits alone, and the paper keeps its pace. Holding the
            // step instead makes one long step, which the acceleration table then has to ramp back down from
            // over many steps, and which lengthens W (Eq. 8) and with it the next heats.
            // With strobes that can go ahead, the first pass takes the step itself, so its sends run in the
            // last heat, before the step, instead of between the step and the pass.
            bool stepInFirstPass = !stepFirst && !insideWindow && passes > 0 && AheadPossible(_plan.BlockMask[0]);
            if (!stepFirst && !insideWindow && !stepInFirstPass)
            {
                StepWhen(HeatEndMicros());
            }
            // The supply is read with every strobe off: the window opens only once the last heat has ended.
            if (!stepInFirstPass && !StrobeOn())
            {
                ReadSupply();
            }
            // The last firing's stretch paces the steps until this firing's first pass sets its own, so a
            // pass that runs late does not let the paper run ahead at the motor's pace; white has no heat
            // to spread.
            if (passes == 0)
            {
                _stretchMicros = 0;
            }
            for (int k = 0; k < passes; k++)
            {
                if (k > 0)
                {
                    // Work never straddles a step that falls due: a step taken late re-enters the
                    // acceleration table further down. Each stretch of work is as long as it was last time.
                    stepsLeft = StepsDueBy(stepsLeft, _clock.NowMicros + _passWorkMicros);
                    status = PreparePass(k);
                    if (status != PrintStatus.Ok)
                    {
                        return status;
                    }
                }
                long latchReady = LatchReadyMicros();
                long passReady = latchReady > _passDotsReadyMicros ? latchReady : _passDotsReadyMicros;
                status = FirePass(k, latchReady, passReady, ref stepsLeft, k == 0 && stepInFirstPass);
                if (status != PrintStatus.Ok)
                {
                    return status;
                }
                if (k == 0)
                {
                    _stretchMicros = StretchFor(passes);
                }
                if (k + 1 < passes)
                {
                    // The next pass is shifted while this one heats.
                    stepsLeft = StepsDueBy(stepsLeft, _clock.NowMicros + _shiftMicros);
                    ShiftPass(k + 1);
                }
            }
            while (stepsLeft > 0)
            {
                StepWhen(0);
                stepsLeft--;
            }
            return PrintStatus.Ok;
        }

        /// <summary>
        /// Makes a pass ready to fire: when its dots have rested, its strobe time, and the paper check.
        /// The line's fault check may be a whole line old by now: no strobe once the paper is gone (the
        /// caller retries the line when the fault clears). The sensor is debounced over milliseconds, so
        /// reading it a pass ahead loses nothing; the platen is read again just before the latch.
        /// </summary>
        private PrintStatus PreparePass(int pass)
        {
            long workStart = _clock.NowMicros;
            _passDotsReadyMicros = DotsReadyMicros(pass);
            _passWidthMicros = StrobeWidthMicros(_plan.Dots[pass]);
            if (PaperOutReading())
            {
                return PrintStatus.PaperOut;
            }
            _passWorkMicros = _clock.NowMicros - workStart;
            return PrintStatus.Ok;
        }

        /// <summary>Takes the window's steps that fall due by a time; returns the steps still left.</summary>
        private int StepsDueBy(int stepsLeft, long byMicros)
        {
            while (stepsLeft > 0 && NextStepDueMicros() <= byMicros)
            {
                StepWhen(0);
                stepsLeft--;
            }
            return stepsLeft;
        }

        /// <summary>
        /// The step interval that spreads this firing's heat evenly over its steps: the passes (balanced, so
        /// about as long as the first) with their latch waits, or the first pass plus the same-dot rest (and
        /// period) when the dots fire again next time. Spreading it keeps the 2-step time W of Eq. 8 equal
        /// to the real firing period instead of bunching the wait into one long step.
        /// </summary>
        private long StretchFor(int passes)
        {
            // The first pass's heat, from its latest rise (its strobes may still be due to rise: sent ahead,
            // or timed after a latch sent ahead) to its end.
            long pass = _strobeEndMicros - _firedNow.StartMicros[_firedNow.Count - 1];
            long overhead = _latchWaitMicros + _latchWidthMicros + _latchToStrobeMicros + _latchSetupMicros;
            long heat = passes * pass + (passes - 1) * overhead;
            // The next firing's strobe follows its first step by the latch pulse and t7 alone; the LAT wait
            // t8 is inside the same-dot rest (500 us >> 30 us), so it adds nothing here. One microsecond
            // covers the clock's whole-microsecond reading (DotsReadyMicros adds the same).
            long rest = pass + _p.SameDotRestMicros + 1;
            long period = heat > rest ? heat : rest;
            if (period < _p.SameDotMinPeriodMicros + 1)
            {
                period = _p.SameDotMinPeriodMicros + 1;
            }
            return (period + _stepsPerHeat - 1) / _stepsPerHeat;
        }

        /// <summary>
        /// When the last strobe's heat ends: no firing window opens and no supply reading is taken before
        /// it, so no heat runs into the next (half) dot line, the dot is marked where its pulse fires, and
        /// the supply is read unloaded.
        /// </summary>
        private long HeatEndMicros()
        {
            return _forgetsHeatEnd ? long.MinValue / 2 : _strobeEndMicros;
        }

        /// <summary>When the next firing window may open: the motor's next step time, but never while a strobe is on.</summary>
        private long WindowOpenMicros()
        {
            long due = NextStepDueMicros();
            long heatEnd = HeatEndMicros();
            return due > heatEnd ? due : heatEnd;
        }

        /// <summary>
        /// At a dot line's start, with the paper at a window boundary: takes the step that opens the line's
        /// first window now if it would fall due within the work ahead (the line's preparation).
        /// </summary>
        private void OpenWindowIfDueWithin(long workMicros)
        {
            if (!_motor.Energized || _backlashPending || _motor.TotalSteps % _p.StepsPerDotLine != 0 || _motor.LastIntervalMicros < 0)
            {
                return;
            }
            if (WindowOpenMicros() <= _clock.NowMicros + workMicros && !PlatenOpenReading() && !PaperOutReading())
            {
                StepWhen(HeatEndMicros());
            }
        }

        /// <summary>When the next step may be taken, early by the time its phase writes take, so the phases change on time.</summary>
        private long NextStepDueMicros()
        {
            long interval = _motor.NextIntervalMicros;
            return _motor.LastStepMicros + (interval > _stretchMicros ? interval : _stretchMicros) - _motor.WriteMicros;
        }

        /// <summary>Steps when due, and not before a time (the heat's end), early by the time the phase writes take.</summary>
        private void StepWhen(long notBeforeMicros)
        {
            long due = NextStepDueMicros();
            long notBefore = notBeforeMicros - _motor.WriteMicros;
            DelayUntil(due > notBefore ? due : notBefore);
            long begin = _clock.NowMicros;
            _motor.Step();
            Count(CpuWork.ByteIteration, _motor.LookupSteps + 2);
            _stepCallMicros = _clock.NowMicros - begin;
            // What a look took is worked out only when a latch is timed after a step (LookMicros): a 64-bit
            // division is a software routine on the device's core, and most steps never need it.
            _stepLookMicros = _stepCallMicros - _motor.WriteMicros;
            _stepLooks = _motor.LookupSteps + 2;
        }

        /// <summary>How long one look of the last step's call took, in whole microseconds.</summary>
        private long LookMicros()
        {
            return _stepLookMicros / _stepLooks;
        }

        /// <summary>When the latch for the next pass may fall: the previous strobe off plus the LAT wait (t8).</summary>
        private long LatchReadyMicros()
        {
            return _strobeEndMicros + _latchWaitMicros + _config.InterfaceMarginMicros;
        }

        /// <summary>
        /// When a pass's strobe may start: every black dot of the pass has had its rest and period since it
        /// last fired. Looked up per pass, not per dot: a pass's black dots lie inside its black extent, and
        /// the passes of the previous firing that overlap it are the only recent firings of those dots. Both
        /// firings' passes run left to right without overlapping, so the walk over the previous firing goes
        /// on from where the last pass's walk left it (the passes ending before this one are passed for good),
        /// and stops at the first one starting after this one: about one look per pass of each firing.
        /// </summary>
        private long DotsReadyMicros(int pass)
        {
            long afterRest = _olderEndMicros + _p.SameDotRestMicros;
            long afterPeriod = _olderStartMicros + _p.SameDotMinPeriodMicros;
            int first = _plan.FirstBlack[pass];
            int end = _plan.EndBlack[pass];
            PassRecord last = _firedLast;
            if (pass == 0)
            {
                _lastFiringLook = 0;
            }
            int looks = 1;
            while (_lastFiringLook < last.Count && last.EndDot[_lastFiringLook] <= first)
            {
                _lastFiringLook++;
                looks++;
            }
            for (int i = _lastFiringLook; i < last.Count && last.FirstDot[i] < end; i++)
            {
                looks++;
                long rest = last.EndMicros[i] + _p.SameDotRestMicros;
                long period = last.StartMicros[i] + _p.SameDotMinPeriodMicros;
                afterRest = rest > afterRest ? rest : afterRest;
                afterPeriod = period > afterPeriod ? period : afterPeriod;
            }
            Count(CpuWork.ByteIteration, looks);
            // One more microsecond because the clock reads whole microseconds and the last pulse may have
            // started part-way through one.
            return (afterRest > afterPeriod ? afterRest : afterPeriod) + 1;
        }

        /// <summary>
        /// The firing before the last becomes part of the older bound. Its passes fired one after another (each
        /// latch waits for the last pass's heat to end, and its strobes rise after it), so its last pass started
        /// and ended latest: one look, not a walk.
        /// </summary>
        private void RotateFiredPasses()
        {
            PassRecord last = _firedLast;
            if (last.Count > 0)
            {
                int i = last.Count - 1;
                _olderStartMicros = last.StartMicros[i] > _olderStartMicros ? last.StartMicros[i] : _olderStartMicros;
                _olderEndMicros = last.EndMicros[i] > _olderEndMicros ? last.EndMicros[i] : _olderEndMicros;
            }
            Count(CpuWork.ByteIteration, 1);
            last.Count = 0;
            _firedLast = _firedNow;
            _firedNow = last;
        }

        /// <summary>
        /// Writes each pass's data (the line's bytes inside its range, the rest white) into its own SPI buffer,
        /// once per line however many firings print it: clears what the buffer held last and copies the new
        /// range with the runtime's native array calls; only the two end bytes are masked.
        /// </summary>
        private void BuildPassData(byte[] dots, int offset)
        {
            int calls = 0;
            for (int k = 0; k < _plan.PassCount; k++)
            {
                byte[] data = _passData[k];
                int firstByte = _plan.FirstDot[k] >> 3;
                int endByte = (_plan.EndDot[k] + 7) >> 3;
                // Only the bytes of the last range outside this one are cleared (the copy overwrites the
                // rest): none when a pass keeps its range, as it does while the lines stay alike.
                int oldFirst = _passDataFirstByte[k];
                int oldEnd = _passDataEndByte[k];
                int clearEnd = oldEnd < firstByte ? oldEnd : firstByte;
                if (clearEnd > oldFirst)
                {
                    calls += ClearBytes(data, oldFirst, clearEnd - oldFirst);
                }
                int clearFirst = oldFirst > endByte ? oldFirst : endByte;
                if (oldEnd > clearFirst)
                {
                    calls += ClearBytes(data, clearFirst, oldEnd - clearFirst);
                }
                Array.Copy(dots, offset + firstByte, data, firstByte, endByte - firstByte);
                calls++;
                data[firstByte] = (byte)(data[firstByte] & (0xFF >> (_plan.FirstDot[k] & 7)));
                int tail = _plan.EndDot[k] & 7;
                if (tail != 0)
                {
                    data[endByte - 1] = (byte)(data[endByte - 1] & (0xFF00 >> tail));
                }
                _passDataFirstByte[k] = firstByte;
                _passDataEndByte[k] = endByte;
            }
            Count(CpuWork.NativeCall, calls);
            Count(CpuWork.ByteIteration, 2 * _plan.PassCount);
        }

        /// <summary>
        /// Clears bytes of a pass's buffer: a few (a boundary that moved by a byte or two) one by one, more with
        /// the runtime's native call, whichever costs less. Returns the native calls made.
        /// </summary>
        private int ClearBytes(byte[] data, int first, int count)
        {
            if (count < ClearByHandBelowBytes)
            {
                for (int i = first; i < first + count; i++)
                {
                    data[i] = 0;
                }
                Count(CpuWork.ByteIteration, count);
                return 0;
            }
            Array.Clear(data, first, count);
            return 1;
        }

        /// <summary>Fewer bytes than this are cleared one by one: a native call costs about as much as six turns of a byte loop on the device.</summary>
        private const int ClearByHandBelowBytes = 6;

        private void ShiftPass(int pass)
        {
            DelayUntil(_latchHighMicros + _latchHoldMicros);
            long sendAt = _clock.NowMicros;
            _pins.Data.Write(_passData[pass], 0, _p.BytesPerLine);
            _shiftEndMicros = _clock.NowMicros;
            // How long a shift takes (the SPI call and the transfer it waits for): a step due sooner goes first.
            _shiftMicros = _shiftEndMicros - sendAt;
        }

        /// <summary>
        /// The strobe time for a pass, in whole us: worked out before the waits, in single precision, from the
        /// supply read with the strobes off at the window's start.
        /// </summary>
        private int StrobeWidthMicros(int dots)
        {
            return StrobeWidthMicros(dots, _motor.LastIntervalMicros < 0 ? _p.AccelerationMicros[0] : _motor.LastIntervalMicros, _motor.TotalSteps);
        }

        /// <summary>The strobe time for a pass, with the step interval its W follows and the steps taken by then.</summary>
        private int StrobeWidthMicros(int dots, long interval, long steps)
        {
            // A pass worked out again after a step keeps its uncorrected time when its dots, the supply reading
            // and the energy are the ones it had: only Eq. 8's C follows the new period, and on a mechanism
            // without it (no pulse correction) the time is the one worked out last.
            bool same = dots == _uncorrectedDots && _supplyMillivolts == _uncorrectedSupplyMillivolts && _energyMicrojoules == _uncorrectedEnergy;
            if (same && !_timer.FollowsPeriod)
            {
                _passWidthSteps = steps;
                return _uncorrectedWidth;
            }
            if (!same)
            {
                _correctedInterval = long.MinValue;
                _uncorrectedDots = dots;
                _uncorrectedSupplyMillivolts = _supplyMillivolts;
                _uncorrectedEnergy = _energyMicrojoules;
                _uncorrectedLoadedVolts = _timer.LoadedVolts(_supplyMillivolts / 1000.0f, dots, _sourceOhms);
                _uncorrectedMicros = _timer.UncorrectedMicros(_energyMicrojoules, _uncorrectedLoadedVolts, dots > 0 ? dots : 1);
                Count(CpuWork.SingleOperation, HeatTimer.OperationsPerPass - HeatTimer.OperationsPerCorrection);
            }
            // Eq. 8 follows the uncorrected time, the loaded supply and the period alone: at a steady step
            // rate the passes of a run of alike lines get the time worked out last.
            if (interval != _correctedInterval)
            {
                _correctedMicros = _timer.CorrectedMicros(_uncorrectedMicros, _uncorrectedLoadedVolts, (float)(interval * _stepsPerHeat));
                _correctedInterval = interval;
                _widthKept = false;
            }
            _passWidthSteps = steps;
            Count(CpuWork.SingleOperation, (_timer.FollowsPeriod ? HeatTimer.OperationsPerCorrection : 0) + 4);
            // The same corrected time (a pass after a step at the pace before) with the same settings gives
            // the width worked out last: the scaling and the bounds are not done again.
            if (_widthKept && _config.FixedHeatMicros == _widthFixedHeatMicros && _config.EnergyPercent == _widthEnergyPercent
                && _p.MaxStrobeMicros == _widthMaxStrobeMicros)
            {
                return _uncorrectedWidth;
            }
            float heat = _correctedMicros;
            if (_config.FixedHeatMicros > 0)
            {
                heat = _config.FixedHeatMicros;
            }
            int width = (int)(heat * _config.EnergyPercent / 100 + 0.5f);
            if (width < 1)
            {
                width = 1;
            }
            if (width > _p.MaxStrobeMicros)
            {
                width = _p.MaxStrobeMicros;
            }
            _uncorrectedWidth = width;
            _widthKept = true;
            _widthFixedHeatMicros = _config.FixedHeatMicros;
            _widthEnergyPercent = _config.EnergyPercent;
            _widthMaxStrobeMicros = _p.MaxStrobeMicros;
            return width;
        }

        private PrintStatus FirePass(int pass, long latchReadyMicros, long passReadyMicros, ref int stepsLeft, bool windowStep)
        {
            // A step that falls due before the latch and strobe calls would end goes first (work never
            // straddles it). Its interval is known before it is taken (it is taken when due, its writes as
            // long as last time), so the strobe time that follows it and the sends ahead are worked out
            // first, in the heat before it, and only the step itself stays in the gap. The step that opens
            // the window (windowStep) always goes first, once the last heat has ended, and the supply is read
            // after it with the strobes off; a pass sent ahead of it keeps the strobe time worked out from
            // the last window's reading, one firing old.
            long due = windowStep ? WindowOpenMicros() : stepsLeft > 0 ? NextStepDueMicros() : long.MaxValue;
            bool stepFirst = windowStep || due <= passReadyMicros + _fireMicros;
            long stepEnd = 0;
            long stepInterval = 0;
            bool aheadPossible = AheadPossible(_plan.BlockMask[pass]);
            if (stepFirst && aheadPossible)
            {
                long at = due > _clock.NowMicros ? due : _clock.NowMicros;
                stepInterval = at + _motor.WriteMicros - _motor.LastStepMicros;
                _passWidthMicros = StrobeWidthMicros(_plan.Dots[pass], stepInterval, _motor.TotalSteps + 1);
                // The step's call as long as last time, its table lookup allowed a few looks more.
                stepEnd = at + _stepCallMicros + StepLookupSlack * (LookMicros() + 1);
                if (windowStep)
                {
                    stepEnd += _supplyReadMicros + 1;
                }
            }
            else if (!stepFirst && _passWidthSteps != _motor.TotalSteps)
            {
                // Eq. 8's period W follows the last step: a step taken since the pass was made ready
                // changes it.
                _passWidthMicros = StrobeWidthMicros(_plan.Dots[pass]);
            }
            // The latch falls as soon as the LAT wait allows (its call started early by its own length, so
            // the edge itself is on time); the strobe then waits alone for the dots' rest, so the latch is
            // off the path when the rest is what binds.
            long latchAt = _shiftEndMicros + _latchSetupMicros + _config.InterfaceMarginMicros;
            if (latchAt < latchReadyMicros)
            {
                latchAt = latchReadyMicros;
            }
            // A latch written by the CPU comes after the step's call; one sent ahead falls by itself, so only
            // the window's first step must come before it (the pass heats inside the window it opens).
            long latchAfterStep = _latchPulse == null ? stepEnd + _latchCallMicros : windowStep ? stepEnd : 0;
            if (stepFirst && latchAt < latchAfterStep)
            {
                latchAt = latchAfterStep;
            }
            int width = _passWidthMicros;
            int mask = _plan.BlockMask[pass];
            long riseAt = 0;
            int ahead = 0;
            _latchSentAhead = false;
            if (aheadPossible && (!stepFirst || StepLookupShort(stepInterval)))
            {
                ahead = SendAhead(mask, width, latchAt, due, ref riseAt);
            }
            if (ahead < 0)
            {
                _backlashPending = true;
                return PrintStatus.PlatenOpen;
            }
            bool sentAhead = ahead != 0 || _latchSentAhead;
            if (windowStep)
            {
                StepWhen(HeatEndMicros());
                ReadSupply();
                if (ahead == 0 || _passWidthSteps != _motor.TotalSteps)
                {
                    _passWidthMicros = StrobeWidthMicros(_plan.Dots[pass]);
                    width = _passWidthMicros;
                }
            }
            if (stepFirst && !windowStep && sentAhead)
            {
                // Only the step the sends were timed around: the latch is due right after it.
                StepWhen(0);
                stepsLeft--;
            }
            else if (!sentAhead)
            {
                if (stepFirst && !windowStep)
                {
                    stepsLeft = StepsDueBy(stepsLeft, passReadyMicros + _fireMicros);
                    if (_passWidthSteps != _motor.TotalSteps)
                    {
                        _passWidthMicros = StrobeWidthMicros(_plan.Dots[pass]);
                        width = _passWidthMicros;
                    }
                }
                // The head lifted since the pass was made ready: no strobe (one read; the paper was checked then).
                if (PlatenOpened())
                {
                    return PrintStatus.PlatenOpen;
                }
            }
            long start;
            if (_latchPulse != null)
            {
                start = FireAfterLatchPulse(mask, ahead, width, latchAt, riseAt);
            }
            else
            {
                start = FireAfterLatchWrites(mask, ahead, width, latchAt, riseAt);
            }
            PassRecord now = _firedNow;
            now.FirstDot[now.Count] = _plan.FirstBlack[pass];
            now.EndDot[now.Count] = _plan.EndBlack[pass];
            now.StartMicros[now.Count] = start;
            now.EndMicros[now.Count] = _strobeEndMicros;
            now.Count++;
            _motor.StepsSinceHeat = 0;
            PassesFired++;
            return PrintStatus.Ok;
        }

        /// <summary>
        /// LAT on a GPIO: the CPU writes the latch low and high at its time, waits t7, then starts the pass's
        /// strobes not sent ahead, one call each. Returns the pass's latest strobe rise.
        /// </summary>
        private long FireAfterLatchWrites(int mask, int ahead, int width, long latchAt, long riseAt)
        {
            DelayUntil(latchAt - _latchCallMicros);
            long fireStart = _clock.NowMicros;
            _pins.Latch.Write(false);
            _latchCallMicros = _clock.NowMicros - fireStart;
            _latchedMask = mask;
            _clock.DelayMicros(_latchWidthMicros);
            _pins.Latch.Write(true);
            _latchHighMicros = _clock.NowMicros;
            _clock.DelayMicros(_latchToStrobeMicros);
            long latched = _clock.NowMicros;
            int after = mask & ~ahead;
            long start = latched;
            if (after != 0)
            {
                DelayUntil(RiseNotBefore(0));
                start = _clock.NowMicros;
                int calls = 0;
                if (_pins.Strobes.Length == 1)
                {
                    // Every DST line on one output: the pass's data holds only its own dots, so strobing every
                    // block heats exactly those, with one call.
                    _pins.Strobes[0].Pulse(width);
                    calls = 1;
                }
                else
                {
                    // Only the pass's blocks are visited, lowest first, through a table.
                    for (int m = after; m != 0; m &= m - 1)
                    {
                        _pins.Strobes[StrobePlanner.LowestBlock(m)].Pulse(width);
                        calls++;
                    }
                    Count(CpuWork.ByteIteration, calls);
                }
                _pulseCallMicros = (_clock.NowMicros - start) / calls;
            }
            // How long the latch and the strobe calls after it take, waits left out.
            _fireMicros = (latched - fireStart) + (_clock.NowMicros - start);
            // The clock reads whole microseconds and the pulse may have started part-way through one; the
            // last block's pulse starts last.
            _strobeEndMicros = after != 0 ? _clock.NowMicros + width + 1 : 0;
            if (ahead != 0 && riseAt + width + 1 > _strobeEndMicros)
            {
                _strobeEndMicros = riseAt + width + 1;
            }
            // The pass's latest rise is what the same-dot period counts from: each call's pulse starts as the
            // call ends, so the last block's pulse rises as the last call returns.
            if (after != 0)
            {
                start = _clock.NowMicros;
            }
            if (ahead != 0 && (after == 0 || riseAt > start))
            {
                start = riseAt;
            }
            return start;
        }

        /// <summary>
        /// LAT on a pulse output: the latch, unless already sent ahead, is sent now, timed by the hardware to
        /// fall at its time; the pass's strobes not sent ahead are sent timed to rise once it is done, those on
        /// blocks of the last pass as soon as their outputs are free (its heat has ended; the LAT wait is
        /// still to run), so the CPU need not sit in the gap and the blocks rise together when the calls fit
        /// in it. Returns the pass's latest strobe rise.
        /// </summary>
        private long FireAfterLatchPulse(int mask, int ahead, int width, long latchAt, long riseAt)
        {
            // The last pass's heat ends here; its blocks' outputs are busy until then.
            long lastEnd = _strobeEndMicros;
            long work = 0;
            long latchFall = latchAt;
            if (!_latchSentAhead)
            {
                long sendStart = _clock.NowMicros;
                _latchPulse.PulseAt(latchAt, _latchWidthMicros);
                long sent = _clock.NowMicros;
                _latchCallMicros = sent - sendStart;
                work = _latchCallMicros;
                // Sent too late for its time, it falls as the send ends (the microsecond the clock hides).
                if (sent >= latchAt)
                {
                    latchFall = sent + 1;
                }
            }
            int lastMask = _latchedMask;
            _latchedMask = mask;
            _latchHighMicros = LatchHighMicros(latchFall);
            int after = mask & ~ahead;
            long start = riseAt;
            _strobeEndMicros = ahead != 0 ? riseAt + width + 1 : 0;
            if (after != 0)
            {
                long rise = _latchHighMicros + _latchToStrobeMicros + _config.StrobeAheadMarginMicros;
                rise = RiseNotBefore(rise);
                long callStart = _clock.NowMicros;
                int calls = 0;
                long lastSent;
                if (_pins.Strobes.Length == 1)
                {
                    // Every DST line on one output, free once the last pass's heat has ended.
                    DelayUntil(lastEnd);
                    callStart = _clock.NowMicros;
                    _pins.Strobes[0].PulseAt(rise, width);
                    calls = 1;
                    lastSent = _clock.NowMicros;
                    work += lastSent - callStart;
                }
                else
                {
                    // Blocks idle now first, then the last pass's, whose outputs run until its heat ends.
                    int idle = after & ~lastMask;
                    for (int m = idle; m != 0; m &= m - 1)
                    {
                        _pins.Strobes[StrobePlanner.LowestBlock(m)].PulseAt(rise, width);
                        calls++;
                    }
                    work += _clock.NowMicros - callStart;
                    int busy = after & lastMask;
                    if (busy != 0)
                    {
                        DelayUntil(lastEnd);
                        callStart = _clock.NowMicros;
                        for (int m = busy; m != 0; m &= m - 1)
                        {
                            _pins.Strobes[StrobePlanner.LowestBlock(m)].PulseAt(rise, width);
                            calls++;
                        }
                        work += _clock.NowMicros - callStart;
                    }
                    lastSent = _clock.NowMicros;
                    Count(CpuWork.ByteIteration, calls);
                }
                _pulseCallMicros = work / calls;
                // A send that ended after the rise it asked for started its pulse as it ended.
                long lastRise = lastSent >= rise ? lastSent + 1 : rise;
                if (ahead == 0 || lastRise > start)
                {
                    start = lastRise;
                }
                if (lastRise + width + 1 > _strobeEndMicros)
                {
                    _strobeEndMicros = lastRise + width + 1;
                }
            }
            _fireMicros = work;
            return start;
        }

        /// <summary>
        /// When LAT, sent as a pulse falling at a time, is back high: its width later, a microsecond more because
        /// the send's lead is reckoned from the whole-microsecond clock (the edge may come up to one microsecond
        /// late, never early), and the margin set for the channel's own lateness.
        /// </summary>
        private long LatchHighMicros(long latchFallMicros)
        {
            return latchFallMicros + _latchWidthMicros + 1 + _config.LatchPulseMarginMicros;
        }

        /// <summary>
        /// Sends the strobes of a pass's blocks ahead of the latch, each timed by its RMT item to rise once the
        /// latch and t7 are done (and the dots have rested), so their calls run in the wait before the latch
        /// (the LAT wait, the last pass's heat) instead of between the latch and the heat. With LAT on a GPIO,
        /// only blocks white in the data latched now, and so idle since that pass's latch: a pulse that rose
        /// before a late latch would heat nothing there, never the last pass's dots twice. With LAT on a pulse
        /// output the latch itself goes first, timed by the hardware, so it is never late: the strobes may then
        /// go on any block whose output is idle (not one of the last pass's, still running). Only the sends
        /// that end before the latch (its call, on a GPIO) must start, so the latch is never late for them;
        /// none while calls cost no time. Returns the blocks sent, and the time they rise.
        /// </summary>
        private int SendAhead(int mask, int width, long latchAt, long stepDueMicros, ref long riseAt)
        {
            bool latchToo = _latchPulse != null;
            int candidates = _pins.Strobes.Length > 1 ? mask & ~_latchedMask : 0;
            // A send as long as the longest so far, plus the microsecond the whole-microsecond clock can hide.
            long sendMicros = (_aheadCallMicros > 0 ? _aheadCallMicros : 2 * _pulseCallMicros) + 1;
            long latchSendMicros = latchToo ? (_latchCallMicros > 0 ? _latchCallMicros : sendMicros) + 1 : 0;
            // The sends end before the latch's call (or its fall, sent ahead), and before a step that goes
            // first; they go as late as that allows, just after the platen is read, so no strobe is sent long
            // before the head is known down.
            long sendsBy = latchToo ? latchAt : latchAt - _latchCallMicros;
            if (sendsBy > stepDueMicros)
            {
                sendsBy = stepDueMicros;
            }
            // As many of the candidates, lowest blocks first, as fit before then (a count through a table).
            // Each send with its turn of the loop; the loop's turns are charged before the sends.
            long perSend = sendMicros + _blockLookMicros + 1;
            long room = sendsBy - _clock.NowMicros - _platenReadMicros - 1 - _blockLookMicros - latchSendMicros;
            if (room < 0)
            {
                return 0;
            }
            int count = StrobePlanner.CountBlocks(candidates);
            if (count * perSend > room)
            {
                count = (int)(room / perSend);
            }
            if (count == 0 && !latchToo)
            {
                return 0;
            }
            long lookStart = _clock.NowMicros;
            Count(CpuWork.ByteIteration, 1);
            _blockLookMicros = _clock.NowMicros - lookStart;
            DelayUntil(sendsBy - count * perSend - latchSendMicros - _platenReadMicros - 1);
            if (PlatenOpened())
            {
                return -1;
            }
            if (latchToo)
            {
                long latchSendStart = _clock.NowMicros;
                _latchPulse.PulseAt(latchAt, _latchWidthMicros);
                _latchCallMicros = _clock.NowMicros - latchSendStart;
                _latchSentAhead = true;
                // Its rise, a microsecond late at most, then t7.
                riseAt = LatchHighMicros(latchAt) + _latchToStrobeMicros + _config.StrobeAheadMarginMicros;
            }
            else
            {
                // The latch's high edge as its calls take it (each as long as last time), plus a microsecond
                // for each edge the whole-microsecond clock can hide.
                riseAt = latchAt + _latchWidthMicros + _latchCallMicros + _latchToStrobeMicros + 2 + _config.StrobeAheadMarginMicros;
            }
            riseAt = RiseNotBefore(riseAt);
            if (count == 0)
            {
                return 0;
            }
            Count(CpuWork.ByteIteration, count);
            long sendStart = _clock.NowMicros;
            int sent = 0;
            int m = candidates;
            for (int k = 0; k < count; k++)
            {
                int b = StrobePlanner.LowestBlock(m);
                _pins.Strobes[b].PulseAt(riseAt, width);
                sent |= 1 << b;
                m &= m - 1;
            }
            long sendsEnd = _clock.NowMicros;
            // A send costs more when its width half changes too: the longest seen, so the sends of the next
            // pass are never counted short (with LAT on a GPIO, sends running late would make the latch late).
            long took = (sendsEnd - sendStart + count - 1) / count;
            if (took > _aheadCallMicros)
            {
                _aheadCallMicros = took;
            }
            // Sends that ran longer than the last ones ended after the rise they asked for: those pulses
            // started as they ended, so the pass's heat ends (and its latest rise is) later.
            if (sendsEnd >= riseAt)
            {
                riseAt = sendsEnd + 1;
            }
            return sent;
        }

        /// <summary>
        /// The earliest a pass's strobe may rise at or after atMicros: once its dots have had their rest and
        /// period (DotsReadyMicros) and the head supply has settled since it was switched on.
        /// </summary>
        private long RiseNotBefore(long atMicros)
        {
            long at = atMicros > _passDotsReadyMicros ? atMicros : _passDotsReadyMicros;
            return at > _headPowerReadyMicros ? at : _headPowerReadyMicros;
        }

        /// <summary>
        /// True when some of a pass's sends could go ahead of its latch, and calls take time (with none, there
        /// is nothing to move): the latch itself when it is on a pulse output; else strobes on separate
        /// outputs, on blocks white in the data latched now.
        /// </summary>
        private bool AheadPossible(int mask)
        {
            if (!_config.StrobesAhead || (_pulseCallMicros <= 0 && _latchCallMicros <= 0))
            {
                return false;
            }
            return _latchPulse != null || ((mask & ~_latchedMask) != 0 && _pins.Strobes.Length > 1 && _pulseCallMicros > 0);
        }

        /// <summary>
        /// True when a step with this interval keeps the motor near its place in the acceleration table, so its
        /// lookup takes no more looks than a latch timed after it allows (a step after a long one walks the
        /// table, and the latch would come late). A microsecond either side for the whole-microsecond clock.
        /// </summary>
        private bool StepLookupShort(long intervalMicros)
        {
            return intervalMicros > _motor.PaceBandMinMicros + 1 && intervalMicros < _motor.PaceBandMaxMicros - 1;
        }

        /// <summary>Reads the platen switch (timing the read, so sends ahead can be placed after it); true when open.</summary>
        private bool PlatenOpened()
        {
            long start = _clock.NowMicros;
            bool open = _platenOpen.ReadNow();
            _platenReadMicros = _clock.NowMicros - start;
            if (open)
            {
                _backlashPending = true;
            }
            return open;
        }

        /// <summary>The paper sensor: true when out. A reading taken in this call less than SensorReuseMicros ago is used again.</summary>
        private bool PaperOutReading()
        {
            return _paperOut.Read(_config.SensorReuseMicros);
        }

        /// <summary>The platen switch: true when open. A reading taken in this call less than SensorReuseMicros ago is used again.</summary>
        private bool PlatenOpenReading()
        {
            return _platenOpen.Read(_config.SensorReuseMicros);
        }

        /// <summary>A new call reads the switches afresh: the world may have changed since the last one returned.</summary>
        private void ForgetSensorReadings()
        {
            _paperOut.Forget();
            _platenOpen.Forget();
        }

        private void Count(CpuWork work, int times)
        {
            if (_cpu != null && times > 0)
            {
                _cpu.Count(work, times);
            }
        }

        private bool StrobeOn()
        {
            return _clock.NowMicros < HeatEndMicros();
        }

        private void ReadSupply()
        {
            long start = _clock.NowMicros;
            int supplyPin = _pins.Supply.ReadMillivolts();
            _supplyMillivolts = supplyPin * _supplyDividerRatio;
            Count(CpuWork.SingleOperation, 1);
            _supplyReadMicros = _clock.NowMicros - start;
        }

        private void DelayUntil(long atMicros)
        {
            long wait = atMicros - _clock.NowMicros;
            if (wait > 0)
            {
                _clock.DelayMicros(wait);
            }
        }

        private int MicrosAtLeast(int nanos)
        {
            int micros = (nanos + 999) / 1000;
            return (micros < 1 ? 1 : micros) + _config.InterfaceMarginMicros;
        }

        /// <summary>The passes of one firing: each one's black extent and when its strobe started and ended.</summary>
        private class PassRecord
        {
            public int Count;
            public readonly int[] FirstDot;
            public readonly int[] EndDot;
            public readonly long[] StartMicros;
            public readonly long[] EndMicros;

            public PassRecord(int passes)
            {
                FirstDot = new int[passes];
                EndDot = new int[passes];
                StartMicros = new long[passes];
                EndMicros = new long[passes];
            }
        }
    }
}
