
using PosFirmware.Printing;

namespace PosFirmware.Operator
{
    /// <summary>What a printer fault means for the merchant, and what to do, in 20 columns each.</summary>
    public static class PrintFaultText
    {
        /// <summary>The fault in words.</summary>
        public static string What(PrintStatus status)
        {
            switch (status)
            {
                case PrintStatus.PaperOut:
                    return "Paper out";
                case PrintStatus.PlatenOpen:
                    return "Cover open";
                case PrintStatus.Overheat:
                    return "Print head too hot";
                case PrintStatus.ThermistorFault:
                    return "Head sensor fault";
                case PrintStatus.MotorRest:
                    return "Motor resting";
                case PrintStatus.SupplyOutOfRange:
                    return "Power out of range";
                default:
                    return "Printer ready";
            }
        }

        /// <summary>What the merchant should do.</summary>
        public static string Action(PrintStatus status)
        {
            switch (status)
            {
                case PrintStatus.PaperOut:
                    return "Load paper";
                case PrintStatus.PlatenOpen:
                    return "Close the cover";
                case PrintStatus.Overheat:
                case PrintStatus.MotorRest:
                    return "Please wait";
                case PrintStatus.ThermistorFault:
                    return "Call service";
                case PrintStatus.SupplyOutOfRange:
                    return "Check power supply";
                default:
                    return "";
            }
        }
    }
}
