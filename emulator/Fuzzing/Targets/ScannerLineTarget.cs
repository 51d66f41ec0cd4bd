using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;

namespace PosFirmware.Emulator.Fuzzing.Targets;

/// <summary>
/// Bytes from the scan engine through ScanLineReader, and every finished line through the payment-code
/// table's classification. The first byte picks the profile (bit 0: gm65 with its acknowledgement, or the
/// continuous one with CR LF); a byte arrives every 100 us and a 0x00 byte also lets the partial-line timeout
/// pass. Contract: a line is 1..MaxLineBytes printable bytes that arrived just before its terminator; an
/// acknowledgement is the profile's bytes; a classification is the first rule the digits fit, NotDigits
/// only with a non-digit, NoRule only when no rule fits.
/// </summary>
public sealed class ScannerLineTarget : FuzzTarget
{
    private static readonly ScannerConfig Config = new();
    private static readonly ScannerProfile[] Profiles =
    [
        ScannerProfiles.Load("gm65.profile", Config),
        ScannerProfiles.Load("continuous.profile", Config),
    ];

    private static readonly PaymentCodeTable Table = LoadTable();

    /// <inheritdoc />
    public override string Name => "scanner-line";

    /// <inheritdoc />
    public override string Summary => "ScanLineReader.Feed/Tick on engine bytes, PaymentCodeTable.Classify on each line";

    /// <inheritdoc />
    public override IEnumerable<byte[]> BuiltSeeds()
    {
        yield return [0, .. "134567890123456789\r"u8, .. Profiles[0].Ack, .. "287654321098765432\r6212345678901234567\r"u8];
        yield return [1, .. "6901234567892\r\n281234567890123456\r\n"u8, 0xFF, 0x31, 0x0D, 0x0A, .. "1234"u8, 0, .. "12345678901234567890123456789012345\r\n"u8];
    }

    /// <inheritdoc />
    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }
        ScannerProfile profile = Profiles[input[0] & 1];
        var reader = new ScanLineReader(profile, Config);
        long now = 0;
        for (int i = 1; i < input.Length; i++)
        {
            now += input[i] == 0 ? Config.PartialLineTimeoutMicros : 100;
            LineStatus status = reader.Tick(now);
            Require(status == LineStatus.None || status == LineStatus.Truncated || status == LineStatus.Overlong, "a tick finished " + status);
            Require(status == LineStatus.None || !reader.InProgress, "a timed-out line is still in progress");
            status = reader.Feed(input[i], now);
            Check(input, i, profile, reader, status);
        }
        LineStatus last = reader.Tick(now + Config.PartialLineTimeoutMicros);
        Require(!reader.InProgress, "a line is still in progress after its timeout (" + last + ")");
    }

    private static void Check(byte[] input, int at, ScannerProfile profile, ScanLineReader reader, LineStatus status)
    {
        if (status == LineStatus.Ack)
        {
            int ack = profile.Ack.Length;
            Require(ack > 0 && at + 1 - ack >= 1 && input.AsSpan(at + 1 - ack, ack).SequenceEqual(profile.Ack), "an acknowledgement that is not the profile's bytes");
            return;
        }
        if (status != LineStatus.Line)
        {
            Require(reader.LineLength == 0, status + " left a line of " + reader.LineLength + " bytes");
            return;
        }
        int length = reader.LineLength;
        Require(profile.IsTerminator(input[at]), "a line finished on a byte that is not a terminator");
        Require(length >= 1 && length <= Config.MaxLineBytes, "a line of " + length + " bytes");
        Require(at - length >= 1 && input.AsSpan(at - length, length).SequenceEqual(reader.LineBuffer.AsSpan(0, length)), "the line is not the bytes before its terminator");
        for (int i = 0; i < length; i++)
        {
            byte b = reader.LineBuffer[i];
            Require(b >= 0x20 && b <= 0x7E, "a clean line holds byte " + b);
        }
        CheckClassification(reader.LineBuffer, length);
    }

    private static void CheckClassification(byte[] code, int length)
    {
        Table.TryClassify(code, 0, length, out int rule, out CodeMismatch why);
        bool digits = true;
        for (int i = 0; i < length; i++)
        {
            digits &= code[i] >= (byte)'0' && code[i] <= (byte)'9';
        }
        if (!digits)
        {
            Require(why == CodeMismatch.NotDigits && rule == -1, "a code with a non-digit classified as " + rule);
            return;
        }
        Require(why == CodeMismatch.NotDigits ? length == 0 && rule == -1 : (rule == -1) == (why == CodeMismatch.NoRule) && rule < Table.Count, "classification " + rule + " (" + why + ") is no rule");
        int first = -1;
        for (int r = 0; r < Table.Count && first == -1 && length > 0; r++)
        {
            var candidate = Table.Rule(r);
            long prefix = 0;
            for (int i = 0; i < candidate.PrefixDigits && i < length; i++)
            {
                prefix = prefix * 10 + code[i] - '0';
            }
            if (length >= candidate.MinLength && length <= candidate.MaxLength && length >= candidate.PrefixDigits
                && prefix >= candidate.PrefixLow && prefix <= candidate.PrefixHigh)
            {
                first = r;
            }
        }
        Require(rule == first, "classified as rule " + rule + ", the first rule that fits is " + first);
    }

    private static PaymentCodeTable LoadTable()
    {
        byte[] text = ScannerProfiles.Bytes(ScannerProfiles.CodeTable);
        var reader = PaymentCodeTableFile.CreateReader(Config);
        return PaymentCodeTableFile.TryParse(reader, Config, text, 0, text.Length, out PaymentCodeTable table) ? table : throw new InvalidDataException(reader.Message);
    }
}
