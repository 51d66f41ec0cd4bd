using PosFirmware.Emulator.Printing;
using PosFirmware.Tests.TestSupport;
using static PosFirmware.Tests.TestSupport.EscPos;

using Xunit;
using PosFirmware.Print;
using PosFirmware.Printing;
using PosFirmware.Print.Interpreter;
using PosFirmware.Print.Text;
using PosFirmware.Print.Commands;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// One small job per command, rendered on ideal paper and compared pixel for pixel with a committed
/// image (UPDATE_GOLDEN=1 rewrites them). The images were checked by eye once; the tests keep them so.
/// </summary>
public class EscPosGoldenTests
{
    private static readonly EscPosRenderer Renderer = new();
    private static readonly object Gate = new();

    /// <summary>FS ( C fn 48 m 2: text is UTF-8 (these jobs write their text as UTF-8; the printer starts in GB18030).</summary>
    private static readonly byte[] Utf8 = Job(FS, '(', 'C', 2, 0, 48, 2);

    public static TheoryData<string> Jobs() => new(CommandJobs.Keys.Concat(SecondPassJobs.All.Keys).Order());

    private static byte[] JobNamed(string name) => CommandJobs.TryGetValue(name, out var job) ? job : SecondPassJobs.All[name];

    static EscPosGoldenTests()
    {
        // NV images (FS q / FS p, GS ( L fn 67 / 69) live in a flash file store, as on the terminal: one job
        // defines them (written when it completes), the "nv-images" job prints them.
        Renderer.Interpreter.AttachNvImages(SecondPassJobs.NvStore());
        Renderer.Render(SecondPassJobs.NvDefinitions, out var defined);
        if (!defined.Completed || defined.MalformedCommands != 0)
        {
            throw new InvalidOperationException("the NV definitions job did not store its images");
        }
    }

    private static readonly Dictionary<string, byte[]> CommandJobs = new()
    {
        ["text-sizes"] = Job(ESC, '@', Utf8, "x1 normal 你好\n", GS, '!', 0x10, "x2 wide 宽\n", GS, '!', 0x01, "x2 tall 高\n",
            GS, '!', 0x11, "x2x2 大\n", GS, '!', 0x00, ESC, '!', 0x30, "ESC ! 0x30\n", ESC, '!', 0, "back to x1\n"),
        ["alignment"] = Job(ESC, '@', Utf8, ESC, 'a', 0, "left 左\n", ESC, 'a', 1, "centre 中\n", ESC, 'a', 2, "right 右\n",
            ESC, 'a', 49, GS, '!', 0x11, "big\n"),
        ["styles"] = Job(ESC, '@', Utf8, ESC, 'E', 1, "bold 粗体", ESC, 'E', 0, "\n", ESC, '-', 1, "under 1", ESC, '-', 0, "\n",
            ESC, '-', 2, "under 2 下划线", ESC, '-', 0, "\n", GS, 'B', 1, " reverse 反白 ", GS, 'B', 0, "\n",
            ESC, '!', 0x88, "ESC ! bold+underline", ESC, '!', 0, "\n", ESC, 'G', 1, "double strike", ESC, 'G', 0, "\n"),
        ["font-b-spacing-wrap"] = Job(ESC, '@', Utf8, ESC, 'M', 1, "Font B: 48 columns of 8-dot cells, this line wraps.\n",
            ESC, 'M', 0, "Font A: 32 columns of 12-dot cells; this one wraps too.\n",
            ESC, ' ', 4, "ESC SP 4 spacing\n", ESC, ' ', 0, FS, 'S', 4, 4, "全角间距 FS S 4 4\n", FS, 'S', 0, 0,
            "中文换行测试：十六个全角字符一行，这一行会自动换行。\n"),
        ["feeds"] = Job(ESC, '@', Utf8, "line 1\n", "\n", "after empty LF\n", ESC, 'd', 3, "after ESC d 3\n", ESC, 'J', 40,
            "after ESC J 40\n", ESC, '3', 40, "spacing 40\n", "spacing 40\n", ESC, '2', "ESC 2 default\n", ESC, '3', 0, "spacing 0\n", "spacing 0\n"),
        ["raster"] = Job(ESC, '@', Utf8, Raster(0), LF, Raster(1), LF, ESC, 'a', 1, Raster(2), LF, ESC, 'a', 2, Raster(3), LF),
        ["code128"] = Job(ESC, '@', Utf8, ESC, 'a', 1, GS, 'w', 2, GS, 'h', 48, GS, 'H', 2, Barcode(73, "{BNo.{C\x0c\x22\x38"), LF,
            GS, 'H', 1, Barcode(73, "Plain-123456"), LF, GS, 'H', 3, GS, 'w', 3, Barcode(73, "{A\x01{BAb"), LF,
            GS, 'H', 0, GS, 'w', 2, Barcode(73, "{B{{brace}"), LF),
        ["ean13-upca"] = Job(ESC, '@', Utf8, GS, 'w', 2, GS, 'h', 60, GS, 'H', 2, Barcode(67, "490123456789"), LF,
            ESC, 'a', 1, Job(GS, 'k', 2, "4006381333931", 0), LF, ESC, 'a', 2, Barcode(65, "03600029145"), LF),
        ["qr"] = Job(ESC, '@', Utf8, ESC, 'a', 1, Qr("https://example.com/L", 3, 0), LF, Qr("M 中文 UTF-8", 4, 1), LF,
            ESC, 'a', 0, Qr("Q", 2, 2), ESC, 'a', 2, Qr("H level, module 3", 3, 3), LF),
        ["tear"] = Job(ESC, '@', Utf8, "before the tear bar\n", GS, 'V', 0, "after GS V 0\n", GS, 'V', 66, 0, "after GS V 66 0\n"),
        ["box-drawing"] = Job(ESC, '@', ESC, '3', 16, FS, '.', ESC, 't', 1, 0x98, 0x95, 0x95, 0x91, 0x95, 0x95, 0x99, LF, 0x96, 'a', 'b', 0x96, 'c', 'd', 0x96, LF,
            0x9A, 0x95, 0x95, 0x90, 0x95, 0x95, 0x9B, LF, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, LF, ESC, 't', 0, "back to PC437 ", 0x9D, 0x9C, LF),
        ["margins-positions"] = Job(ESC, '@', Utf8, GS, 'L', 48, 0, GS, 'W', 0x90, 0x01, "left margin 48 dots, width 400 (clamped)\n",
            GS, 'L', 0, 0, GS, 'W', 0x80, 0x01, "A", ESC, '$', 100, 0, "B at 100", ESC, '\\', 0x20, 0, "C+32\n",
            "tab", 0x09, "stop", 0x09, "x\n", ESC, 'D', 2, 10, 0, "a", 0x09, "b", 0x09, "c\n"),
    };

