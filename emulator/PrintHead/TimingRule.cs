namespace PosFirmware.Emulator.PrintHead;

/// <summary>The rules the timing checker enforces, each from the profile's datasheet (docs/print-head.md).</summary>
public enum TimingRule
{
    /// <summary>CLK faster than f_CLK max.</summary>
    ClockTooFast,

    /// <summary>CLK high or low shorter than t1.</summary>
    ClockPulseTooShort,

    /// <summary>DI set up less than t2 before CLK rises.</summary>
    DataSetup,

    /// <summary>DI held less than t3 after CLK rises.</summary>
    DataHold,

    /// <summary>LAT falls less than t4 after the last CLK rise.</summary>
    LatchSetup,

    /// <summary>LAT low shorter than t5.</summary>
    LatchWidth,

    /// <summary>CLK rises less than t6 after LAT rises.</summary>
    LatchHold,

    /// <summary>STB rises less than t7 after LAT rises.</summary>
    LatchToStrobe,

    /// <summary>LAT falls less than t8 after a strobe falls.</summary>
    LatchWait,

    /// <summary>LAT falls while a strobe is on (the heating dots change mid-pulse).</summary>
    LatchDuringStrobe,

    /// <summary>A strobe pulse longer than the profile allows.</summary>
    StrobeTooLong,

    /// <summary>More dots energised at once than the profile allows.</summary>
    TooManyDots,

    /// <summary>A dot fired again before its rest or period is over.</summary>
    SameDotTooSoon,

    /// <summary>A motor step faster than pull-in, the acceleration table or the max rate at the supply allows.</summary>
    MotorTooFast,

    /// <summary>Coils released sooner than the stop hold after the last step.</summary>
    StopHoldTooShort,

    /// <summary>Motor stopped without the feed the datasheet asks after the last heat.</summary>
    NoFeedAfterHeat,

    /// <summary>A dot heated again while the paper has not moved since its last heat.</summary>
    HeatWithoutPaperMotion,

    /// <summary>Heat while the head is above the overheat stop temperature.</summary>
    HeatWhenOverheated,

    /// <summary>Heat with no paper or the platen open.</summary>
    HeatWithoutPaper,

    /// <summary>Motor driven continuously longer than allowed.</summary>
    MotorContinuousDrive,

    /// <summary>Coils driven in a state the excitation table does not have.</summary>
    MotorPhaseInvalid,

    /// <summary>
    /// A strobe still on when the paper steps into the next firing window: the heat lands on the next
    /// (half) dot line, and the heater is on while the paper moves under it further than the firing allows.
    /// </summary>
    HeatIntoNextWindow,

    /// <summary>The supply read while a strobe is on: the reading is the sagged voltage, not the battery's.</summary>
    SupplyReadDuringStrobe,

    /// <summary>
    /// Power sequencing broken: the head supply V_H switched on before the logic supply V_dd had been up for
    /// its settle time, or switched (on or off) while a strobe is on.
    /// </summary>
    HeadPowerSequence,

    /// <summary>A strobe with the head supply V_H off or still rising.</summary>
    StrobeWithoutHeadPower,
}
