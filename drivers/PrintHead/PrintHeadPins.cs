using PosFirmware.Hal;

namespace PosFirmware.PrintHead
{
    /// <summary>
    /// The wires between the ESP32 and a bare thermal mechanism, named as the datasheets draw them
    /// ([S-LTPD245C] Table 3-13, [JX2R] pinout). Filled by the device's Program or the emulator.
    /// </summary>
    public class PrintHeadPins
    {
        /// <summary>DI and CLK: the head's shift register on SPI mode 0, MSB (dot 1) first.</summary>
        public ISpiBus Data;

        /// <summary>LAT (active low): copies the shift register into the latch. Unused when <see cref="LatchPulse"/> is wired.</summary>
        public IDigitalOutput Latch;

        /// <summary>
        /// LAT on a pulse output instead (an RMT channel idling high, pulsing low): the driver sends each latch
        /// ahead, timed by the hardware to fall once the LAT wait allows, so the CPU is not needed in the gap
        /// between two passes. When wired, <see cref="Latch"/> may be null (the pin is the RMT's).
        /// </summary>
        public IPulseOutput LatchPulse;

        /// <summary>
        /// STB1..STBn / DST1..DSTn (active high), one exact-width pulse output each; or a single output when
        /// the board ties every block's line together (each pass's data holds only its own dots, so one
        /// pulse heats exactly them, with one call instead of one per block).
        /// </summary>
        public IPulseOutput[] Strobes;

        /// <summary>
        /// Motor bridge inputs in the datasheet's order PH1..PH4 = A, B, /A, /B as bits 0..3 of one port, set
        /// together at each step (<see cref="PinByPinPort"/> over four pins where there is no port write).
        /// </summary>
        public IDigitalPort MotorPhases;

        /// <summary>
        /// Thermistor divider: the NTC from the pin to ground, <see cref="PrintHeadConfig.ThermistorPullUpOhms"/>
        /// from the pin to <see cref="PrintHeadConfig.ThermistorReferenceMillivolts"/>.
        /// </summary>
        public IAdcChannel Thermistor;

        /// <summary>
        /// Head supply V_P through a divider: <see cref="PrintHeadConfig.SupplyDividerTopOhms"/> from V_P to
        /// the pin, <see cref="PrintHeadConfig.SupplyDividerBottomOhms"/> from the pin to ground.
        /// </summary>
        public IAdcChannel Supply;

        /// <summary>Paper sensor PS: high when there is no paper.</summary>
        public IDigitalInput PaperOut;

        /// <summary>Platen (head-up) switch HS: high when open.</summary>
        public IDigitalInput PlatenOpen;

        /// <summary>
        /// VH_EN: the switch that feeds the head supply V_H from the battery (high = on), off at reset. The
        /// driver powers the head only with the logic up and every strobe low, and cuts it when idle
        /// (docs/print-head.md, power sequencing). The supply divider sits on the battery side of the switch.
        /// </summary>
        public IDigitalOutput HeadPower;
    }
}
