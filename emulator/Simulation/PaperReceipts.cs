using PosFirmware.Emulator.PrintHead;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;

namespace PosFirmware.Emulator.Simulation;

/// <summary>One receipt as read back off the paper: the fields its QR code carries.</summary>
public sealed record PaperReceipt(string Reference, string TerminalId, int Trace, string Text);

/// <summary>
/// Reads the receipts off the paper model's image with ZXing (a decoder written by others, not the
/// firmware's own account of what it printed): each torn-off piece is binarized and every QR code on it
/// decoded. The sale receipt's QR reads "POSREF:rrn;TID:tid;TRACE:nnnnnn;TIME:...".
/// </summary>
public static class PaperReceipts
{
    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
        [DecodeHintType.TRY_HARDER] = true,
    };

    /// <summary>The gray image (0 black, 255 white) of the rows [from, to) of a paper strip.</summary>
    public static byte[] Piece(PaperStrip paper, byte[] gray, int from, int to)
    {
        var piece = new byte[(to - from) * paper.Width];
        Array.Copy(gray, from * paper.Width, piece, 0, piece.Length);
        return piece;
    }

    /// <summary>Every QR text on a gray piece, top to bottom.</summary>
    public static List<string> DecodeQr(byte[] gray, int width, int height)
    {
        var texts = new List<string>();
        if (height < 21)
        {
            return texts;
        }
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)), Hints);
        if (results == null)
        {
            return texts;
        }
        var ordered = new List<Result>(results);
        ordered.Sort((a, b) => Top(a).CompareTo(Top(b)));
        foreach (var result in ordered)
        {
            texts.Add(result.Text);
        }
        return texts;
    }

    /// <summary>A sale receipt's QR text parsed, or null if it is not one.</summary>
    public static PaperReceipt? Parse(string text)
    {
        string? reference = null, terminal = null, trace = null;
        foreach (var field in text.Split(';'))
        {
            int colon = field.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }
            string value = field[(colon + 1)..];
            switch (field[..colon])
            {
                case "POSREF": reference = value; break;
                case "TID": terminal = value; break;
                case "TRACE": trace = value; break;
            }
        }
        if (reference == null || terminal == null || trace == null || !int.TryParse(trace, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
        {
            return null;
        }
        return new PaperReceipt(reference, terminal, number, text);
    }

    private static float Top(Result result)
    {
        float top = float.MaxValue;
        if (result.ResultPoints != null)
        {
            foreach (var point in result.ResultPoints)
            {
                if (point != null)
                {
                    top = Math.Min(top, point.Y);
                }
            }
        }
        return top;
    }
}
