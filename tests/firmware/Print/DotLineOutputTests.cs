using PosFirmware.Print;
using PosFirmware.Printing;
using Xunit;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>The counting between interpreter and head: skip what a previous run printed, stop at a fault or the limit, resume exactly.</summary>
public class DotLineOutputTests
{
    /// <summary>A paper roll that records what reaches it and faults at one call.</summary>
    private sealed class Paper : IDotLineSink
    {
        public List<string> Received { get; } = new();
        public int FaultAtCall = -1;
        private int _calls;

        public int DotsPerLine => 384;

        public PrintStatus PrintLine(byte[] dots, int offset) => Take("line " + dots[offset]);

        public PrintStatus Feed(int dotLines)
        {
            Assert.Equal(1, dotLines);
            return Take("feed");
        }

        private PrintStatus Take(string what)
        {
            if (_calls++ == FaultAtCall)
            {
                return PrintStatus.PaperOut;
            }
            Received.Add(what);
            return PrintStatus.Ok;
        }
    }

    private static void Job(DotLineOutput output)
    {
        for (byte i = 0; i < 3; i++)
        {
            output.Line(new byte[] { i }, 0);
        }
        output.Feed(3);
        output.Line(new byte[] { 9 }, 0);
    }

    [Fact]
    public void A_fault_stops_the_run_uncounted_and_a_resume_prints_exactly_the_rest()
    {
        var paper = new Paper { FaultAtCall = 4 };
        var output = new DotLineOutput();
        output.Begin(paper, 0, 100);
        Job(output);
        Assert.Equal(PrintStatus.PaperOut, output.Status);
        Assert.True(output.Stopped);
        Assert.Equal(4, output.DotLinesDone);
        Assert.Equal(new[] { "line 0", "line 1", "line 2", "feed" }, paper.Received);

        var resumed = new Paper();
        output.Begin(resumed, output.DotLinesDone, 100);
        Job(output);
        Assert.Equal(PrintStatus.Ok, output.Status);
        Assert.Equal(7, output.DotLinesDone);
        Assert.Equal(3, output.DotLinesSent);
        Assert.Equal(new[] { "feed", "feed", "line 9" }, resumed.Received);
    }

    [Fact]
    public void The_line_limit_stops_output_and_says_so()
    {
        var paper = new Paper();
        var output = new DotLineOutput();
        output.Begin(paper, 0, 5);
        Job(output);
        Assert.True(output.LimitReached);
        Assert.Equal(PrintStatus.Ok, output.Status);
        Assert.Equal(5, output.DotLinesDone);
        Assert.Equal(new[] { "line 0", "line 1", "line 2", "feed", "feed" }, paper.Received);
    }

    [Fact]
    public void A_negative_skip_prints_everything()
    {
        var paper = new Paper();
        var output = new DotLineOutput();
        output.Begin(paper, -3, 100);
        Job(output);
        Assert.Equal(7, paper.Received.Count);
    }

    // Two elements (lines 0-2 and the line 9) with a feed between them.
    private static void ElementJob(DotLineOutput output)
    {
        output.BeginElement();
        for (byte i = 0; i < 3; i++)
        {
            output.Line(new byte[] { i }, 0);
        }
        output.EndElement();
        output.Feed(3);
        output.BeginElement();
        output.Line(new byte[] { 9 }, 0);
        output.EndElement();
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(2, 2, 0)]
    [InlineData(3, 3, 3)]
    [InlineData(5, 5, 5)]
    [InlineData(6, 6, 6)]
    public void A_fault_inside_an_element_names_the_element_s_first_line_and_between_elements_the_faulted_line(int faultAtCall, int done, int elementStart)
    {
        var paper = new Paper { FaultAtCall = faultAtCall };
        var output = new DotLineOutput();
        output.Begin(paper, 0, 100);
        ElementJob(output);
        Assert.Equal(PrintStatus.PaperOut, output.Status);
        Assert.Equal(done, output.DotLinesDone);
        Assert.Equal(elementStart, output.ElementStartDotLine);

        // Resumed from the element's start, the element prints whole again.
        var resumed = new Paper();
        output.Begin(resumed, output.ElementStartDotLine, 100);
        ElementJob(output);
        Assert.Equal(PrintStatus.Ok, output.Status);
        Assert.Equal(7 - elementStart, resumed.Received.Count);
    }

    [Fact]
    public void A_fault_in_the_part_of_an_element_left_after_a_resume_still_names_the_element_s_first_line()
    {
        var paper = new Paper { FaultAtCall = 0 };
        var output = new DotLineOutput();
        output.Begin(paper, 2, 100);
        ElementJob(output);
        Assert.Equal(2, output.DotLinesDone);
        Assert.Equal(0, output.ElementStartDotLine);
    }
}
