namespace PosFirmware.Print
{
    /// <summary>What became of a print request or of one retry of the job waiting in the queue.</summary>
    public enum PrintOutcome
    {
        /// <summary>No job waits: nothing was done.</summary>
        Idle = 0,

        /// <summary>The whole job printed.</summary>
        Printed = 1,

        /// <summary>The head faulted; the job waits and resumes at the faulted dot line once the fault clears.</summary>
        Waiting = 2,

        /// <summary>Refused: another job is still waiting (one job at a time).</summary>
        Busy = 3,

        /// <summary>Refused: the job is larger than PrintQueueConfig.MaxJobBytes.</summary>
        TooLarge = 4,

        /// <summary>Refused: the printer did not come up at boot (see TerminalApp.PrinterError).</summary>
        NotReady = 5,

        /// <summary>
        /// The job was dropped: the fault did not clear within PrintQueueConfig.MaxRetriesWithoutProgress tries,
        /// or the flash failed under it (PrintQueue.Message says how).
        /// </summary>
        GaveUp = 6,
    }
}
