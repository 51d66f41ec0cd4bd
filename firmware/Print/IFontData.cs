namespace PosFirmware.Print
{
    /// <summary>
    /// Random access to the packed font file (see Fonts/generate-font.py): a byte array in the emulator,
    /// a file in flash on the device. Reads are small (2 to 32 bytes), so either is fine.
    /// </summary>
    public interface IFontData
    {
        /// <summary>Size of the font file in bytes.</summary>
        int Length { get; }

        /// <summary>Reads count bytes at position into buffer at offset; returns how many were read.</summary>
        int Read(int position, byte[] buffer, int offset, int count);
    }
}
