namespace PosFirmware.PrintHead
{
    /// <summary>
    /// What a mechanism's datasheet gives, as read from its profile file (drivers/PrintHead/Profiles/*.profile).
    /// Units are in the names. Read by <see cref="MechanismProfileFile"/>; a hardware engineer adds a mechanism by
    /// adding a file, not code.
    /// </summary>
    public class MechanismProfile
    {
        /// <summary>Mechanism name, e.g. "LTPD245C".</summary>
        public string Name;

        /// <summary>Dots across one line.</summary>
        public int DotsPerLine;

        /// <summary>Distance between dot centres, in micrometres.</summary>
        public int DotPitchMicrons;

        /// <summary>Number of strobe lines; block k holds dots [k * DotsPerLine / StrobeBlocks, ...).</summary>
        public int StrobeBlocks;

        /// <summary>Typical heater resistance R_H.</summary>
        public double HeaterOhms;

        /// <summary>Minimum heater resistance (peak current is computed with it).</summary>
        public double HeaterMinOhms;

        /// <summary>Driver IC on-resistance R_i / R_ic.</summary>
        public double DriverOhms;

        /// <summary>Lead resistance R_lead.</summary>
        public double LeadOhms;

        /// <summary>Common-line resistance R_C per dot on at once.</summary>
        public double CommonOhms;

        /// <summary>Supply wiring resistance r_C per dot on at once.</summary>
        public double WiringOhms;

        /// <summary>Lowest supply the mechanism runs on.</summary>
        public int SupplyMinMillivolts;

        /// <summary>Highest supply the mechanism runs on.</summary>
        public int SupplyMaxMillivolts;

        /// <summary>Most dots that may be energised at once.</summary>
        public int MaxSimultaneousDots;

        /// <summary>Thermistor resistance at 25 degC.</summary>
        public double ThermistorR25Ohms;

        /// <summary>Thermistor B constant in kelvin.</summary>
        public double ThermistorBeta;

        /// <summary>Temperatures of the energy table, ascending.</summary>
        public double[] EnergyCelsius;

        /// <summary>Energy per dot and firing at those temperatures.</summary>
        public double[] EnergyMicrojoules;

        /// <summary>Effective heater voltage = gain * V_P + offset (SII Eq. 6; 1 and 0 where the datasheet uses V_H).</summary>
        public double EffectiveVoltageGain;

        /// <summary>See <see cref="EffectiveVoltageGain"/>, in volts.</summary>
        public double EffectiveVoltageOffset;

        /// <summary>True when the pulse-rate correction C (SII Eq. 8) applies.</summary>
        public bool HasPulseCorrection;

        /// <summary>C = 1 - (c1 V_P - c2) / ((V_P - c3)(W + c4) + c5); five coefficients c1..c5.</summary>
        public double[] PulseCorrection;

        /// <summary>Motor steps per dot line.</summary>
        public int StepsPerDotLine;

        /// <summary>Firings per dot line (2 where the heater is half a dot long).</summary>
        public int HeatsPerDotLine;

        /// <summary>Motor rate cap outside the normal temperature range, in pps (0: no cap).</summary>
        public int ExtremeMaxPps;

        /// <summary>Lowest head temperature at which the supply's max rate applies.</summary>
        public int NormalMinCelsius;

        /// <summary>Highest head temperature at which the supply's max rate applies.</summary>
        public int NormalMaxCelsius;

        /// <summary>Coil A drive per excitation state: +1, 0 (open), -1. Index order is forward feed.</summary>
        public int[] ExcitationCoilA;

        /// <summary>Coil B drive per excitation state.</summary>
        public int[] ExcitationCoilB;

        /// <summary>Supply points of the max pulse rate table, ascending.</summary>
        public int[] MaxPpsMillivolts;

        /// <summary>Max pulse rate at those points; linear between, clamped outside.</summary>
        public int[] MaxPps;

        /// <summary>Acceleration table: step times in us; entry 0 is the start step.</summary>
        public int[] AccelerationMicros;

        /// <summary>How long the last phase is held when stopping.</summary>
        public int StopHoldMillis;

        /// <summary>Steps fed without heat after the last heat before the motor stops.</summary>
        public int FeedStepsAfterHeat;

        /// <summary>Steps fed after the platen closes (gear backlash).</summary>
        public int FeedStepsAfterPlatenClose;

        /// <summary>Longest continuous motor drive.</summary>
        public int MotorMaxContinuousMillis;

        /// <summary>Rest after the continuous-drive limit is reached.</summary>
        public int MotorRestMillis;

        /// <summary>Highest CLK frequency.</summary>
        public int ClockMaxHertz;

        /// <summary>Shortest CLK high or low time (t1).</summary>
        public int ClockPulseNanos;

        /// <summary>DI setup before CLK rising (t2).</summary>
        public int DataSetupNanos;

        /// <summary>DI hold after CLK rising (t3).</summary>
        public int DataHoldNanos;

        /// <summary>Last CLK rising to LAT falling (t4).</summary>
        public int LatchSetupNanos;

        /// <summary>LAT low width (t5).</summary>
        public int LatchWidthNanos;

        /// <summary>LAT rising to the next CLK rising (t6).</summary>
        public int LatchHoldNanos;

        /// <summary>LAT rising to STB rising (t7).</summary>
        public int LatchToStrobeNanos;

        /// <summary>STB falling to the next LAT falling (t8; 0 = none).</summary>
        public int LatchWaitNanos;

        /// <summary>Rest of a dot between the end of one pulse and the start of the next (0 = none).</summary>
        public int SameDotRestMicros;

        /// <summary>Shortest start-to-start period of the same dot (0 = none).</summary>
        public int SameDotMinPeriodMicros;

        /// <summary>Longest strobe pulse.</summary>
        public int MaxStrobeMicros;

        /// <summary>Heating stops above this head temperature.</summary>
        public int OverheatStopCelsius;

        /// <summary>Heating resumes below this head temperature.</summary>
        public int OverheatResumeCelsius;

        /// <summary>Dots per strobe block.</summary>
        public int DotsPerBlock
        {
            get { return DotsPerLine / StrobeBlocks; }
        }

        /// <summary>Bytes of one dot line.</summary>
        public int BytesPerLine
        {
            get { return DotsPerLine / 8; }
        }

        /// <summary>Motor steps between two firings.</summary>
        public int StepsPerHeat
        {
            get { return StepsPerDotLine / HeatsPerDotLine; }
        }

        /// <summary>Excitation states in the table.</summary>
        public int ExcitationStates
        {
            get { return ExcitationCoilA.Length; }
        }
    }
}
