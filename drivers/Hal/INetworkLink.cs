namespace PosFirmware.Hal
{
    /// <summary>
    /// One stream connection to the acquirer (a Socket over Wi-Fi on the ESP32). Every call is bounded:
    /// Connect and Receive take a timeout, Send returns an error instead of blocking forever.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>Opens the connection; false if it could not be made within timeoutMicros.</summary>
        bool Connect(long timeoutMicros);

        /// <summary>True between a successful Connect and Close or a reset by the peer.</summary>
        bool IsConnected { get; }

        /// <summary>Sends count bytes of buffer from offset. Returns count, or -1 if the connection is gone.</summary>
        int Send(byte[] buffer, int offset, int count);

        /// <summary>
        /// Waits up to timeoutMicros for data and copies up to count bytes into buffer at offset.
        /// Returns the number of bytes (at least 1), 0 on timeout, -1 if the connection is closed or reset.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count, long timeoutMicros);

        /// <summary>Closes the connection; safe to call when already closed.</summary>
        void Close();
    }
}
