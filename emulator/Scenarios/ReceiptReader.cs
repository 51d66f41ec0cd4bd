using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// Reads the QR codes off the paper the print-head model marked, with ZXing: what a phone would read off the
/// receipt, not what the firmware meant to print.
/// </summary>
public static class ReceiptReader
{
    /// <summary>Tallest slice decoded at once, in dot rows (bounds the decoder's work on a long roll).</summary>
    public const int MaxSliceRows = 4096;

    /// <summary>The text of every QR code found on the pieces of paper, in paper order.</summary>
    public static List<string> QrCodes(IEnumerable<(int Width, int Height, byte[] Gray)> paper)
    {
        var found = new List<string>();
        foreach (var (width, height, gray) in paper)
        {
            // Slices overlap by half: a code (far shorter than half a slice) whose top lies in a slice's first
            // half is whole in that slice, so each code is taken from exactly one slice.
            int step = MaxSliceRows / 2;
            for (int from = 0; from < height; from += step)
            {
                int rows = Math.Min(MaxSliceRows, height - from);
                bool last = from + rows >= height;
                foreach (var result in Decode(gray, width, from, rows))
                {
                    int top = (int)result.ResultPoints.Min(p => p.Y);
                    if (top < step || last)
                    {
                        found.Add(result.Text);
                    }
                }
                if (last)
                {
                    break;
                }
            }
        }
        return found;
    }

    private static Result[] Decode(byte[] gray, int width, int fromRow, int rows)
    {
        var slice = new byte[width * rows];
        Array.Copy(gray, fromRow * width, slice, 0, slice.Length);
        var source = new RGBLuminanceSource(slice, width, rows, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), hints);
        return (results ?? Array.Empty<Result>()).Where(r => r.ResultPoints.Length > 0).OrderBy(r => r.ResultPoints.Min(p => p.Y)).ToArray();
    }
}
