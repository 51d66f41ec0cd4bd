namespace PosFirmware.Scanner
{
    /// <summary>Why a scanned line is not a payment code; None when it is one.</summary>
    public enum CodeMismatch
    {
        /// <summary>The line fits a rule of the table.</summary>
        None = 0,

        /// <summary>The line holds anything but ASCII digits, or nothing.</summary>
        NotDigits = 1,

        /// <summary>The digits fit no rule of the table.</summary>
        NoRule = 2,
    }
}
