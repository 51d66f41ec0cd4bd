using PosFirmware.Print.Codes;
using PosFirmware.Print.Commands;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>
    /// GS k barcodes with their settings (GS h, GS w, GS H, GS f): UPC-A, UPC-E, EAN-13, EAN-8, CODE39, ITF,
    /// CODABAR, CODE93 and CODE128, in both GS k forms, with the human-readable text (HRI) above or below.
    /// A code that cannot be printed (bad data, wider than the print area) is counted in RefusedCodes.
    /// </summary>
    public sealed partial class EscPosInterpreter
    {
        private readonly BarcodeModules _barcode;
        private readonly byte[] _barcodeData;
        private int _barcodeHeightDots;
        private int _barcodeModuleDots;
        private int _hriPosition;
        private bool _hriFontB;

        private void InitialiseBarcodes()
        {
            _barcodeHeightDots = 162;
            _barcodeModuleDots = 3;
            _hriPosition = 0;
            _hriFontB = false;
        }

        private void RunBarcode(int handler, int p, int count)
        {
            int n = ByteAt(p);
            switch (handler)
            {
                case CommandHandler.Barcode:
                    Barcode(p, count);
                    return;
                case CommandHandler.BarcodeHeight:
                    if (n >= 1) { _barcodeHeightDots = n; } else { _result.MalformedCommands++; }
                    return;
                case CommandHandler.BarcodeModule:
                    if (n >= 1 && n <= 6) { _barcodeModuleDots = n; } else { _result.MalformedCommands++; }
                    return;
                case CommandHandler.HriPosition:
                    _hriPosition = n >= 48 ? n - 48 : n;
                    if (_hriPosition > 3) { _hriPosition = 0; _result.MalformedCommands++; }
                    return;
                case CommandHandler.HriFont:
                    _hriFontB = n == 1 || n == 49;
                    return;
                default:
                    _result.IgnoredCommands++;
                    return;
            }
        }

        private void Barcode(int p, int count)
        {
            // Function A: m 0-6, data, NUL. Function B: m 65-79, n, data. The table checked the length.
            int m = ByteAt(p);
            int dataAt = m <= 6 ? p + 1 : p + 2;
            int dataLength = m <= 6 ? count - 2 : count - 2;
            int type = m <= 6 ? m : m - 65;
            if (type > 8)
            {
                _result.IgnoredCommands++; // GS1 DataBar and other types this terminal does not print
                return;
            }
            int moduleDots = _barcodeModuleDots;
            bool encoded;
            switch (type)
            {
                case 0:
                    encoded = EncodeUpcA(dataAt, dataLength);
                    break;
                case 1:
                    encoded = UpcE.Encode(_job, dataAt, dataLength, _barcodeData, _barcode);
                    break;
                case 2:
                    encoded = Ean13.Encode(_job, dataAt, dataLength, _barcode);
                    break;
                case 3:
                    encoded = Ean8.Encode(_job, dataAt, dataLength, _barcode);
                    break;
                case 4:
                    encoded = TwoWidthCodes.EncodeCode39(_job, dataAt, dataLength, moduleDots, _barcode);
                    moduleDots = 1;
                    break;
                case 5:
                    encoded = TwoWidthCodes.EncodeItf(_job, dataAt, dataLength, moduleDots, _barcode);
                    moduleDots = 1;
                    break;
                case 6:
                    encoded = TwoWidthCodes.EncodeCodabar(_job, dataAt, dataLength, moduleDots, _barcode);
                    moduleDots = 1;
                    break;
                case 7:
                    encoded = Code93.Encode(_job, dataAt, dataLength, _barcodeData, _barcode);
                    break;
                default:
                    encoded = EncodeCode128(dataAt, dataLength);
                    break;
            }
            if (!encoded || _barcode.Count * moduleDots > _areaWidthDots)
            {
                _result.RefusedCodes++;
                return;
            }
            PrintBarcode(moduleDots);
        }

        private bool EncodeUpcA(int dataAt, int dataLength)
        {
            // UPC-A is EAN-13 with a leading 0 (GS1 General Specifications §5.2.1.2).
            if (dataLength != 11 && dataLength != 12)
            {
                return false;
            }
            _barcodeData[0] = (byte)'0';
            for (int i = 0; i < dataLength; i++)
            {
                _barcodeData[1 + i] = _job[dataAt + i];
            }
            return Ean13.Encode(_barcodeData, 0, dataLength + 1, _barcode);
        }

        private bool EncodeCode128(int dataAt, int dataLength)
        {
            if (dataLength >= 2 && _job[dataAt] == '{')
            {
                return Code128.Encode(_job, dataAt, dataLength, _limits.MaxCode128Symbols, _barcode);
            }
            // Plain text without a code set: choose sets ourselves rather than refuse it.
            int planned = Code128.PlanEpsonData(_job, dataAt, dataLength, _barcodeData, 0, _barcodeData.Length);
            return planned > 0 && Code128.Encode(_barcodeData, 0, planned, _limits.MaxCode128Symbols, _barcode);
        }

        private void PrintBarcode(int moduleDots)
        {
            PrintPendingLine(false);
            int width = _barcode.Count * moduleDots;
            int left = _leftMarginDots + AlignmentOffset(width);
            if (_hriPosition == 1 || _hriPosition == 3)
            {
                PrintHri(left, width);
            }
            ClearDots();
            for (int i = 0; i < _barcode.Count; i++)
            {
                if (_barcode.IsBar(i))
                {
                    for (int k = 0; k < moduleDots; k++)
                    {
                        SetDot(left + i * moduleDots + k);
                    }
                }
            }
            _output.BeginElement();
            for (int y = 0; y < _barcodeHeightDots && !_output.Stopped; y++)
            {
                _output.Line(_dots, 0);
            }
            _output.EndElement();
            if (_hriPosition == 2 || _hriPosition == 3)
            {
                PrintHri(left, width);
            }
        }

        private void PrintHri(int barcodeLeft, int barcodeWidth)
        {
            // Human-readable text, centred under (or over) the bars, in plain font A or B.
            int cell = _hriFontB ? 8 : 12;
            int count = _barcode.TextLength;
            int maxChars = _areaWidthDots / cell;
            if (count > maxChars)
            {
                count = maxChars;
            }
            int textWidth = count * cell;
            int x = barcodeLeft - _leftMarginDots + (barcodeWidth - textWidth) / 2;
            if (x < 0)
            {
                x = 0;
            }
            _line.Clear();
            _line.CursorX = x;
            for (int i = 0; i < count && !_line.IsFull; i++)
            {
                _line.Add(_barcode.TextAt(i), 8, cell, _hriFontB ? 0 : 2, 1, 1, 0);
            }
            int saved = _alignment;
            bool savedUpsideDown = _upsideDown;
            _alignment = 0;
            _upsideDown = false;
            PrintPendingLine(false);
            _alignment = saved;
            _upsideDown = savedUpsideDown;
        }
    }
}
