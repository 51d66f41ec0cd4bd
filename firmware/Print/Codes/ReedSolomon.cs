namespace PosFirmware.Print.Codes
{
    /// <summary>
    /// Reed-Solomon error-correction codewords over GF(256) with the QR field polynomial
    /// x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots 2^0..2^(n-1) (ISO/IEC 18004 §7.5.2).
    /// Products go through logarithm and power tables of the generator 2, so each costs two lookups and an add.
    /// </summary>
    public sealed class ReedSolomon
    {
        /// <summary>Most error-correction codewords per block in any QR version (30).</summary>
        public const int MaxDegree = 30;

        private const int FieldPolynomial = 0x11D;

        // Powers[i] = 2^i for i in 0..509 (twice round the 255 powers, so a sum of two logarithms needs no modulo);
        // Logs[2^i] = i, Logs[0] unused.
        private static readonly byte[] Powers = new byte[510];
        private static readonly byte[] Logs = new byte[256];

        private readonly byte[] _generator = new byte[MaxDegree];
        // Logarithms of the generator's coefficients, or -1 for a zero coefficient.
        private readonly int[] _generatorLogs = new int[MaxDegree];
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
            for (int i = 0; i < MaxDegree; i++)
            {
                _generatorLogs[i] = _generator[i] == 0 ? -1 : Logs[_generator[i]];
            }
            _degree = degree;
        }

        /// <summary>Writes the remainder of data times x^degree divided by the generator into ecc at eccOffset.</summary>
        public void Remainder(byte[] data, int offset, int count, byte[] ecc, int eccOffset)
        {
            byte[] powers = Powers;
            int[] generatorLogs = _generatorLogs;
            int degree = _degree;
            for (int i = 0; i < degree; i++)
            {
                ecc[eccOffset + i] = 0;
            }
            for (int k = 0; k < count; k++)
            {
                int factor = data[offset + k] ^ ecc[eccOffset];
                for (int i = 0; i < degree - 1; i++)
                {
                    ecc[eccOffset + i] = ecc[eccOffset + i + 1];
                }
                ecc[eccOffset + degree - 1] = 0;
                if (factor == 0)
                {
                    continue; // a zero factor adds nothing
                }
                int factorLog = Logs[factor];
                for (int i = 0; i < degree; i++)
                {
                    int g = generatorLogs[i];
                    if (g >= 0)
                    {
                        ecc[eccOffset + i] ^= powers[g + factorLog];
                    }
                }
            }
        }

        /// <summary>Product in GF(256) modulo 0x11D: 2^(log x + log y), or 0 if either is 0.</summary>
        public static int Multiply(int x, int y)
        {
            if (x == 0 || y == 0)
            {
                return 0;
            }
            return Powers[Logs[x] + Logs[y]];
        }

        static ReedSolomon()
        {
            int power = 1;
            for (int i = 0; i < 255; i++)
            {
                Powers[i] = (byte)power;
                Powers[i + 255] = (byte)power;
                Logs[power] = (byte)i;
                // Times 2, reduced by the field polynomial when it overflows eight bits.
                power <<= 1;
                if (power > 0xFF)
                {
                    power ^= FieldPolynomial;
                }
            }
        }
    }
}
