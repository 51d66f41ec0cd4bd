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
        private readonly PrintHeadConfig _config;
        private readonly IClock _clock;
        private readonly HeatEquations _eq;
        private readonly StepperDrive _motor;
        private readonly StrobePlan _plan;
        private readonly byte[] _line;
        private readonly byte[] _passData;
        private readonly long[] _dotLastStartMicros;
        private readonly long[] _dotLastEndMicros;
        private readonly int _latchSetupMicros;
        private readonly int _latchWidthMicros;
        private readonly int _latchHoldMicros;
        private readonly int _latchToStrobeMicros;
        private readonly int _latchWaitMicros;
        private readonly double _sourceOhms;
        private long _strobeEndMicros;
        private long _shiftEndMicros;
        private long _latchHighMicros;
        private bool _overheated;
        private bool _backlashPending;
        private long _motorRestUntilMicros;
        private double _celsius;
        private double _supplyMillivolts;
        private double _maxPps;
        private long _stretchMicros;

        /// <summary>Creates the driver; the motor starts released and the latch idle (high).</summary>
        public ThermalHeadDriver(MechanismProfile profile, PrintHeadPins pins, PrintHeadConfig config, IClock clock)
        {
            Check.That(profile != null && pins != null && config != null && clock != null, "driver has a profile, pins, config and clock");
            Check.That(pins.Strobes != null && pins.Strobes.Length == profile.StrobeBlocks, "one strobe output per block");
            Check.That(profile.DotsPerBlock % 8 == 0, "strobe blocks are whole bytes");
            Check.That(pins.Data != null && pins.Latch != null && pins.Thermistor != null && pins.Supply != null
                && pins.PaperOut != null && pins.PlatenOpen != null, "every head pin is wired");
            _p = profile;
            _pins = pins;
            _config = config;
            _clock = clock;
            _eq = new HeatEquations(profile);
            _motor = new StepperDrive(profile, pins.MotorPhases, clock, config.AccelerationPercent);
            _plan = new StrobePlan(profile.DotsPerLine);
            _line = new byte[profile.BytesPerLine];
            _passData = new byte[profile.BytesPerLine];
            _dotLastStartMicros = new long[profile.DotsPerLine];
            _dotLastEndMicros = new long[profile.DotsPerLine];
            for (int i = 0; i < profile.DotsPerLine; i++)
            {
                _dotLastStartMicros[i] = -1000000;
                _dotLastEndMicros[i] = -1000000;
            }
            _latchSetupMicros = MicrosAtLeast(profile.LatchSetupNanos);
            _latchWidthMicros = MicrosAtLeast(profile.LatchWidthNanos);
            _latchHoldMicros = MicrosAtLeast(profile.LatchHoldNanos);
            _latchToStrobeMicros = MicrosAtLeast(profile.LatchToStrobeNanos);
            _latchWaitMicros = MicrosAtLeast(profile.LatchWaitNanos);
            _sourceOhms = config.SupplySourceMilliohms / 1000.0;
            _maxPps = profile.MaxPps[0];
            _pins.Latch.Write(true);
            _motor.Release();
        }

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

        /// <summary>The head temperature read for the last line, in degC.</summary>
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
            StopIfIdle();
            PrintStatus status = CheckFaults(true);
            if (status != PrintStatus.Ok)
            {
                return EnterFault(status);
            }
            StartMotor();
            for (int i = 0; i < _line.Length; i++)
            {
                _line[i] = dots[offset + i];
            }
            if (_config.DynamicGrouping)
            {
                int cap = _config.MaxDotsPerPassOverride > 0 ? _config.MaxDotsPerPassOverride : _p.MaxSimultaneousDots;
                StrobePlanner.PlanDynamic(_line, 0, _p.DotsPerLine, _p.DotsPerBlock, cap, _plan, true);
            }
            else
            {
                StrobePlanner.PlanFixed(_line, 0, _p.DotsPerLine, _p.StrobeBlocks, _plan);
            }
            double loaded = _eq.LoadedVolts(_supplyMillivolts / 1000.0, _plan.MaxDotsInAPass(), _sourceOhms);
            _maxPps = _eq.MaxPps(loaded * 1000.0, _celsius, _config.MotorCapMarginCelsius);
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
            StopIfIdle();
            for (int line = 0; line < dotLines; line++)
            {
                PrintStatus status = CheckFaults(false);
                if (status != PrintStatus.Ok)
                {
                    return EnterFault(status);
                }
                StartMotor();
                _maxPps = _eq.MaxPps(_supplyMillivolts, _celsius, _config.MotorCapMarginCelsius);
                for (int s = 0; s < _p.StepsPerDotLine; s++)
                {
                    StepWhen(_strobeEndMicros);
                }
            }
            LastFault = PrintStatus.Ok;
            return PrintStatus.Ok;
        }

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
                return;
            }
            while (_motor.StepsSinceHeat < _p.FeedStepsAfterHeat)
            {
                StepWhen(_strobeEndMicros);
            }
            DelayUntil(_motor.LastStepMicros + _p.StopHoldMillis * 1000L);
            _motor.Release();
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
            if (!StrobeOn() || !_config.HonourHeatWindow)
            {
                ReadSupply();
            }
            int thermistorPin = _pins.Thermistor.ReadMillivolts();
            bool thermistorBad = thermistorPin >= _config.ThermistorOpenMillivolts || thermistorPin <= _config.ThermistorShortMillivolts;
            if (!thermistorBad)
            {
                double ohms = (double)_config.ThermistorPullUpOhms * thermistorPin / (_config.ThermistorReferenceMillivolts - thermistorPin);
                _celsius = _eq.ThermistorCelsius(ohms);
            }
            if (_pins.PlatenOpen.Read())
            {
                _backlashPending = true;
                return PrintStatus.PlatenOpen;
            }
            if (_pins.PaperOut.Read())
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
            if (_celsius > _p.OverheatStopCelsius - _config.OverheatMarginCelsius)
            {
                _overheated = true;
                return PrintStatus.Overheat;
            }
            return PrintStatus.Ok;
        }

        private PrintStatus EnterFault(PrintStatus status)
        {
            LastFault = status;
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
                    StepWhen(_strobeEndMicros);
                }
            }
        }

        private PrintStatus RunActivation(int heat)
        {
            int passes = _plan.PassCount;
            // A stop (its feed after heat) or a head lifted mid-firing can leave the paper inside a firing
            // window. When that window is the first of a dot line, the line's first firing takes the rest of
            // it, so the line lands where it would have without the stop; otherwise the paper goes on without
            // heat to the next dot line. Either way the heat ends before the next window opens.
            int intoWindow = (int)(_motor.TotalSteps % _p.StepsPerHeat);
            if (intoWindow != 0 && heat == 0 && ((_motor.TotalSteps - 1) / _p.StepsPerHeat) % _p.HeatsPerDotLine != 0)
            {
                while (_motor.TotalSteps % _p.StepsPerDotLine != 0)
                {
                    StepWhen(_strobeEndMicros);
                }
                intoWindow = 0;
            }
            bool insideWindow = intoWindow != 0;
            // The first step goes before the shift when it is already due (the last pass of the previous
            // firing ran late), so the 48-byte shift does not lengthen the step; otherwise the shift
            // overlaps the wait for it.
            long windowOpen = WindowOpenMicros();
            bool stepFirst = !insideWindow && windowOpen <= _clock.NowMicros;
            if (stepFirst)
            {
                StepWhen(windowOpen);
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
            if (!stepFirst && !insideWindow)
            {
                StepWhen(_config.HonourHeatWindow ? _strobeEndMicros : 0);
            }
            // The last firing's stretch paces the steps until this firing's first pass sets its own, so a
            // pass that runs late does not let the paper run ahead at the motor's pace; white has no heat
            // to spread.
            if (passes == 0)
            {
                _stretchMicros = 0;
            }
            int stepsLeft = insideWindow ? _p.StepsPerHeat - intoWindow : _p.StepsPerHeat - 1;
            for (int k = 0; k < passes; k++)
            {
                long passReady = PassReadyMicros(k);
                while (stepsLeft > 0 && NextStepDueMicros() <= passReady)
                {
                    StepWhen(0);
                    stepsLeft--;
                }
                PrintStatus status = FirePass(k, passReady);
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
        /// The step interval that spreads this firing's heat evenly over its steps: the passes (balanced, so
        /// about as long as the first) with their latch waits, or the first pass plus the same-dot rest (and
        /// period) when the dots fire again next time. Spreading it keeps the 2-step time W of Eq. 8 equal
        /// to the real firing period instead of bunching the wait into one long step.
        /// </summary>
        private long StretchFor(int passes)
        {
            long pass = _strobeEndMicros - _clock.NowMicros;
            long overhead = _latchWaitMicros + _latchWidthMicros + _latchToStrobeMicros + _latchSetupMicros;
            long heat = passes * pass + (passes - 1) * overhead;
            // The next firing's strobe follows its first step by the latch pulse and t7 alone; the LAT wait
            // t8 is inside the same-dot rest (500 us >> 30 us), so it adds nothing here. One microsecond
            // covers the clock's whole-microsecond reading (PassReadyMicros adds the same).
            long rest = pass + _p.SameDotRestMicros + 1;
            long period = heat > rest ? heat : rest;
            if (period < _p.SameDotMinPeriodMicros + 1)
            {
                period = _p.SameDotMinPeriodMicros + 1;
            }
            return (period + _p.StepsPerHeat - 1) / _p.StepsPerHeat;
        }

        /// <summary>
        /// When the next firing window may open: the motor's next step time, but never while a strobe is on,
        /// so no heat runs into the next (half) dot line and the dot is marked where its pulse fires.
        /// </summary>
        private long WindowOpenMicros()
        {
            long due = NextStepDueMicros();
            return due > _strobeEndMicros || !_config.HonourHeatWindow ? due : _strobeEndMicros;
        }

        private long NextStepDueMicros()
        {
            long interval = _motor.MinNextIntervalMicros(_supplyMillivolts, _maxPps, _config.MotorRateMarginPercent);
            return _motor.LastStepMicros + (interval > _stretchMicros ? interval : _stretchMicros);
        }

        private void StepWhen(long notBeforeMicros)
        {
            long due = NextStepDueMicros();
            DelayUntil(due > notBeforeMicros ? due : notBeforeMicros);
            _motor.Step();
        }

        /// <summary>
        /// When the latch for a pass may fall: the previous strobe off plus the LAT wait (t8), and early enough
        /// before the strobe that every dot of the pass has had its rest and period since it last fired.
        /// </summary>
        private long PassReadyMicros(int pass)
        {
            long latchReady = _strobeEndMicros + _latchWaitMicros + _config.InterfaceMarginMicros;
            long dotsReady = 0;
            int end = _plan.EndDot[pass];
            for (int dot = _plan.FirstDot[pass]; dot < end; dot++)
            {
                if (StrobePlanner.IsBlack(_line, 0, dot))
                {
                    long afterRest = _dotLastEndMicros[dot] + _p.SameDotRestMicros;
                    long afterPeriod = _dotLastStartMicros[dot] + _p.SameDotMinPeriodMicros;
                    if (afterRest > dotsReady)
                    {
                        dotsReady = afterRest;
                    }
                    if (afterPeriod > dotsReady)
                    {
                        dotsReady = afterPeriod;
                    }
                }
            }
            // The latch and the LAT-to-STB wait come between the latch and the strobe itself; one more
            // microsecond because the clock reads whole microseconds and the last pulse may have started
            // part-way through one.
            dotsReady += 1 - _latchWidthMicros - _latchToStrobeMicros;
            return dotsReady > latchReady ? dotsReady : latchReady;
        }

        private void ShiftPass(int pass)
        {
            int first = _plan.FirstDot[pass];
            int end = _plan.EndDot[pass];
            for (int i = 0; i < _passData.Length; i++)
            {
                int lo = i * 8;
                int mask = 0;
                if (lo + 8 > first && lo < end)
                {
                    mask = 0xFF;
                    if (first > lo)
                    {
                        mask &= 0xFF >> (first - lo);
                    }
                    if (end < lo + 8)
                    {
                        mask &= ~(0xFF >> (end - lo)) & 0xFF;
                    }
                }
                _passData[i] = (byte)(_line[i] & mask);
            }
            DelayUntil(_latchHighMicros + _latchHoldMicros);
            _pins.Data.Write(_passData, 0, _passData.Length);
            _shiftEndMicros = _clock.NowMicros;
        }

        private PrintStatus FirePass(int pass, long readyMicros)
        {
            long latchAt = _shiftEndMicros + _latchSetupMicros + _config.InterfaceMarginMicros;
            DelayUntil(latchAt > readyMicros ? latchAt : readyMicros);
            // The line's fault check may be a whole line old by now: no strobe once the head is lifted or
            // the paper gone (the caller retries the line when the fault clears).
            if (_pins.PlatenOpen.Read())
            {
                _backlashPending = true;
                return PrintStatus.PlatenOpen;
            }
            if (_pins.PaperOut.Read())
            {
                return PrintStatus.PaperOut;
            }
            _pins.Latch.Write(false);
            _clock.DelayMicros(_latchWidthMicros);
            _pins.Latch.Write(true);
            _latchHighMicros = _clock.NowMicros;
            _clock.DelayMicros(_latchToStrobeMicros);
            int dots = _plan.Dots[pass];
            ReadSupply();
            double loaded = _eq.LoadedVolts(_supplyMillivolts / 1000.0, dots, _sourceOhms);
            long interval = _motor.LastIntervalMicros < 0 ? _p.AccelerationMicros[0] : _motor.LastIntervalMicros;
            double heat = _eq.HeatMicros(_celsius, loaded, dots > 0 ? dots : 1, (double)interval * _p.StepsPerHeat);
            if (_config.FixedHeatMicros > 0)
            {
                heat = _config.FixedHeatMicros;
            }
            heat = heat * _config.EnergyPercent / 100.0;
            int width = (int)(heat + 0.5);
            if (width < 1)
            {
                width = 1;
            }
            if (width > _p.MaxStrobeMicros)
            {
                width = _p.MaxStrobeMicros;
            }
            int mask = _plan.BlockMask[pass];
            for (int b = 0; b < _p.StrobeBlocks; b++)
            {
                if ((mask & (1 << b)) != 0)
                {
                    _pins.Strobes[b].Pulse(width);
                }
            }
            long start = _clock.NowMicros;
            // The clock reads whole microseconds and the pulse may have started part-way through one.
            _strobeEndMicros = start + width + 1;
            int end = _plan.EndDot[pass];
            for (int dot = _plan.FirstDot[pass]; dot < end; dot++)
            {
                if (StrobePlanner.IsBlack(_line, 0, dot))
                {
                    _dotLastStartMicros[dot] = start;
                    _dotLastEndMicros[dot] = start + width;
                }
            }
            _motor.StepsSinceHeat = 0;
            PassesFired++;
            return PrintStatus.Ok;
        }

        private bool StrobeOn()
        {
            return _clock.NowMicros < _strobeEndMicros;
        }

        private void ReadSupply()
        {
            int supplyPin = _pins.Supply.ReadMillivolts();
            _supplyMillivolts = (double)supplyPin * (_config.SupplyDividerTopOhms + _config.SupplyDividerBottomOhms) / _config.SupplyDividerBottomOhms;
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
    }
}
