using PosFirmware.Print.Commands;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>
    /// Images: GS v 0 raster images, ESC * bit images, GS ( L / GS 8 L graphics (the print buffer and NV
    /// graphics) and FS q / FS p NV bit images. Buffered graphics stay in the job (a position, not a copy);
    /// NV images go to the flash through NvImageStore and survive a reboot. NV definitions are written once
    /// the job has printed to its end: a job re-run after a fault then finds the flash as its first run did,
    /// so it prints the same lines (FS p and GS ( L fn 69 print what the flash held when the job began).
    /// </summary>
    public sealed partial class EscPosInterpreter
    {
        /// <summary>Most GS ( L fn 67 NV graphics one job may define (more are counted as malformed).</summary>
        public const int MaxNvGraphicsPerJob = 8;

        private NvImageStore _nvImages;
        private int _nvBitImagesAt;
        private readonly int[] _nvGraphicsAt = new int[MaxNvGraphicsPerJob];
        private int _nvGraphicsCount;

        // GS ( L fn 112: graphics stored in the print buffer, kept as where they are in the job.
        private int _graphicsAt;
        private int _graphicsWidthDots;
        private int _graphicsHeightDots;
        private int _graphicsScaleX;
        private int _graphicsScaleY;

        // Dot lines an ESC * stripe printed on the current line, so the line feed after it only makes up the spacing.
        private int _imageBandDots;

        /// <summary>Where NV images (FS q, GS ( L fn 67) are kept; without one they are skipped and counted.</summary>
        public void AttachNvImages(NvImageStore store)
        {
            _nvImages = store;
        }

        private void InitialiseRaster()
        {
            _graphicsAt = -1;
            _imageBandDots = 0;
        }

        private void ForgetNvDefinitions()
        {
            _nvBitImagesAt = -1;
            _nvGraphicsCount = 0;
        }

        /// <summary>Writes the NV images the job defined to the flash (called once the job printed to its end).</summary>
        private void CommitNvDefinitions()
        {
            if (_nvImages == null)
            {
                return;
            }
            if (_nvBitImagesAt >= 0)
            {
                WriteNvBitImages(_nvBitImagesAt);
            }
            for (int i = 0; i < _nvGraphicsCount; i++)
            {
                int p = _nvGraphicsAt[i];
                StoreNv(NvImageStore.GraphicsKey(ByteAt(p + 1), ByteAt(p + 2)), p + 9, U16At(p + 4), U16At(p + 6), false, 0);
            }
            ForgetNvDefinitions();
        }

        private void RunRaster(int handler, int p, int count)
        {
            switch (handler)
            {
                case CommandHandler.RasterImage:
                    RasterImage(p);
                    return;
                case CommandHandler.BitImage:
                    BitImage(p);
                    return;
                case CommandHandler.Graphics:
                    // GS ( L pL pH m fn ... and GS 8 L p1 p2 p3 p4 m fn ...: the same functions.
                    int header = _job[p - 1] == (byte)'L' && _job[p - 2] == (byte)'8' ? 4 : 2;
                    Graphics(p + header, count - header);
                    return;
                case CommandHandler.NvImagePrint:
                    PrintNvImage(NvImageStore.BitImageKey(ByteAt(p)), ByteAt(p + 1) & 1, (ByteAt(p + 1) >> 1) & 1);
                    return;
                case CommandHandler.NvImageDefine:
                    DefineNvBitImages(p, count);
                    return;
                default:
                    _result.IgnoredCommands++;
                    return;
            }
        }

        // ---- GS v 0 m xL xH yL yH d1..dk ---------------------------------------------------------------

        private void RasterImage(int p)
        {
            int m = ByteAt(p);
            int widthBytes = U16At(p + 1);
            int heightDots = U16At(p + 3);
            if ((m > 3 && (m < 48 || m > 51)) || heightDots > _limits.MaxRasterHeightDots || widthBytes == 0 || heightDots == 0)
            {
                _result.MalformedCommands++;
                return;
            }
            int mode = m & 3;
            PrintRaster(p + 5, widthBytes * 8, heightDots, (mode & 1) != 0 ? 2 : 1, (mode & 2) != 0 ? 2 : 1);
        }

        /// <summary>Prints a raster (rows of (widthDots + 7) / 8 bytes at dataAt) scaled sx x sy, aligned, after the held line.</summary>
        private void PrintRaster(int dataAt, int widthDots, int heightDots, int sx, int sy)
        {
            PrintPendingLine(false);
            int rowBytes = (widthDots + 7) / 8;
            int imageWidth = widthDots * sx;
            int visibleWidth = imageWidth > _areaWidthDots ? _areaWidthDots : imageWidth;
            int left = _leftMarginDots + AlignmentOffset(visibleWidth);
            _output.BeginElement();
            for (int y = 0; y < heightDots && !_output.Stopped; y++)
            {
                ClearDots();
                int row = dataAt + y * rowBytes;
                for (int x = 0; x < visibleWidth; x++)
                {
                    int source = x / sx;
                    if ((_job[row + (source >> 3)] & (0x80 >> (source & 7))) != 0)
                    {
                        SetDot(left + x);
                    }
                }
                for (int k = 0; k < sy; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
            _output.EndElement();
        }

        // ---- ESC * m nL nH d1..dk ----------------------------------------------------------------------

        private void BitImage(int p)
        {
            // Epson on a 203 dpi head (TM-T20): m 0 8-dot single density is 2 x 3 dots per bit, m 1 8-dot
            // double density 1 x 3, m 32 24-dot single density 2 x 1, m 33 24-dot double density 1 x 1.
            int m = ByteAt(p);
            int columns = U16At(p + 1);
            if (m != 0 && m != 1 && m != 32 && m != 33)
            {
                _result.MalformedCommands++;
                return;
            }
            int bytesPerColumn = m >= 32 ? 3 : 1;
            int sx = (m == 0 || m == 32) ? 2 : 1;
            int sy = m < 32 ? 3 : 1;
            int dataAt = p + 3;
            // The stripe prints at the cursor, as part of the line; text held before it prints first.
            PrintPendingLine(false);
            int imageWidth = columns * sx;
            int visibleWidth = imageWidth > _areaWidthDots ? _areaWidthDots : imageWidth;
            int left = _leftMarginDots + AlignmentOffset(visibleWidth);
            int heightDots = bytesPerColumn * 8;
            _output.BeginElement();
            for (int y = 0; y < heightDots && !_output.Stopped; y++)
            {
                ClearDots();
                for (int x = 0; x < visibleWidth; x++)
                {
                    int column = x / sx;
                    if ((_job[dataAt + column * bytesPerColumn + (y >> 3)] & (0x80 >> (y & 7))) != 0)
                    {
                        SetDot(left + x);
                    }
                }
                for (int k = 0; k < sy; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
            _output.EndElement();
            _imageBandDots = heightDots * sy;
        }

        // ---- GS ( L / GS 8 L: m fn [parameters] ----------------------------------------------------------

        private void Graphics(int p, int count)
        {
            if (count < 2)
            {
                _result.MalformedCommands++;
                return;
            }
            int fn = ByteAt(p + 1);
            if (fn == 112)
            {
                StoreGraphics(p + 2, count - 2);
            }
            else if (fn == 50 || fn == 2)
            {
                if (_graphicsAt < 0)
                {
                    _result.MalformedCommands++;
                    return;
                }
                PrintRaster(_graphicsAt, _graphicsWidthDots, _graphicsHeightDots, _graphicsScaleX, _graphicsScaleY);
            }
            else if (fn == 67)
            {
                DefineNvGraphics(p + 2, count - 2);
            }
            else if (fn == 69)
            {
                // fn 69 kc1 kc2 x y: print NV graphics at x1 / x2.
                if (count != 6)
                {
                    _result.MalformedCommands++;
                    return;
                }
                PrintNvImage(NvImageStore.GraphicsKey(ByteAt(p + 2), ByteAt(p + 3)), ByteAt(p + 4) == 2 ? 1 : 0, ByteAt(p + 5) == 2 ? 1 : 0);
            }
            else
            {
                _result.IgnoredCommands++; // capacity queries, NV management, column-format graphics, density
            }
        }

        private void StoreGraphics(int p, int count)
        {
            // fn 112: a bx by c xL xH yL yH d1..dk, raster rows of (x + 7) / 8 bytes; a 48 is monochrome.
            if (count < 8)
            {
                _result.MalformedCommands++;
                return;
            }
            int a = ByteAt(p);
            int bx = ByteAt(p + 1);
            int by = ByteAt(p + 2);
            int width = U16At(p + 4);
            int height = U16At(p + 6);
            long needed = (long)((width + 7) / 8) * height;
            if (a != 48 || (bx != 1 && bx != 2) || (by != 1 && by != 2) || width == 0 || height == 0
                || height > _limits.MaxRasterHeightDots || needed > count - 8)
            {
                _result.MalformedCommands++;
                _graphicsAt = -1;
                return;
            }
            _graphicsAt = p + 8;
            _graphicsWidthDots = width;
            _graphicsHeightDots = height;
            _graphicsScaleX = bx;
            _graphicsScaleY = by;
        }

        private void DefineNvGraphics(int p, int count)
        {
            // fn 67: a kc1 kc2 b xL xH yL yH c d1..dk (monochrome: b 1).
            if (count < 9 || ByteAt(p) != 48 || ByteAt(p + 3) != 1)
            {
                _result.MalformedCommands++;
                return;
            }
            int width = U16At(p + 4);
            int height = U16At(p + 6);
            long needed = (long)((width + 7) / 8) * height;
            if (width == 0 || height == 0 || needed != count - 9 || height > _limits.MaxNvImageHeightDots)
            {
                _result.MalformedCommands++;
                return;
            }
            if (_nvImages == null || _nvGraphicsCount >= MaxNvGraphicsPerJob)
            {
                _result.IgnoredCommands++;
                return;
            }
            _nvGraphicsAt[_nvGraphicsCount++] = p;
        }

        private void DefineNvBitImages(int p, int count)
        {
            if (_nvImages == null)
            {
                _result.IgnoredCommands++;
                return;
            }
            _nvBitImagesAt = p; // the last FS q of the job replaces the whole set
        }

        private void WriteNvBitImages(int p)
        {
            // FS q n [xL xH yL yH d1..dk]1..n: column-format images, x * 8 dots wide, y * 8 dots tall.
            int images = ByteAt(p);
            int at = p + 1;
            _nvImages.ForgetBitImages();
            for (int k = 1; k <= images; k++)
            {
                int x = U16At(at);
                int y = U16At(at + 2);
                StoreNv(NvImageStore.BitImageKey(k), at + 4, x * 8, y * 8, true, y);
                at += 4 + x * y * 8;
            }
        }

        private void StoreNv(string key, int dataAt, int widthDots, int heightDots, bool columnFormat, int columnBytes)
        {
            NvStoreStatus status = _nvImages.Store(key, _job, dataAt, widthDots, heightDots, columnFormat, columnBytes);
            if (status == NvStoreStatus.OverBudget)
            {
                _result.RefusedImages++;
            }
            else if (status != NvStoreStatus.Stored)
            {
                _result.MalformedCommands++;
            }
        }

        private void PrintNvImage(string key, int doubleWidth, int doubleHeight)
        {
            if (_nvImages == null || !_nvImages.Open(key))
            {
                _result.MalformedCommands++;
                return;
            }
            PrintPendingLine(false);
            int widthDots = _nvImages.WidthDots;
            int sx = doubleWidth + 1;
            int sy = doubleHeight + 1;
            int imageWidth = widthDots * sx;
            int visibleWidth = imageWidth > _areaWidthDots ? _areaWidthDots : imageWidth;
            int left = _leftMarginDots + AlignmentOffset(visibleWidth);
            _output.BeginElement();
            for (int y = 0; y < _nvImages.HeightDots && !_output.Stopped; y++)
            {
                byte[] row = _nvImages.ReadRow(y);
                if (row == null)
                {
                    _result.MalformedCommands++;
                    break;
                }
                ClearDots();
                for (int x = 0; x < visibleWidth; x++)
                {
                    int source = x / sx;
                    if ((row[source >> 3] & (0x80 >> (source & 7))) != 0)
                    {
                        SetDot(left + x);
                    }
                }
                for (int k = 0; k < sy; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
            _output.EndElement();
            _nvImages.Close();
        }
    }
}
