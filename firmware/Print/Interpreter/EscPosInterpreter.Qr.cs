using PosFirmware.Print.Codes;
using PosFirmware.Print.Commands;

namespace PosFirmware.Print.Interpreter
{
    /// <summary>
    /// QR codes: GS ( k (Epson: model, module size, level, store, print) and ESC Z (the clone form the npm
    /// escpos family sends, after GS Z 2). Stored data stays in the job (a position, not a copy), so a code
    /// can be as large as the encoder's largest version holds. Model 1 and micro QR requests print as model 2
    /// and are counted in SubstitutedQrModels; a code that cannot be printed is counted in RefusedCodes.
    /// </summary>
    public sealed partial class EscPosInterpreter
    {
        private readonly QrEncoder _qr;
        private int _qrModuleDots;
        private QrErrorLevel _qrLevel;
        private int _qrDataAt;
        private int _qrDataLength;

        // The symbol the encoder holds: where its data sat in the job, and its level (-1: none). A resumed job
        // re-runs the same bytes, so the symbol is reused rather than encoded again (mask choice is most of it).
        private int _qrSymbolDataAt = -1;
        private int _qrSymbolDataLength;
        private QrErrorLevel _qrSymbolLevel;
        private bool _qrSymbolEncoded;

        private void InitialiseQr()
        {
            _qrModuleDots = 3;
            _qrLevel = QrErrorLevel.L;
            _qrDataAt = 0;
            _qrDataLength = -1;
        }

        private void RunQr(int handler, int p, int count)
        {
            if (handler == CommandHandler.CloneQr)
            {
                CloneQr(p, count);
                return;
            }
            // GS ( k pL pH cn fn [parameters]: cn 49 is QR; PDF417, MaxiCode, DataMatrix, Aztec are not printed.
            if (count < 4 || ByteAt(p + 2) != 49)
            {
                _result.IgnoredCommands++;
                return;
            }
            QrFunction(ByteAt(p + 3), p + 4, count - 4);
        }

        private void QrFunction(int fn, int argsAt, int argsLength)
        {
            if (fn == 65)
            {
                // n1 49 model 1, 50 model 2, 51 micro QR: only model 2 is printed.
                if (argsLength != 2) { _result.MalformedCommands++; }
                else if (ByteAt(argsAt) != 50) { _result.SubstitutedQrModels++; }
            }
            else if (fn == 67)
            {
                int n = argsLength == 1 ? ByteAt(argsAt) : 0;
                if (n >= 1 && n <= _limits.MaxQrModuleDots) { _qrModuleDots = n; } else { _result.MalformedCommands++; }
            }
            else if (fn == 69)
            {
                int n = argsLength == 1 ? ByteAt(argsAt) : 0;
                if (n >= 48 && n <= 51) { _qrLevel = (QrErrorLevel)(n - 48); } else { _result.MalformedCommands++; }
            }
            else if (fn == 80)
            {
                if (argsLength < 1 || ByteAt(argsAt) != 48)
                {
                    _result.MalformedCommands++;
                    _qrDataLength = -1;
                    return;
                }
                _qrDataAt = argsAt + 1;
                _qrDataLength = argsLength - 1;
            }
            else if (fn == 81)
            {
                PrintQr(_qrDataAt, _qrDataLength, _qrLevel, _qrModuleDots);
            }
            else
            {
                _result.IgnoredCommands++; // fn 82 (size information) and others: nothing to print
            }
        }

        private void CloneQr(int p, int count)
        {
            // ESC Z v e k nL nH data: version (0 = smallest that fits; a bigger one is used if needed), level
            // ('L' 'M' 'Q' 'H', 0-3 or 48-51), module dots, then the data, printed at once.
            int e = ByteAt(p + 1);
            int level = e == 'L' ? 0 : (e == 'M' ? 1 : (e == 'Q' ? 2 : (e == 'H' ? 3 : (e >= 48 && e <= 51 ? e - 48 : (e <= 3 ? e : -1)))));
            int module = ByteAt(p + 2);
            if (level < 0 || module < 1 || module > _limits.MaxQrModuleDots)
            {
                _result.MalformedCommands++;
                return;
            }
            PrintQr(p + 5, count - 5, (QrErrorLevel)level, module);
        }

        private bool Encode(int dataAt, int dataLength, QrErrorLevel level)
        {
            if (dataAt == _qrSymbolDataAt && dataLength == _qrSymbolDataLength && level == _qrSymbolLevel)
            {
                return _qrSymbolEncoded;
            }
            _qrSymbolEncoded = _qr.Encode(_job, dataAt, dataLength, level);
            _qrSymbolDataAt = dataAt;
            _qrSymbolDataLength = dataLength;
            _qrSymbolLevel = level;
            return _qrSymbolEncoded;
        }

        private void ForgetQrSymbol()
        {
            _qrSymbolDataAt = -1;
        }

        private void PrintQr(int dataAt, int dataLength, QrErrorLevel level, int moduleDots)
        {
            if (dataLength <= 0 || dataLength > _limits.MaxQrDataBytes || !Encode(dataAt, dataLength, level))
            {
                _result.RefusedCodes++;
                return;
            }
            int width = _qr.Size * moduleDots;
            if (width > _areaWidthDots)
            {
                _result.RefusedCodes++;
                return;
            }
            PrintPendingLine(false);
            int left = _leftMarginDots + AlignmentOffset(width);
            _output.BeginElement();
            for (int y = 0; y < _qr.Size && !_output.Stopped; y++)
            {
                ClearDots();
                for (int x = 0; x < _qr.Size; x++)
                {
                    if (_qr.IsDark(x, y))
                    {
                        for (int k = 0; k < moduleDots; k++)
                        {
                            SetDot(left + x * moduleDots + k);
                        }
                    }
                }
                for (int k = 0; k < moduleDots; k++)
                {
                    _output.Line(_dots, 0);
                }
            }
            _output.EndElement();
        }
    }
}
