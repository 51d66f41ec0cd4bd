using Xunit;
using System.Security.Cryptography;
using System.Text;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// Builds requests byte by byte, independently of the firmware codec: BCD and ASCII encoders written
/// here, the bitmap computed here, the CUP ECB MAC computed with .NET's DES.
/// </summary>
internal static class RawMessages
{
    public const string MasterKeyHex = "0123456789ABCDEFFEDCBA9876543210";
    public const string Tid = "TERM0001";
    public const string Mid = "898310048990001";
    public static readonly byte[] Tpdu = Convert.FromHexString("6000030000");
    public static readonly byte[] Header = Convert.FromHexString("603100310000");

    /// <summary>n fixed: BCD right-aligned.</summary>
    public static byte[] N(string digits) => Convert.FromHexString(digits.Length % 2 == 1 ? "0" + digits : digits);

    /// <summary>n...LLL: 2-byte BCD digit count, BCD left-aligned.</summary>
    public static byte[] LllN(string digits) => [.. Convert.FromHexString(digits.Length.ToString("D4")), .. Convert.FromHexString(digits.Length % 2 == 1 ? digits + "0" : digits)];

    /// <summary>ans fixed: ASCII.</summary>
    public static byte[] A(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>ans...LLL: 2-byte BCD length, ASCII.</summary>
    public static byte[] LllA(string text) => [.. Convert.FromHexString(text.Length.ToString("D4")), .. Encoding.ASCII.GetBytes(text)];

    /// <summary>MTI + primary bitmap + fields in ascending order.</summary>
    public static byte[] Body(string mti, SortedDictionary<int, byte[]> fields)
    {
        var bitmap = new byte[8];
        foreach (int f in fields.Keys)
        {
            bitmap[(f - 1) / 8] |= (byte)(0x80 >> ((f - 1) % 8));
        }
        var body = new List<byte>(Convert.FromHexString(mti));
        body.AddRange(bitmap);
        foreach (var value in fields.Values)
        {
            body.AddRange(value);
        }
        return [.. body];
    }

    /// <summary>Length prefix + TPDU + header + body.</summary>
    public static byte[] Frame(byte[] body) => Frame(body, Header);

    /// <summary>Length prefix + TPDU + the given header + body.</summary>
    public static byte[] Frame(byte[] body, byte[] header)
    {
        int length = Tpdu.Length + header.Length + body.Length;
        return [(byte)(length >> 8), (byte)length, .. Tpdu, .. header, .. body];
    }

    /// <summary>A framed request with field 64 = the CUP ECB MAC under mak.</summary>
    public static byte[] Signed(string mti, SortedDictionary<int, byte[]> fields, byte[] mak) => Frame(SignedBody(mti, fields, mak));

    /// <summary>A body with field 64 = the CUP ECB MAC under mak.</summary>
    public static byte[] SignedBody(string mti, SortedDictionary<int, byte[]> fields, byte[] mak)
    {
        fields[64] = new byte[8];
        var body = Body(mti, fields);
        CupEcbMac(mak, body.AsSpan(0, body.Length - 8)).CopyTo(body, body.Length - 8);
        return body;
    }

    public static byte[] CupEcbMac(byte[] key, ReadOnlySpan<byte> data)
    {
        var xor = new byte[8];
        for (int i = 0; i < data.Length; i++)
        {
            xor[i % 8] ^= data[i];
        }
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(xor));
        using var des = DES.Create();
        des.Key = key;
        var first = des.EncryptEcb(hex[..8], PaddingMode.None);
        for (int i = 0; i < 8; i++)
        {
            first[i] ^= hex[8 + i];
        }
        return Encoding.ASCII.GetBytes(Convert.ToHexString(des.EncryptEcb(first, PaddingMode.None))[..8]);
    }

    public static byte[] SignIn(int trace, int batch = 1, string tid = Tid) => Frame(Body("0800", new()
    {
        [11] = N(trace.ToString("D6")),
        [41] = A(tid),
        [42] = A(Mid),
        [60] = LllN("00" + batch.ToString("D6") + "003"),
    }));

