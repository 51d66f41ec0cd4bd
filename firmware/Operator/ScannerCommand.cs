namespace PosFirmware.Operator
{
    /// <summary>What the console needs the scanner to do next.</summary>
    public enum ScannerCommand
    {
        /// <summary>Nothing.</summary>
        None = 0,

        /// <summary>Open a scan window.</summary>
        Start = 1,

        /// <summary>Close the scan window.</summary>
        Stop = 2,
    }
}
