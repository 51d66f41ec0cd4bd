namespace PosFirmware.Emulator.Board;

/// <summary>A model that listens on an SPI bus (a shift register).</summary>
public interface ISpiPeripheral
{
    /// <summary>
    /// Receives one transfer: count bytes from offset, MSB first; bit k (0-based over the transfer) is
    /// sampled on the SCK rising edge at startNanos + k * bitPeriodNanos + bitPeriodNanos / 2.
    /// </summary>
    void OnTransfer(byte[] data, int offset, int count, long startNanos, long bitPeriodNanos);
}