    public static SortedDictionary<int, byte[]> SaleFields(int trace, long amountFen, string code, int batch = 1) => new()
    {
        [3] = N("000000"),
        [4] = N(amountFen.ToString("D12")),
        [11] = N(trace.ToString("D6")),
        [22] = N("030"),
        [25] = N("00"),
        [41] = A(Tid),
        [42] = A(Mid),
        [49] = A("156"),
        [57] = LllA(code),
        [60] = LllN("22" + batch.ToString("D6") + "000"),
    };

    public static byte[] Sale(byte[] mak, int trace, long amountFen, string code = "134567890123456789", int batch = 1) =>
        Signed("0200", SaleFields(trace, amountFen, code, batch), mak);

    /// <summary>The reversal a terminal builds: the sale's fields, MTI 0400, F39 reason.</summary>
    public static byte[] Reversal(byte[] mak, int trace, long amountFen, string reason = "98", string code = "134567890123456789", int batch = 1)
    {
        var fields = SaleFields(trace, amountFen, code, batch);
        fields[39] = A(reason);
        return Signed("0400", fields, mak);
    }

    public static byte[] Query(byte[] mak, int trace, int originalTrace, int batch = 1) => Signed("0200", new()
    {
        [3] = N("310000"),
        [11] = N(trace.ToString("D6")),
        [25] = N("00"),
        [41] = A(Tid),
        [42] = A(Mid),
        [49] = A("156"),
        [60] = LllN("01" + batch.ToString("D6") + "000"),
        [61] = LllN(batch.ToString("D6") + originalTrace.ToString("D6")),
    }, mak);

    public static byte[] Settlement(byte[] mak, int trace, long debitFen, int debitCount, int batch = 1) => Signed("0500", new()
    {
        [11] = N(trace.ToString("D6")),
        [41] = A(Tid),
        [42] = A(Mid),
        [48] = LllN(debitFen.ToString("D12") + debitCount.ToString("D3") + new string('0', 15) + "0" + new string('0', 31)),
        [49] = A("156"),
        [60] = LllN("00" + batch.ToString("D6") + "201"),
    }, mak);

    public static byte[] BatchUploadEnd(byte[] mak, int trace, int count, int batch = 1) => Signed("0320", new()
    {
        [11] = N(trace.ToString("D6")),
        [41] = A(Tid),
        [42] = A(Mid),
        [48] = LllN(count.ToString("D4")),
        [60] = LllN("00" + batch.ToString("D6") + "202"),
    }, mak);

    /// <summary>A 0320 detail: the sale's trace and amount in F61/F4, under a new trace.</summary>
    public static byte[] BatchUploadDetail(byte[] mak, int trace, int saleTrace, long amountFen, int batch = 1) => Signed("0320", new()
    {
        [3] = N("000000"),
        [4] = N(amountFen.ToString("D12")),
        [11] = N(trace.ToString("D6")),
        [41] = A(Tid),
        [42] = A(Mid),
        [60] = LllN("00" + batch.ToString("D6") + "201"),
        [61] = LllN(batch.ToString("D6") + saleTrace.ToString("D6")),
    }, mak);

    /// <summary>Decrypts the MAK from a sign-in response's field 62 (PIK 16 + KCV 4 + MAK 8 + KCV 4) and checks its check value.</summary>
    public static byte[] MacKeyFrom(byte[] field62)
    {
        Assert.Equal(32, field62.Length);
        using var tdes = TripleDES.Create();
        var tmk = Convert.FromHexString(MasterKeyHex);
        tdes.Key = [.. tmk, .. tmk[..8]];
        var mak = tdes.DecryptEcb(field62[20..28], PaddingMode.None);
        using var des = DES.Create();
        des.Key = mak;
        Assert.Equal(Convert.ToHexString(field62[28..32]), Convert.ToHexString(des.EncryptEcb(new byte[8], PaddingMode.None)[..4]));
        return mak;
    }
}
