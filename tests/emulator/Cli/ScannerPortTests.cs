using System.Collections.Concurrent;
using System.Diagnostics;
using PosFirmware.Emulator.Cli;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

/// <summary>
/// `posemu interactive --scanner-port`: a code sent down a serial line, as a USB scanner would, pays for a
/// sale on the emulated terminal. A socat pseudo-terminal pair stands in for the USB serial adapter.
/// </summary>
public class ScannerPortTests
{
    /// <summary>Input lines handed over as the test decides, so the session waits like a person would.</summary>
    private sealed class QueueReader : TextReader
    {
        public BlockingCollection<string> Lines { get; } = new();

        public override string? ReadLine() => Lines.TryTake(out var line, 60_000) ? line : null;
    }

    [Fact]
    public void A_code_from_the_serial_scanner_pays_for_a_sale()
    {
        string folder = Directory.CreateTempSubdirectory("scanner-port").FullName;
        string terminalSide = Path.Combine(folder, "ttyTerminal");
        string scannerSide = Path.Combine(folder, "ttyScanner");
        var socatInfo = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        socatInfo.ArgumentList.Add($"pty,raw,echo=0,link={terminalSide}");
        socatInfo.ArgumentList.Add($"pty,raw,echo=0,link={scannerSide}");
        using var socat = Process.Start(socatInfo)!;
        try
        {
            var wall = Stopwatch.StartNew();
            while (!(File.Exists(terminalSide) && File.Exists(scannerSide)) && wall.Elapsed.TotalSeconds < 10)
            {
                Thread.Sleep(50);
            }
            var input = new QueueReader();
            var buffer = new StringWriter();
            var output = TextWriter.Synchronized(buffer);
            string Text()
            {
                // The synchronized writer locks on itself: reading under the same lock sees whole writes.
                lock (output)
                {
                    return buffer.ToString();
                }
            }
            string outDir = Path.Combine(folder, "out");
            int exitCode = -1;
            var session = new Thread(() => exitCode = InteractiveCommand.Run(9, outDir, false, input, output, terminalSide));
            session.Start();
            // The scanner reads the customer's phone: the code and the module's CR suffix.
            using (var scanner = new FileStream(scannerSide, FileMode.Open, FileAccess.Write))
            {
                while (!Text().Contains("scanner: 134567890123456789") && wall.Elapsed.TotalSeconds < 30)
                {
                    if (Text().Contains("> "))
                    {
                        scanner.Write("134567890123456789\r"u8);
                        scanner.Flush();
                        input.Lines.Add("wait 0.5");
                    }
                    Thread.Sleep(200);
                }
            }
            input.Lines.Add("keys: X1234E");
            input.Lines.Add("wait 5");
            input.Lines.Add("quit");
            Assert.True(session.Join(60_000), "session ends");
            Assert.Equal(0, exitCode);
            string text = Text();
            Assert.Contains("scanner: 134567890123456789", text);
            Assert.Contains("|APPROVED", text);
            Assert.Contains("sale 000001/000002 sent: 1234 fen", text);
            Assert.Contains("PAID", File.ReadAllText(Path.Combine(outDir, "ledger.txt")));
        }
        finally
        {
            socat.Kill();
        }
    }

    [Fact]
    public void A_port_that_cannot_be_opened_is_a_clear_error()
    {
        var output = new StringWriter();
        Assert.Equal(2, InteractiveCommand.Run(1, Path.GetTempPath(), false, new StringReader(""), output, "/dev/no-such-tty"));
        Assert.Contains("error: --scanner-port /dev/no-such-tty", output.ToString());
    }

    [Fact]
    public void Realtime_keeps_virtual_time_to_the_wall_clock()
    {
        var wall = Stopwatch.StartNew();
        var output = new StringWriter();
        Assert.Equal(0, InteractiveCommand.Run(1, Directory.CreateTempSubdirectory("realtime").FullName, true, new StringReader("wait 1\n"), output));
        // 1 s at start-up and 1 s of wait: at least that much wall time went by.
        Assert.True(wall.Elapsed.TotalSeconds >= 1.9, $"{wall.Elapsed.TotalSeconds:F2} s of wall time for 2 virtual s");
    }
}
