using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Emulator.Peripherals;

public class DisplayModelTests(ITestOutputHelper output)
{
    [Fact]
    public void Changes_at_one_instant_form_one_frame_with_its_virtual_time()
    {
        var clock = new VirtualClock();
        var display = new DisplayModel(clock, 2, 8);
        clock.Advance(1_500_000_000);
        display.Clear();
        display.SetLine(0, "SALE");
        display.SetLine(1, "CNY 1.00");
        clock.Advance(250_000_000);
        display.SetLine(1, "CNY 1.23");
        Assert.Equal(3, display.History.Count);
        Assert.Equal(1_500_000_000, display.History[1].AtNanos);
        Assert.Equal(new[] { "SALE    ", "CNY 1.00" }, display.History[1].Lines);
        Assert.Equal("    1.750 s  |SALE    |CNY 1.23|", display.History[2].ToString());
        Assert.Contains("display 8x2, 3 frames", display.HistoryText());
    }

    [Fact]
    public void Redrawing_the_same_screen_adds_no_frame()
    {
        var clock = new VirtualClock();
        var display = new DisplayModel(clock, 2, 8);
        display.SetLine(0, "READY");
        clock.Advance(1_000_000);
        display.Clear();
        display.SetLine(0, "READY");
        Assert.Single(display.History);
    }

    [Fact]
    public void Long_lines_are_cut_and_non_ascii_shown_as_question_marks_and_both_counted()
    {
        var clock = new VirtualClock();
        var display = new DisplayModel(clock, 1, 5);
        display.SetLine(0, "\u00a512.345");
        Assert.Equal("?12.3", display.Line(0));
        Assert.Equal(2, display.CharactersCut);
        Assert.Equal(1, display.NonAsciiCharacters);
    }

    [Fact]
    public void A_row_outside_the_display_is_a_loud_error()
    {
        var display = new DisplayModel(new VirtualClock(), 4, 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => display.SetLine(4, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => display.SetLine(-1, "x"));
    }
    [Fact]
    public void Random_draws_give_the_history_of_a_snapshot_taken_at_every_change()
    {
        int seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        string[] texts = ["", "READY", "SALE", "CNY 1.00", "CNY 12.34", "APPROVED", "PRINTING"];
        for (int round = 0; round < 50; round++)
        {
            var clock = new VirtualClock();
            var display = new DisplayModel(clock, 2, 8);
            // The straightforward account: a snapshot at every change, one frame per instant, frames equal
            // to the one before (or drawn back to the one before at the same instant) dropped.
            var cells = new[] { "        ", "        " };
            var expected = new List<(long At, string[] Lines)> { (0, (string[])cells.Clone()) };
            for (int step = 0; step < 200; step++)
            {
                if (random.Next(3) == 0)
                {
                    clock.Advance(random.Next(2) * 1_000_000);
                }
                if (random.Next(6) == 0)
                {
                    display.Clear();
                    cells = ["        ", "        "];
                }
                else
                {
                    int row = random.Next(2);
                    string text = texts[random.Next(texts.Length)];
                    display.SetLine(row, text);
                    cells[row] = text.PadRight(8)[..8];
                }
                var now = (string[])cells.Clone();
                if (expected[^1].At == clock.NowNanos)
                {
                    expected[^1] = (clock.NowNanos, now);
                    if (expected.Count > 1 && expected[^2].Lines.SequenceEqual(now))
                    {
                        expected.RemoveAt(expected.Count - 1);
                    }
                }
                else if (!expected[^1].Lines.SequenceEqual(now))
                {
                    expected.Add((clock.NowNanos, now));
                }
                Assert.True(expected.Count == display.History.Count, $"seed {seed}, round {round}, step {step}: {display.History.Count} frames, not {expected.Count}");
            }
            for (int f = 0; f < expected.Count; f++)
            {
                Assert.True(expected[f].At == display.History[f].AtNanos && expected[f].Lines.SequenceEqual(display.History[f].Lines), $"seed {seed}, round {round}: frame {f}");
            }
        }
    }
}
