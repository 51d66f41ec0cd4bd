namespace PosFirmware.Device
{
    /// <summary>
    /// The ESP32 RMT item (rmt_item32_t) as nanoFramework's TransmitterChannel.SendData takes it: 4 bytes per
    /// item, duration0 in the low 15 bits of the first little-endian half with level0 in its top bit, then
    /// duration1 and level1 the same way. Writing the item into a buffer made once lets a strobe pulse go
    /// out with no allocation (TransmitterChannel.Send serializes its command list into a new array each call).
    /// </summary>
    public static class RmtItemEncoding
    {
        /// <summary>The longest duration one half of an item holds, in RMT ticks.</summary>
        public const int MaxDurationTicks = 32767;

        /// <summary>Bytes per RMT item.</summary>
        public const int ItemBytes = 4;

        /// <summary>Writes one item at offset: level0 for duration0 ticks, then level1 for duration1 ticks.</summary>
        public static void Write(byte[] buffer, int offset, int duration0Ticks, bool level0, int duration1Ticks, bool level1)
        {
            WriteHalf(buffer, offset, duration0Ticks, level0);
            WriteHalf(buffer, offset + 2, duration1Ticks, level1);
        }

        /// <summary>Writes one half of an item at offset (the first half at the item's offset, the second 2 bytes on).</summary>
        public static void WriteHalf(byte[] buffer, int offset, int durationTicks, bool level)
        {
            if (durationTicks < 0)
            {
                durationTicks = 0;
            }
            if (durationTicks > MaxDurationTicks)
            {
                durationTicks = MaxDurationTicks;
            }
            buffer[offset] = (byte)(durationTicks & 0xFF);
            buffer[offset + 1] = (byte)((durationTicks >> 8) | (level ? 0x80 : 0));
        }
    }
}
