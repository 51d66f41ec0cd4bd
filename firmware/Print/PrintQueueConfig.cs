namespace PosFirmware.Print
{
    /// <summary>Bounds of the print queue: one job, its size, and how often and how long a faulted job is retried.</summary>
    public class PrintQueueConfig
    {
        /// <summary>Largest job the queue copies (a composed receipt is 1-2 KB; the settlement summary is the longest).</summary>
        public int MaxJobBytes = 4096;

        /// <summary>
        /// How often a faulted job is tried again. Each try re-runs the job's ESC/POS from the start up to the
        /// faulted line (no page is buffered), so this keeps a long wait from costing the loop its time.
        /// </summary>
        public int RetryPeriodMicros = 250000;

        /// <summary>
        /// Tries in a row that print nothing new before the job is dropped: 2400 at 250 ms is 10 minutes
        /// for the merchant to load paper or close the cover. Any progress restarts the count.
        /// </summary>
        public int MaxRetriesWithoutProgress = 2400;
    }
}
