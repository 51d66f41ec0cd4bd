namespace PosFirmware.Printing
{
    /// <summary>The outcome of printing or feeding: done, or the fault that stopped it.</summary>
    public enum PrintStatus
    {
        /// <summary>Done.</summary>
        Ok = 0,

        /// <summary>The paper sensor reports no paper.</summary>
        PaperOut = 1,

        /// <summary>The platen (head-up lever or cover) is open.</summary>
        PlatenOpen = 2,

        /// <summary>The head is above its stop temperature; printing waits until it falls below resume.</summary>
        Overheat = 3,

        /// <summary>The thermistor reads open or shorted: the head temperature is unknown.</summary>
        ThermistorFault = 4,

        /// <summary>The motor has run longer than its continuous-drive limit and must rest.</summary>
        MotorRest = 5,

        /// <summary>The supply voltage is outside the mechanism's range.</summary>
        SupplyOutOfRange = 6,
    }
}
