namespace PosFirmware.Tests.Guard;

/// <summary>Reads the format specifiers out of a composite format string ("{0,5:X2} {1}" → "X2", "").</summary>
public static class CompositeFormat
{
    public static IEnumerable<string> ItemFormats(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '{')
            {
                continue;
            }
            if (i + 1 < text.Length && text[i + 1] == '{')
            {
                i++; // "{{" is a literal brace
                continue;
            }
            int close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                yield break;
            }
            var item = text.Substring(i + 1, close - i - 1);
            int colon = item.IndexOf(':');
            yield return colon < 0 ? "" : item.Substring(colon + 1);
            i = close;
        }
    }
}
