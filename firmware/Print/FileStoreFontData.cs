using PosFirmware.Hal;

namespace PosFirmware.Print
{
    /// <summary>
    /// Font data read on demand from a file in the terminal's flash file store, through one reader opened
    /// once and a small block cache: a glyph lookup is a few reads (a stretch of each code table searched,
    /// then the bitmap), and the top of each search tree and the glyphs of a receipt's text stay cached, so most
    /// lookups touch no flash at all. The cache is BlockCount x BlockBytes bytes (2 KB) allocated here.
    /// Lone long reads (wide glyphs) bypass it (DirectReadBytes).
    /// </summary>
    public sealed class FileStoreFontData : IFontData
    {
        /// <summary>Bytes per cached block (a flash page is 256 bytes on the ESP32's SPI flash).</summary>
        public const int BlockBytes = 256;

        /// <summary>Blocks kept in RAM.</summary>
        public const int BlockCount = 8;

        /// <summary>
        /// A read of this many bytes (a wide glyph) that does not go on from the last read and whose
        /// first block is not cached goes straight to the file, into the caller's buffer, and leaves the
        /// cache as it was: a receipt's Chinese characters lie scattered over ~120 KB of glyphs and are
        /// seldom read twice before their block would be pushed out, so each such read would otherwise
        /// load a whole block for 32 of its bytes and push out one of the blocks that are read again and
        /// again (the ASCII glyphs, the code tables' searched stretches). A longer read (a stretch of a code
        /// table, 128 bytes, read whole by each search) goes through the cache: those are the blocks read again.
        /// </summary>
        public const int DirectReadBytes = 32;

        private readonly IFileReader _reader;
        private readonly int _length;
        private readonly byte[] _blocks = new byte[BlockCount * BlockBytes];
        private readonly int[] _blockIndex = new int[BlockCount];
        private readonly int[] _blockBytes = new int[BlockCount];
        private readonly long[] _lastUse = new long[BlockCount];
        private long _useCounter;
        // Where the last read ended: a read that starts there goes on through the blocks (the start-up
        // order check walks the code tables so, a block taking four of its reads).
        private int _nextPosition = -1;
        private int _lastSlot;

        /// <summary>Opens the named font file and keeps it open; a missing file gives a length of 0.</summary>
        public FileStoreFontData(IFileStore store, string name)
        {
            for (int i = 0; i < BlockCount; i++)
            {
                _blockIndex[i] = -1;
            }
            if (!store.Exists(name))
            {
                return;
            }
            _reader = store.OpenRead(name);
            _length = _reader.Length;
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Block reads that went to the file (cache misses), for the benchmark and tests.</summary>
        public long FileReads { get; private set; }

        /// <inheritdoc />
        public int Read(int position, byte[] buffer, int offset, int count)
        {
            if (position < 0 || position >= _length || count <= 0)
            {
                return 0;
            }
            if (count > _length - position)
            {
                count = _length - position;
            }
            bool continues = position == _nextPosition;
            _nextPosition = position + count;
            if (count == DirectReadBytes && !continues && SlotOf(position / BlockBytes) < 0)
            {
                FileReads++;
                return _reader.Read(position, buffer, offset, count);
            }
            int done = 0;
            // Each pass copies from one block; a read spans at most count / BlockBytes + 2 blocks.
            while (done < count)
            {
                int at = position + done;
                int slot = Load(at / BlockBytes);
                int inBlock = at % BlockBytes;
                int available = _blockBytes[slot] - inBlock;
                if (available <= 0)
                {
                    break;
                }
                int n = count - done < available ? count - done : available;
                System.Array.Copy(_blocks, slot * BlockBytes + inBlock, buffer, offset + done, n);
                done += n;
            }
            return done;
        }

        /// <summary>Closes the file.</summary>
        public void Close()
        {
            if (_reader != null)
            {
                _reader.Close();
            }
        }

        // The slot holding a block, or -1.
        private int SlotOf(int block)
        {
            for (int i = 0; i < BlockCount; i++)
            {
                if (_blockIndex[i] == block)
                {
                    return i;
                }
            }
            return -1;
        }

        private int Load(int block)
        {
            _useCounter++;
            // A glyph's reads mostly fall in the block the last one did.
            if (_blockIndex[_lastSlot] == block)
            {
                _lastUse[_lastSlot] = _useCounter;
                return _lastSlot;
            }
            int slot = SlotOf(block);
            if (slot >= 0)
            {
                _lastUse[slot] = _useCounter;
                _lastSlot = slot;
                return slot;
            }
            int victim = 0;
            for (int i = 1; i < BlockCount; i++)
            {
                if (_lastUse[i] < _lastUse[victim])
                {
                    victim = i;
                }
            }
            // Least recently used block goes.
            int start = block * BlockBytes;
            int want = _length - start < BlockBytes ? _length - start : BlockBytes;
            FileReads++;
            _blockIndex[victim] = -1;
            _blockBytes[victim] = _reader.Read(start, _blocks, victim * BlockBytes, want);
            _blockIndex[victim] = block;
            _lastUse[victim] = _useCounter;
            _lastSlot = victim;
            return victim;
        }
    }
}