    private static byte[] Raster(int m)
    {
        // 4 bytes wide (32 dots), 12 dots tall: a frame with a diagonal, so scaling and order show.
        var data = new byte[4 * 12];
        for (int y = 0; y < 12; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                bool on = y == 0 || y == 11 || x == 0 || x == 31 || x == y * 2;
                if (on)
                {
                    data[y * 4 + x / 8] |= (byte)(0x80 >> (x % 8));
                }
            }
        }
        return Job(GS, 'v', '0', m, 4, 0, 12, 0, data);
    }

    private static IdealPaper Render(string name, out PrintJobResult result)
    {
        lock (Gate)
        {
            var paper = Renderer.Render(JobNamed(name), out var r);
            result = new PrintJobResult
            {
                Status = r.Status, DotLinesDone = r.DotLinesDone, UnknownCommands = r.UnknownCommands,
                MalformedCommands = r.MalformedCommands, ReplacedCharacters = r.ReplacedCharacters, ClampedRequests = r.ClampedRequests,
                RefusedCodes = r.RefusedCodes, SubstitutedQrModels = r.SubstitutedQrModels, CharactersPrinted = r.CharactersPrinted,
            };
            return paper;
        }
    }

    [Fact]
    public void The_golden_jobs_use_every_command_of_the_table()
    {
        var used = new HashSet<string>();
        foreach (byte[] job in CommandJobs.Values.Concat(SecondPassJobs.All.Values).Append(SecondPassJobs.NvDefinitions))
        {
            // Walk the job as the interpreter frames it: a command by its exact length, anything else one byte.
            int at = 0;
            while (at < job.Length)
            {
                var command = EscPosCommands.Find(job, at, job.Length);
                int length = command == null ? 1 : EscPosCommands.LengthOf(command, job, at, job.Length);
                Assert.True(length > 0, $"{command?.Name} cut short at {at}");
                if (command != null)
                {
                    used.Add(command.Name);
                }
                at += length;
            }
        }
        var missing = EscPosCommands.All.Select(c => c.Name).Where(n => !used.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "no golden job uses " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Command_job_renders_exactly_as_its_golden_image(string name)
    {
        var paper = Render(name, out var result);
        Assert.Equal(PrintStatus.Ok, result.Status);
        Assert.Equal(0, result.UnknownCommands);
        Assert.Equal(0, result.MalformedCommands);
        Assert.Equal(0, result.RefusedCodes);
        Assert.Equal(0, result.ReplacedCharacters);
        GoldenImage.AssertMatches(GoldenImage.FolderOf(), "cmd-" + name, paper);
    }

    [Fact]
    public void Barcodes_and_qr_codes_of_the_command_jobs_printed_on_the_head_read_back_exactly_with_zbar()
    {
        string dir = Directory.CreateTempSubdirectory("escpos-codes").FullName;
        var files = new List<string>();
        foreach (var name in new[] { "code128", "ean13-upca", "qr", "barcodes-1d", "qr-clone-model1" })
        {
            // Printed through the full path: interpreter, LTPD245C driver, head and paper models.
            string png = Path.Combine(dir, name + ".png");
            var renderer = new HeadRenderer();
            Assert.True(renderer.Print(JobNamed(name)).Completed);
            renderer.SavePng(png, GoldenImage.MarginDots);
            files.Add(png);
        }
        var symbols = Zbar.Decode(files.ToArray());
        var expected = new[]
        {
            "CODE-128:No.123456", "CODE-128:Plain-123456", "CODE-128:\u0001Ab", "CODE-128:{brace}",
            "EAN-13:4901234567894", "EAN-13:4006381333931", "EAN-13:0036000291452", // zbar reports UPC-A as EAN-13 with a leading 0
           
            "QR-Code:https://example.com/L", "QR-Code:M 中文 UTF-8", "QR-Code:Q", "QR-Code:H level, module 3",
            "EAN-13:0012345000065", "EAN-13:0042100005264", // zbar reports UPC-E expanded to its UPC-A number
            "EAN-8:96385074", "EAN-8:73513537", "CODE-39:CODE39", "CODE-39:AB-1.2 ",
            "I2/5:12345678", "I2/5:135790", "Codabar:A40156B", "Codabar:A31117A", "CODE-93:Code93 $/+%", "CODE-93:CODE93",
            "QR-Code:https://example.com/ez", "QR-Code:model 1 as 2",
        };
        Assert.Equal(expected.Order(), symbols.Order());
    }
}
