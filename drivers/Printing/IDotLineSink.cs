namespace PosFirmware.Printing
{
    /// <summary>
    /// Where rendered dot lines go: the print-head driver on the terminal. The ESC/POS interpreter writes
    /// to it and knows nothing of strobes or motors. When a call returns a fault, nothing of that line was
    /// printed; the caller retries the same line once the fault clears (a job resumes at the right line).
    /// </summary>
    public interface IDotLineSink
    {
        /// <summary>Dots across one line (384 on a 58 mm head).</summary>
        int DotsPerLine { get; }

        /// <summary>
        /// Prints one dot line: DotsPerLine / 8 bytes from offset, the most significant bit of the first
        /// byte being the leftmost dot, 1 = black. Advances the paper by one dot line.
        /// </summary>
        PrintStatus PrintLine(byte[] dots, int offset);

        /// <summary>Feeds blank paper by a number of dot lines (0.125 mm each on an 8 dots/mm head).</summary>
        PrintStatus Feed(int dotLines);
    }
}
