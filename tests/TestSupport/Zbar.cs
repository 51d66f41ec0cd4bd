using Xunit;

namespace PosFirmware.Tests.TestSupport;

/// <summary>Decodes barcodes and QR codes in PNG files with zbarimg, the independent reader.</summary>
public static class Zbar
{
    /// <summary>
    /// Every symbol zbarimg finds in the files, as "TYPE:data" (QR-Code, CODE-128, EAN-13), one per
    /// symbol, in zbarimg's order. Fails with a clear message if zbarimg is not installed.
    /// </summary>
    private static readonly string[] SymbolTypes = { "QR-Code", "CODE-128", "EAN-13", "UPC-A", "EAN-8", "UPC-E", "CODE-39", "CODE-93", "I2/5", "Codabar" };

    public static List<string> Decode(params string[] pngPaths)
    {
        var arguments = new List<string> { "-q" };
        arguments.AddRange(pngPaths);
        var result = ExternalTool.Run("zbarimg", arguments, timeoutMillis: 60_000);
        // zbarimg exits 4 when an image has no symbol; that is a finding, not an error.
        Assert.True(result.ExitCode == 0 || result.ExitCode == 4, $"zbarimg failed ({result.ExitCode}): {result.StdErr}");
        var symbols = new List<string>();
        foreach (var line in result.StdOut.Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            int colon = trimmed.IndexOf(':');
            if (colon > 0 && Array.Exists(SymbolTypes, t => trimmed.StartsWith(t + ":")))
            {
                symbols.Add(trimmed);
            }
            else if (symbols.Count > 0 && trimmed.Length > 0)
            {
                symbols[^1] += "\n" + trimmed; // a symbol whose data holds a line break
            }
        }
        return symbols;
    }
}
