using PosFirmware.Emulator.Printing;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print.Codes;
using PosFirmware.Print.Commands;
using PosFirmware.Print.Receipts;

namespace PosFirmware.Tests.Firmware.Print.Commands;

/// <summary>
/// The command table, one exact-byte test per command: a sample of each command as Epson's reference (or,
/// for the clone extensions, the library that sends it) writes it is measured to its exact length, is
/// truncated one byte short, and runs through the interpreter with a character after it that must print
/// exactly once. The receipt writer's commands come out byte for byte.
/// </summary>
public class EscPosCommandTableTests
{
    private const int DLE = 0x10;
    private const int DC2 = 0x12;

    private static byte[] Columns(int count, int bytesPerColumn) => Enumerable.Repeat((byte)0x5A, count * bytesPerColumn).ToArray();

    /// <summary>One sample per table entry, by the entry's name.</summary>
    public static readonly Dictionary<string, byte[]> Samples = new()
    {
        ["ESC @"] = Job(ESC, '@'),
        ["ESC !"] = Job(ESC, '!', 0x08),
        ["ESC SP"] = Job(ESC, ' ', 2),
        ["ESC $"] = Job(ESC, '$', 0x20, 0x00),
        ["ESC %"] = Job(ESC, '%', 1),
        ["ESC &"] = Job(ESC, '&', 3, 'A', 'B', 2, Columns(2, 3), 1, Columns(1, 3)),
        ["ESC ("] = Job(ESC, '(', 'A', 4, 0, 48, 55, 3, 10),
        ["ESC *"] = Job(ESC, '*', 33, 3, 0, Columns(3, 3)),
        ["ESC -"] = Job(ESC, '-', 1),
        ["ESC 2"] = Job(ESC, '2'),
        ["ESC 3"] = Job(ESC, '3', 30),
        ["ESC 4"] = Job(ESC, '4', 1),
        ["ESC 5"] = Job(ESC, '5'),
        ["ESC 7"] = Job(ESC, '7', 7, 80, 2),
        ["ESC ="] = Job(ESC, '=', 1),
        ["ESC ?"] = Job(ESC, '?', 'A'),
        ["ESC D"] = Job(ESC, 'D', 8, 16, 24, 0),
        ["ESC E"] = Job(ESC, 'E', 1),
        ["ESC G"] = Job(ESC, 'G', 1),
        ["ESC J"] = Job(ESC, 'J', 30),
        ["ESC K"] = Job(ESC, 'K', 30),
        ["ESC L"] = Job(ESC, 'L'),
        ["ESC M"] = Job(ESC, 'M', 1),
        ["ESC R"] = Job(ESC, 'R', 15),
        ["ESC S"] = Job(ESC, 'S'),
        ["ESC T"] = Job(ESC, 'T', 1),
        ["ESC U"] = Job(ESC, 'U', 1),
        ["ESC V"] = Job(ESC, 'V', 1),
        ["ESC W"] = Job(ESC, 'W', 0, 0, 0, 0, 0x80, 0x01, 0xC8, 0x00),
        ["ESC Z"] = Job(ESC, 'Z', 0, 'L', 3, 5, 0, "HELLO"),
        ["ESC \\"] = Job(ESC, '\\', 0x20, 0x00),
        ["ESC a"] = Job(ESC, 'a', 1),
        ["ESC c"] = Job(ESC, 'c', '5', 1),
        ["ESC d"] = Job(ESC, 'd', 2),
        ["ESC e"] = Job(ESC, 'e', 2),
        ["ESC i"] = Job(ESC, 'i'),
        ["ESC m"] = Job(ESC, 'm'),
        ["ESC p"] = Job(ESC, 'p', 0, 25, 250),
        ["ESC r"] = Job(ESC, 'r', 1),
        ["ESC t"] = Job(ESC, 't', 16),
        ["ESC u"] = Job(ESC, 'u', 0),
        ["ESC v"] = Job(ESC, 'v'),
        ["ESC {"] = Job(ESC, '{', 1),
        ["ESC <"] = Job(ESC, '<'),
        ["ESC SI"] = Job(ESC, 0x0F),
        ["ESC FF"] = Job(ESC, 0x0C),
        ["GS !"] = Job(GS, '!', 0x11),
        ["GS $"] = Job(GS, '$', 0x20, 0x00),
        ["GS ( k"] = Job(GS, '(', 'k', 3, 0, 49, 67, 4),
        ["GS ( L"] = Job(GS, '(', 'L', 12, 0, 48, 112, 48, 1, 1, 49, 8, 0, 2, 0, 0xFF, 0x81),
        ["GS ("] = Job(GS, '(', 'E', 3, 0, 1, 73, 78),
        ["GS *"] = Job(GS, '*', 1, 2, Columns(8, 2)),
        ["GS /"] = Job(GS, '/', 0),
        ["GS 8 L"] = Job(GS, '8', 'L', 12, 0, 0, 0, 48, 112, 48, 1, 1, 49, 8, 0, 2, 0, 0xFF, 0x81),
        ["GS :"] = Job(GS, ':'),
        ["GS B"] = Job(GS, 'B', 1),
        ["GS E"] = Job(GS, 'E', 1),
        ["GS H"] = Job(GS, 'H', 2),
        ["GS I"] = Job(GS, 'I', 1),
        ["GS L"] = Job(GS, 'L', 0x20, 0x00),
        ["GS P"] = Job(GS, 'P', 0xB4, 0xB4),
        ["GS Q 0"] = Job(GS, 'Q', '0', 0, 3, 0, 2, 0, Columns(3, 2)),
        ["GS T"] = Job(GS, 'T', 1),
        ["GS V"] = Job(GS, 'V', 66, 3),
        ["GS W"] = Job(GS, 'W', 0x80, 0x01),
        ["GS Z"] = Job(GS, 'Z', 2),
        ["GS \\"] = Job(GS, '\\', 0x20, 0x00),
        ["GS ^"] = Job(GS, '^', 1, 0, 0),
        ["GS a"] = Job(GS, 'a', 0),
        ["GS b"] = Job(GS, 'b', 1),
        ["GS c"] = Job(GS, 'c'),
        ["GS f"] = Job(GS, 'f', 1),
        ["GS g 0"] = Job(GS, 'g', '0', 0, 20, 0),
        ["GS g 2"] = Job(GS, 'g', '2', 0, 20, 0),
        ["GS h"] = Job(GS, 'h', 50),
        ["GS k"] = Job(GS, 'k', 69, 4, "AB12"),
        ["GS r"] = Job(GS, 'r', 1),
        ["GS v 0"] = Job(GS, 'v', '0', 0, 2, 0, 3, 0, Columns(3, 2)),
        ["GS w"] = Job(GS, 'w', 2),
        ["GS z 0"] = Job(GS, 'z', '0', 1, 2),
        ["FS !"] = Job(FS, '!', 0x80),
        ["FS &"] = Job(FS, '&'),
        ["FS ."] = Job(FS, '.'),
        ["FS -"] = Job(FS, '-', 1),
        ["FS 2"] = Job(FS, '2', 0xFE, 0xA1, Columns(24, 3)),
        ["FS ?"] = Job(FS, '?', 0xFE, 0xA1),
        ["FS ( C"] = Job(FS, '(', 'C', 2, 0, 48, 2),
        ["FS ("] = Job(FS, '(', 'A', 2, 0, 48, 0),
        ["FS C"] = Job(FS, 'C', 1),
        ["FS S"] = Job(FS, 'S', 2, 2),
        ["FS W"] = Job(FS, 'W', 1),
        ["FS g 1"] = Job(FS, 'g', '1', 48, 0, 0, 0, 0, 3, 0, "xyz"),
        ["FS g 2"] = Job(FS, 'g', '2', 48, 0, 0, 0, 0, 3, 0),
        ["FS p"] = Job(FS, 'p', 1, 0),
        ["FS q"] = Job(FS, 'q', 2, 1, 0, 1, 0, Columns(8, 1), 2, 0, 1, 0, Columns(16, 1)),
        ["DLE EOT"] = Job(DLE, 4, 7, 1),
        ["DLE ENQ"] = Job(DLE, 5, 2),
        ["DLE DC4"] = Job(DLE, 0x14, 1, 0, 1),
        ["DC2 #"] = Job(DC2, '#', 15),
        ["DC2 T"] = Job(DC2, 'T'),
        ["DC2"] = Job(DC2),
    };

