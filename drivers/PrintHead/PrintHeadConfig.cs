namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The board around the mechanism and the driver's own bounds. Mechanism facts live in the profile;
    /// these are the terminal's design values.
    /// </summary>
    public class PrintHeadConfig
    {
        /// <summary>Thermistor pull-up resistor to the reference.</summary>
        public int ThermistorPullUpOhms = 10000;

        /// <summary>Reference voltage of the thermistor divider (the ADC's 3.3 V rail).</summary>
        public int ThermistorReferenceMillivolts = 3300;

        /// <summary>Pin voltage at or above which the thermistor reads open (about -45 degC on a 30 k NTC).</summary>
        public int ThermistorOpenMillivolts = 3250;

        /// <summary>Pin voltage at or below which the thermistor reads shorted (above 150 degC).</summary>
        public int ThermistorShortMillivolts = 60;

        /// <summary>Supply divider, V_P side (30 k / 10 k: 9.5 V reads 2.375 V, inside the ADC's range).</summary>
        public int SupplyDividerTopOhms = 30000;

        /// <summary>Supply divider, ground side.</summary>
        public int SupplyDividerBottomOhms = 10000;

        /// <summary>
        /// Battery internal plus board wiring resistance, the design value the strobe time uses to follow
        /// the supply's sag under the head current (docs/print-head.md, supply sag: V_H = V_oc - I R_s).
        /// </summary>
        public int SupplySourceMilliohms = 150;

        /// <summary>
        /// The driver stops this far below the profile's overheat limit, or ThermistorEveryLines x
        /// HeadRisePerLineCelsius below it if that is more: the margin covers the head's rise over the lines one
        /// reading serves (8 x 0.02 = 0.16 degC by default) and the reading's quantisation (hundredths of a
        /// degree near the limit).
        /// </summary>
        public double OverheatMarginCelsius = 0.5;

        /// <summary>
        /// The thermistor is read on one dot line in this many (an ADC call, about 12 us of CPU on the device,
        /// and the conversion), and always on a job's first line and the first line after any stop or fault.
        /// The head moves by hundredths of a degree per line (the bench's dense page, the hardest, warms about
        /// 9 degC over 800 lines: 0.011 degC a line), so 8 lines leave the strobe time at most 0.1 degC stale
        /// (about 0.1 % of heat time) and fit inside OverheatMarginCelsius. 1 reads every line.
        /// </summary>
        public int ThermistorEveryLines = 8;

        /// <summary>
        /// Bound on the head's rise in one dot line, in degC, for the overheat margin between readings: about
        /// twice the fastest the bench measures (0.011 degC a line on its dense page).
        /// </summary>
        public double HeadRisePerLineCelsius = 0.02;

        /// <summary>
        /// The motor's extreme-temperature rate cap applies this far inside the normal range already: the
        /// thermistor lags the head, and the head is read once every ThermistorEveryLines lines.
        /// </summary>
        public double MotorCapMarginCelsius = 1.0;

        /// <summary>True: split each line into the fewest balanced passes. False: fire the fixed strobe blocks in turn.</summary>
        public bool DynamicGrouping = true;

        /// <summary>Energy scale in percent (print density); 100 is the datasheet's energy.</summary>
        public int EnergyPercent = 100;

        /// <summary>
        /// A fixed strobe time in us for every pass (0 = off: the heat-time equations at the measured
        /// temperature, supply, dots and rate). A fixed time is what a driver without compensation does; it
        /// is here to show what the compensation is for.
        /// </summary>
        public int FixedHeatMicros = 0;

        /// <summary>Margin kept under the motor's max pulse rate, in percent.</summary>
        public int MotorRateMarginPercent = 2;

        /// <summary>Scale applied to the acceleration table's step times, in percent (100 = the table).</summary>
        public int AccelerationPercent = 100;

        /// <summary>A running motor with no call for this long is stopped (feed, hold, coils off) by Service or the next call.</summary>
        public int IdleStopMicros = 50000;

        /// <summary>Extra wait added to each interface minimum after rounding it up to whole microseconds.</summary>
        public int InterfaceMarginMicros = 0;

        /// <summary>
        /// How long after the logic supply V_dd is up (the driver's start) the head supply V_H may be
        /// switched on: the datasheets ask V_dd first ([JX2R] power sequencing); the delay itself is
        /// UNCONFIRMED (no datasheet gives one; [S-LTPD245C] gives no sequencing at all), so it is a setting.
        /// </summary>
        public int HeadPowerAfterLogicMicros = 1000;

        /// <summary>
        /// How long V_H takes to rise through the board's switch and settle on its capacitors; no strobe
        /// before it has. UNCONFIRMED: a board value (switch and bulk capacitance), to be measured on the board.
        /// </summary>
        public int HeadPowerSettleMicros = 1000;

        /// <summary>
        /// True: a pass's strobes on blocks white in the data latched now are sent before the latch, timed by
        /// the RMT to rise after it, so their calls run in the wait before the latch (docs: hot path).
        /// </summary>
        public bool StrobesAhead = true;

        /// <summary>
        /// Extra wait before a strobe sent ahead rises, after the latch as its calls took last time.
        /// UNCONFIRMED on the device (a call's time varies there; the emulator's calls take what its CPU model
        /// charges): 0 until the latch's jitter is measured on the board.
        /// </summary>
        public int StrobeAheadMarginMicros = 0;

        /// <summary>
        /// With LAT on a pulse output (an RMT channel), how much later than asked its edges may come: the
        /// driver counts LAT back high that much later, before the strobes' t7 and the next shift's hold.
        /// UNCONFIRMED on the device (the adapter's lead already allows for RmtPulse.SendLatencyMicros; this
        /// covers what is left of it): 0 until measured on the board.
        /// </summary>
        public int LatchPulseMarginMicros = 0;

        /// <summary>
        /// Within one call (a dot line or a feed), a paper-sensor or platen-switch reading younger than this is
        /// used again instead of read again (each read is an adapter call on the device). In 1 ms the paper
        /// moves 60 um at 60 mm/s, half a dot line, and both inputs are switches debounced over milliseconds;
        /// the platen is still read afresh just before every latch. 0 reads every time.
        /// </summary>
        public int SensorReuseMicros = 1000;

        /// <summary>Caps the dots per pass below the profile's maximum (0 or a value above it = the profile's value).</summary>
        public int MaxDotsPerPassOverride = 0;
    }
}
