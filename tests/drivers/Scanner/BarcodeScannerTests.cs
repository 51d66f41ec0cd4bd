using System.Text;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;

namespace PosFirmware.Tests.Drivers.Scanner;

public class BarcodeScannerTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    [Theory]
    [InlineData(ScannerBench.WeChat, PaymentScheme.WeChat)]
    [InlineData(ScannerBench.Alipay, PaymentScheme.Alipay)]
    [InlineData(ScannerBench.UnionPay, PaymentScheme.UnionPay)]
    public void A_clean_code_is_read_classified_and_the_window_closed(string code, PaymentScheme scheme)
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Of(code));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(code, bench.Driver.CodeText());
        Assert.Equal(scheme, bench.Driver.LastScheme);
        Assert.False(bench.Driver.Scanning);
        bench.Board.Clock.Advance(50_000_000);
        Assert.Equal(1, bench.Model.TriggersReceived);
        Assert.Equal(1, bench.Model.StopsReceived);
        Assert.True(bench.Driver.AcksReceived >= 1, "the trigger's acknowledgement was recognised and removed");
    }

    [Fact]
    public void The_trigger_goes_out_as_the_profile_bytes_at_the_baud_rate()
    {
        var bench = new ScannerBench();
        var sent = new List<(byte Byte, long AtNanos)>();
        bench.Port.ConnectDevice((b, at) => sent.Add((b, at)));
        bench.Driver.StartScan();
        bench.Board.Clock.Advance(20_000_000);
        Assert.Equal(bench.Profile.TriggerCommand, sent.Select(s => s.Byte).ToArray());
        // 8N1 at 9600 baud: ten bit times of 104166 ns per byte, the first arriving one byte time after the write.
        Assert.Equal(1_041_660, sent[0].AtNanos);
        Assert.Equal(9 * 1_041_660, sent[^1].AtNanos);
    }

    [Fact]
    public void Noise_without_a_terminator_times_out_as_truncated_and_the_next_read_is_clean()
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Noise(12));
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat));
        bench.Driver.StartScan();
        var outcomes = bench.ScanToEnd();
        Assert.Equal(ScanStatus.CodeRead, outcomes[^1]);
        Assert.Contains(outcomes[0], new[] { ScanStatus.Truncated, ScanStatus.Garbled, ScanStatus.Overlong, ScanStatus.Refused });
        Assert.Equal(ScannerBench.WeChat, bench.Driver.CodeText());
    }

    [Fact]
    public void Framing_garbage_in_a_line_is_reported_garbled_and_does_not_leak_into_the_next_code()
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Raw(new byte[] { 0xFF, 0x00, 0x31, 0x33, 0xFF, 0x0D }));
        bench.Model.Present(ScanItem.Of(ScannerBench.Alipay));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.Garbled, ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScanMessages.Accepted, bench.Driver.LastMessage);
        Assert.Equal(ScannerBench.Alipay, bench.Driver.CodeText());
    }

    [Theory]
    [InlineData("ABC123", ScanMessages.NotPaymentCode)]
    [InlineData("https://qr.alipay.com/bax", ScanMessages.NotPaymentCode)]
    [InlineData("13456789012345678X", ScanMessages.NotPaymentCode)]
    [InlineData("6901234567892", ScanMessages.UnknownScheme)]
    [InlineData("99999999999999999999", ScanMessages.UnknownScheme)]
    public void A_line_that_is_not_a_known_payment_code_is_refused_with_a_reason(string line, string reason)
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Of(line));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.Refused, bench.PollForOutcome());
        Assert.Equal(reason, bench.Driver.LastMessage);
        Assert.True(bench.Driver.Scanning, "a refused line leaves the window open for a rescan");
    }

    [Fact]
    public void An_overlong_line_is_discarded_to_its_terminator_and_the_code_right_behind_it_is_read()
    {
        var bench = new ScannerBench();
        byte[] burst = Ascii(new string('1', 100) + "\r" + ScannerBench.UnionPay + "\r");
        bench.Model.Present(ScanItem.Raw(burst));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.Overlong, ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.UnionPay, bench.Driver.CodeText());
        Assert.Equal(0, bench.Port.OverrunBytes);
    }

    [Fact]
    public void A_line_that_never_ends_is_reported_truncated_one_timeout_after_its_last_byte()
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Truncated(ScannerBench.WeChat, 10));
        bench.Driver.StartScan();
        ScanStatus status = bench.PollForOutcome();
        Assert.Equal(ScanStatus.Truncated, status);
        Assert.Equal(ScanMessages.Truncated, bench.Driver.LastMessage);
        // Trigger 9 bytes + ack 7 bytes (from +2 ms) + decode 150 ms, then 10 bytes; the timeout is 100 ms after the last byte.
        long lastByteNanos = 150_000_000 + 9 * 1_041_660 + 10 * 1_041_660;
        Assert.InRange(bench.Board.Clock.NowNanos, lastByteNanos + 100_000_000, lastByteNanos + 102_000_000);
    }

    [Fact]
    public void The_truncation_timeout_is_not_reported_one_millisecond_before_it()
    {
        var config = new ScannerConfig { PartialLineTimeoutMicros = 100_000 };
        var port = new LoopbackSerialPort();
        var clock = new PosFirmware.Emulator.Core.VirtualClock();
        var driver = new BarcodeScanner(port, clock, ScannerProfiles.Load("continuous.profile"), ScannerProfiles.LoadTable(), config);
        driver.StartScan();
        port.Receive("1345678");
        Assert.Equal(ScanStatus.None, driver.Poll());
        clock.Advance(99_999_000);
        Assert.Equal(ScanStatus.None, driver.Poll());
        clock.Advance(1_000);
        Assert.Equal(ScanStatus.Truncated, driver.Poll());
        port.Receive(ScannerBench.WeChat + "\r\n");
        Assert.Equal(ScanStatus.CodeRead, driver.Poll());
        Assert.Equal(ScannerBench.WeChat, driver.CodeText());
    }

    [Fact]
    public void Dropped_bytes_shorten_the_code_and_it_is_refused_not_sent()
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Dropped(ScannerBench.WeChat, 1));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.Refused, bench.PollForOutcome());
        Assert.Equal(17, bench.Driver.CodeLength);
    }

    [Fact]
    public void The_same_code_again_within_the_window_is_ignored_once_and_accepted_after_it()
    {
        var bench = new ScannerBench(config: new ScannerConfig { DuplicateWindowMicros = 5_000_000 });
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat));
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.CodeRead, bench.PollForOutcome());
        long firstReadMicros = bench.NowMicros;

        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat));
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat2));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.Duplicate, ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.WeChat2, bench.Driver.CodeText());

        long secondReadMicros = bench.NowMicros;
        Assert.True(secondReadMicros - firstReadMicros < 5_000_000);

        // Once the window has passed, the same code is read again (the acquirer, not the scanner, refuses a reused code).
        bench.Board.Clock.Advance((secondReadMicros + 5_000_000) * 1000 - bench.Board.Clock.NowNanos);
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat2));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.WeChat2, bench.Driver.CodeText());
    }

    [Fact]
    public void The_duplicate_window_ends_exactly_at_its_length()
    {
        var config = new ScannerConfig { DuplicateWindowMicros = 5_000_000 };
        var port = new LoopbackSerialPort();
        var clock = new PosFirmware.Emulator.Core.VirtualClock();
        var driver = new BarcodeScanner(port, clock, ScannerProfiles.Load("continuous.profile"), ScannerProfiles.LoadTable(), config);
        driver.StartScan();
        port.Receive(ScannerBench.WeChat + "\r\n");
        Assert.Equal(ScanStatus.CodeRead, driver.Poll());
        clock.Advance(4_999_999_000);
        driver.StartScan();
        port.Receive(ScannerBench.WeChat + "\r\n");
        Assert.Equal(ScanStatus.Duplicate, driver.Poll());
        clock.Advance(1_000);
        port.Receive(ScannerBench.WeChat + "\r\n");
        Assert.Equal(ScanStatus.CodeRead, driver.Poll());
    }

    [Fact]
    public void No_read_in_the_window_is_reported_at_its_end_and_the_engine_is_stopped()
    {
        var bench = new ScannerBench(config: new ScannerConfig { ScanWindowMicros = 2_000_000 });
        bench.Model.Present(ScanItem.NoRead());
        bench.Driver.StartScan();
        long start = bench.NowMicros;
        Assert.Equal(ScanStatus.NoRead, bench.PollForOutcome());
        Assert.Equal(start + 2_000_000, bench.NowMicros);
        Assert.Equal(ScanMessages.NoRead, bench.Driver.LastMessage);
        Assert.False(bench.Driver.Scanning);
        bench.Board.Clock.Advance(20_000_000);
        Assert.Equal(1, bench.Model.StopsReceived);
    }

    [Fact]
    public void A_code_that_arrives_outside_a_window_never_reaches_the_next_scan()
    {
        var bench = new ScannerBench();
        byte[] stale = Ascii(ScannerBench.Alipay + "\r");
        bench.Port.DeviceSend(stale, 0, stale.Length);
        bench.Board.Clock.Advance(30_000_000);
        Assert.Equal(ScanStatus.None, bench.Driver.Poll());
        Assert.Equal(stale.Length, bench.Driver.BytesOutsideWindow);

        bench.Model.Present(ScanItem.Of(ScannerBench.UnionPay));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.UnionPay, bench.Driver.CodeText());
    }

    [Fact]
    public void Bytes_left_in_the_port_when_a_scan_starts_are_dropped()
    {
        var bench = new ScannerBench();
        byte[] stale = Ascii("12345");
        bench.Port.DeviceSend(stale, 0, stale.Length);
        bench.Board.Clock.Advance(10_000_000);
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat));
        bench.Driver.StartScan();
        Assert.Equal(new[] { ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.WeChat, bench.Driver.CodeText());
    }

    [Fact]
    public void A_cancelled_scan_drops_a_code_that_arrives_afterwards()
    {
        var bench = new ScannerBench();
        bench.Model.Present(ScanItem.Of(ScannerBench.WeChat));
        bench.Driver.StartScan();
        bench.Board.Clock.Advance(160_000_000);
        bench.Driver.StopScan();
        bench.Board.Clock.Advance(100_000_000);
        Assert.Equal(ScanStatus.None, bench.Driver.Poll());
        Assert.Equal(0, bench.Driver.CodeLength);
    }

    [Fact]
    public void A_code_shown_after_a_trigger_read_nothing_is_read_by_the_repeated_trigger()
    {
        var config = new ScannerConfig { TriggerRepeatMicros = 3_000_000 };
        var bench = new ScannerBench(config: config);
        bench.Driver.StartScan();
        long start = bench.NowMicros;

        // The customer shows the phone after the engine's first read session: nothing is read until the
        // terminal triggers again, one repeat period after the first trigger, not a millisecond before.
        bench.Board.Clock.Advance(1_000_000_000); // nanoseconds: one second
        Assert.Equal(1, bench.Model.TriggersReceived);
        bench.Model.Present(ScanItem.Of(ScannerBench.Alipay));
        while (bench.NowMicros < start + 2_999_000)
        {
            Assert.Equal(ScanStatus.None, bench.Driver.Poll());
            bench.Board.Clock.DelayMicros(1000);
        }
        Assert.Equal(1, bench.Model.TriggersReceived);
        Assert.Equal(ScanStatus.CodeRead, bench.PollForOutcome());
        Assert.Equal(2, bench.Model.TriggersReceived);
        Assert.Equal(ScannerBench.Alipay, bench.Driver.CodeText());
    }

    [Fact]
    public void Repeated_triggers_stop_at_the_bound_and_the_window_still_ends_as_no_read()
    {
        var config = new ScannerConfig { TriggerRepeatMicros = 1_000_000, MaxTriggersPerScan = 4, ScanWindowMicros = 10_000_000 };
        var bench = new ScannerBench(config: config);
        bench.Driver.StartScan();
        Assert.Equal(ScanStatus.NoRead, bench.PollForOutcome());
        Assert.Equal(4, bench.Model.TriggersReceived);
    }

    [Fact]
    public void Retriggers_in_one_window_are_bounded()
    {
        var config = new ScannerConfig { MaxTriggersPerScan = 3 };
        var bench = new ScannerBench(config: config);
        for (int i = 0; i < 10; i++)
        {
            bench.Model.Present(ScanItem.Of("ABC"));
        }
        bench.Driver.StartScan();
        var outcomes = bench.ScanToEnd();
        Assert.Equal(new[] { ScanStatus.Refused, ScanStatus.Refused, ScanStatus.Refused, ScanStatus.NoRead }, outcomes);
        Assert.Equal(3, bench.Model.TriggersReceived);
    }

    [Fact]
    public void In_continuous_mode_codes_come_without_a_trigger_and_cr_lf_ends_them()
    {
        var bench = new ScannerBench("continuous.profile");
        bench.Driver.StartScan();
        bench.Model.PresentAt(bench.Board.Clock.NowNanos + 300_000_000, ScanItem.Of(ScannerBench.Alipay));
        Assert.Equal(new[] { ScanStatus.CodeRead }, bench.ScanToEnd());
        Assert.Equal(ScannerBench.Alipay, bench.Driver.CodeText());
        Assert.Equal(0, bench.Model.TriggersReceived);
        Assert.Equal(0, bench.Driver.TriggersSent);
    }

    [Fact]
    public void A_flood_is_handled_a_bounded_number_of_bytes_per_poll()
    {
        var config = new ScannerConfig { MaxBytesPerPoll = 50 };
        var port = new LoopbackSerialPort(1024);
        var driver = new BarcodeScanner(port, new PosFirmware.Emulator.Core.VirtualClock(), ScannerProfiles.Load("continuous.profile"), ScannerProfiles.LoadTable(), config);
        driver.StartScan();
        port.Receive(new byte[1000], 0, 1000);
        driver.Poll();
        Assert.InRange(port.BytesRead, 1, 50 + config.ReadChunkBytes);
    }
}
