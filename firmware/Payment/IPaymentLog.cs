namespace PosFirmware.Payment
{
    /// <summary>Takes the flow's one-line events (the emulator's transaction log; a device could keep a ring).</summary>
    public interface IPaymentLog
    {
        /// <summary>One event at a time since boot. The text never holds key material or a whole payment code.</summary>
        void OnPaymentEvent(long nowMicros, string text);
    }
}
