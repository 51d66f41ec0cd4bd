namespace PosFirmware.Hal
{
    /// <summary>
    /// A port made of single outputs, for a board or runtime without a register write for them (stock
    /// nanoFramework's GpioController writes one pin at a time): only the outputs whose level changes are
    /// written, falling edges first, so two outputs that must never be high together (the two ends of a
    /// motor coil) are not, even between writes.
    /// </summary>
    public class PinByPinPort : IDigitalPort
    {
        private readonly IDigitalOutput[] _outputs;
        private int _levels;

        /// <summary>Makes the port; its levels start as the outputs' levels.</summary>
        public PinByPinPort(IDigitalOutput[] outputs)
        {
            Check.That(outputs != null && outputs.Length <= 31, "at most 31 outputs in a port");
            _outputs = outputs;
            for (int i = 0; i < outputs.Length; i++)
            {
                if (outputs[i].Level)
                {
                    _levels |= 1 << i;
                }
            }
        }

        /// <inheritdoc />
        public int Levels
        {
            get { return _levels; }
        }

        /// <inheritdoc />
        public void Write(int levels)
        {
            int changed = levels ^ _levels;
            // Only the changed outputs are visited, lowest first (one in 1-2 phase excitation, not eight looks).
            for (int m = changed & ~levels; m != 0; m &= m - 1)
            {
                _outputs[LowestBit(m)].Write(false);
            }
            for (int m = changed & levels; m != 0; m &= m - 1)
            {
                _outputs[LowestBit(m)].Write(true);
            }
            _levels = levels;
        }

        /// <summary>The place of the lowest set bit of a non-zero mask.</summary>
        public static int LowestBit(int mask)
        {
            int i = 0;
            while ((mask & 1) == 0)
            {
                mask >>= 1;
                i++;
            }
            return i;
        }
    }
}
