namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// Reed-Solomon error-correction codewords over GF(256) with the QR field polynomial
    /// x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots 2^0..2^(n-1) (ISO/IEC 18004 §7.5.2).
    /// </summary>
    internal sealed class ReedSolomon
    {
        /// <summary>Most error-correction codewords per block in any QR version (30).</summary>
        public const int MaxDegree = 30;

        private readonly byte[] _generator = new byte[MaxDegree];
        private int _degree;

        /// <summary>Prepares the generator polynomial of the given degree (1..30), highest coefficient dropped.</summary>
        public void SetDegree(int degree)
        {
            if (degree == _degree)
            {
                return;
            }
            for (int i = 0; i < MaxDegree; i++)
            {
                _generator[i] = 0;
            }
            // Start with the monomial 1 and multiply by (x - r) for r = 2^0, 2^1, ...
            _generator[degree - 1] = 1;
            int root = 1;
            for (int i = 0; i < degree; i++)
            {
                for (int j = 0; j < degree; j++)
                {
                    int product = Multiply(_generator[j], root);
                    _generator[j] = (byte)(j + 1 < degree ? product ^ _generator[j + 1] : product);
                }
                root = Multiply(root, 2);
            }
            _degree = degree;
        }

        /// <summary>Writes the remainder of data times x^degree divided by the generator into ecc at eccOffset.</summary>
        public void Remainder(byte[] data, int offset, int count, byte[] ecc, int eccOffset)
        {
            for (int i = 0; i < _degree; i++)
            {
                ecc[eccOffset + i] = 0;
            }
            for (int k = 0; k < count; k++)
            {
                int factor = data[offset + k] ^ ecc[eccOffset];
                for (int i = 0; i < _degree - 1; i++)
                {
                    ecc[eccOffset + i] = ecc[eccOffset + i + 1];
                }
                ecc[eccOffset + _degree - 1] = 0;
                for (int i = 0; i < _degree; i++)
                {
                    ecc[eccOffset + i] ^= (byte)Multiply(_generator[i], factor);
                }
            }
        }

        /// <summary>Product in GF(256) modulo 0x11D (Russian-peasant multiplication).</summary>
        public static int Multiply(int x, int y)
        {
            int z = 0;
            for (int i = 7; i >= 0; i--)
            {
                z = (z << 1) ^ ((z >> 7) * 0x11D);
                z ^= ((y >> i) & 1) * x;
            }
            return z & 0xFF;
        }
    }
}
