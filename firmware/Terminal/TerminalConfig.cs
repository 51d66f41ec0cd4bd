namespace PosFirmware.Terminal
{
    /// <summary>Named limits and periods of the main loop. Every bound the loop has is here.</summary>
    public class TerminalConfig
    {
        /// <summary>How long the loop waits between passes when idle.</summary>
        public int LoopPeriodMicros = 1000;

        /// <summary>Half the heartbeat period: the LED toggles this often while the loop runs.</summary>
        public int HeartbeatHalfPeriodMicros = 250000;

        /// <summary>The file holding the boot record.</summary>
        public string BootRecordFile = "boot.rec";
    }
}
