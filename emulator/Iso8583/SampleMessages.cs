using System.Text;
using PosFirmware.Iso8583;

namespace PosFirmware.Emulator.Iso8583;

/// <summary>Valid packed bodies of every message the terminal exchanges: seeds for the fuzzer and examples.</summary>
public static class SampleMessages
{
    /// <summary>Packed bodies (message type to last field) of one of each message.</summary>
    public static List<byte[]> All(FieldTable table)
    {
        var codec = new Iso8583Codec(table);
        var builder = new CupMessages(new CupDialect());
        var msg = new Iso8583Message(table);
        var result = new List<byte[]>();
        var code = Encoding.ASCII.GetBytes("134567890123456789");
        void Add()
        {
            var buffer = new byte[4096];
            if (!codec.TryPack(msg, buffer, 0, buffer.Length, out int n))
            {
                throw new InvalidOperationException("sample does not pack: " + codec.DescribeLastError());
            }
            result.Add(buffer[..n]);
        }
        builder.SignIn(msg, 1, 1, "12345678", "123456789012345");
        Add();
        builder.Sale(msg, 2, 1, "12345678", "123456789012345", 12345, code, 0, code.Length);
        msg.Set(64, new byte[8], 0, 8);
        Add();
        var sale = new Iso8583Message(table);
        sale.CopyFrom(msg);
        builder.Reversal(sale, "98", msg);
        Add();
        builder.Query(msg, 3, 1, "12345678", "123456789012345", 1, 2);
        Add();
        builder.Settlement(msg, 4, 1, "12345678", "123456789012345", 12345, 1, 0, 0);
        Add();
        builder.BatchUploadDetail(msg, 5, 1, "12345678", "123456789012345", 2, 12345);
        Add();
        builder.BatchUploadEnd(msg, 6, 1, "12345678", "123456789012345", 1);
        Add();
        msg.Clear();
        msg.MessageType = 810;
        msg.SetText(11, "000001");
        msg.SetText(12, "123456");
        msg.SetText(13, "1122");
        msg.SetText(32, "12345");
        msg.SetText(35, "6212345678901234=2512");
        msg.SetText(37, "000000000001");
        msg.SetText(39, "00");
        msg.SetText(41, "12345678");
        msg.SetText(42, "123456789012345");
        msg.SetText(44, "issuer");
        msg.SetText(60, "00000001003");
        msg.Set(62, new byte[40], 0, 40);
        msg.SetText(63, "001");
        Add();
        return result;
    }
}
