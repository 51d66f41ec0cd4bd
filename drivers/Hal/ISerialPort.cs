namespace PosFirmware.Hal
{
    /// <summary>
    /// A UART (SerialPort on the ESP32, with ReadTimeout 0). Reads never block: they take what has
    /// arrived. Writes queue bytes for transmission and return.
    /// </summary>
    public interface ISerialPort
    {
        /// <summary>Bytes received and not yet read.</summary>
        int BytesToRead { get; }

        /// <summary>Copies up to count received bytes into buffer at offset; returns how many (0 if none).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues count bytes of buffer from offset for transmission.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Configured baud rate (8N1 framing is assumed: 10 bit times per byte).</summary>
        int BaudRate { get; }
    }
}