    public static TheoryData<string> Names() => new(EscPosCommands.All.Select(c => c.Name));

    [Fact]
    public void Every_entry_has_a_sample_and_a_unique_name_and_longer_prefixes_come_first()
    {
        var names = EscPosCommands.All.Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(names.Order(), Samples.Keys.Order());
        for (int i = 1; i < EscPosCommands.All.Length; i++)
        {
            Assert.True(EscPosCommands.All[i - 1].PrefixLength >= EscPosCommands.All[i].PrefixLength, names[i]);
        }
        // The cases found leaving stray characters before this table: all in it.
        foreach (var name in new[] { "ESC (", "ESC &", "ESC ?", "FS q", "FS g 1", "GS g 0", "GS z 0", "ESC W", "GS \\", "GS $", "ESC Z", "GS Z", "ESC 7", "DC2 #", "GS Q 0" })
        {
            Assert.Contains(name, names);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_is_found_and_measured_to_its_exact_length(string name)
    {
        var command = EscPosCommands.All.Single(c => c.Name == name);
        byte[] sample = Samples[name];
        Assert.Same(command, EscPosCommands.Find(sample, 0, sample.Length));
        Assert.Equal(sample.Length, EscPosCommands.LengthOf(command, sample, 0, sample.Length));
        // With more bytes after it, the length is the same; one byte short, it is cut off.
        byte[] longer = sample.Concat(new byte[] { (byte)'A', (byte)'B' }).ToArray();
        Assert.Equal(sample.Length, EscPosCommands.LengthOf(command, longer, 0, longer.Length));
        if (sample.Length > command.PrefixLength)
        {
            int shortBy = EscPosCommands.LengthOf(command, sample, 0, sample.Length - 1);
            Assert.True(shortBy == EscPosCommands.Truncated || shortBy == sample.Length - 1, $"{name}: {shortBy}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Interpreter_skips_or_runs_the_sample_and_prints_the_next_character_once(string name)
    {
        var renderer = new EscPosRenderer();
        byte[] sample = Samples[name];
        renderer.Render(sample, out var alone);
        int before = alone.CharactersPrinted;
        Assert.Equal(0, alone.UnknownCommands);
        renderer.Render(sample.Concat(Job("A", LF)).ToArray(), out var withText);
        Assert.Equal(0, withText.UnknownCommands);
        Assert.Equal(sample.Length + 2, withText.BytesConsumed);
        Assert.Equal(before + 1, withText.CharactersPrinted);
    }

    [Fact]
    public void Optional_flag_of_esc_4_is_taken_only_when_it_is_0_or_1()
    {
        Assert.Equal(3, EscPosCommands.LengthOf(EscPosCommands.ItalicOn, Job(ESC, '4', 0), 0, 3));
        Assert.Equal(2, EscPosCommands.LengthOf(EscPosCommands.ItalicOn, Job(ESC, '4', 'x'), 0, 3));
        Assert.Equal(4, EscPosCommands.LengthOf(EscPosCommands.Cut, Job(GS, 'V', 65, 0), 0, 4));
        Assert.Equal(3, EscPosCommands.LengthOf(EscPosCommands.Cut, Job(GS, 'V', 49, 'x'), 0, 4));
        Assert.Equal(EscPosCommands.BadParameters, EscPosCommands.LengthOf(EscPosCommands.Barcode, Job(GS, 'k', 30, 'x'), 0, 4));
        Assert.Equal(EscPosCommands.Truncated, EscPosCommands.LengthOf(EscPosCommands.GraphicsLength32, Job(GS, '8', 'L', 0xFF, 0xFF, 0xFF, 0x7F, 0), 0, 8));
    }

    [Fact]
    public void Receipt_writer_writes_each_command_byte_for_byte()
    {
        var w = new EscPosWriter(256);
        w.Initialise();
        w.Align(1);
        w.Bold(true);
        w.Underline(2);
        w.Reverse(true);
        w.Size(8, 3);
        w.FeedDots(40);
        w.TearOff();
        Assert.Equal(Job(ESC, '@', FS, '(', 'C', 2, 0, 48, 2, ESC, 'a', 1, ESC, 'E', 1, ESC, '-', 2, GS, 'B', 1, GS, '!', 0x72, ESC, 'J', 40, GS, 'V', 0), w.ToArray());
        w.Reset();
        w.Code128Barcode("AB1234", 2, 60);
        Assert.Equal(Job(GS, 'w', 2, GS, 'h', 60, GS, 'H', 2, GS, 'k', 73), w.ToArray()[..12]);
        w.Reset();
        w.QrCode("HI", 4, QrErrorLevel.M);
        Assert.Equal(Job(GS, '(', 'k', 4, 0, 49, 65, 50, 0, GS, '(', 'k', 3, 0, 49, 67, 4, GS, '(', 'k', 3, 0, 49, 69, 49,
            GS, '(', 'k', 5, 0, 49, 80, 48, "HI", GS, '(', 'k', 3, 0, 49, 81, 48), w.ToArray());
    }
}
