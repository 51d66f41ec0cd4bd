using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using Xunit;
using Xunit.Abstractions;

namespace PosFirmware.Tests.Drivers.Scanner;

public class BarcodeScannerFuzzTests
{
    private readonly ITestOutputHelper _output;

    public BarcodeScannerFuzzTests(ITestOutputHelper output) => _output = output;

    private const string BytesVariable = "SCANNER_BYTES_FUZZ_SEED";
    private const string FaultsVariable = "SCANNER_FAULTS_FUZZ_SEED";
    private const int RoundsPerSeed = 400;

    /// <summary>
    /// Random bytes (biased towards digits, terminators and the acknowledgement's bytes, the inputs that
    /// reach deep states) go to the driver, <see cref="RoundsPerSeed"/> bursts per seed. After every burst a
    /// terminator and a fresh valid code follow, and that code must come out exactly. Polls must not
    /// allocate, must each take a bounded number of bytes, and must never throw.
    /// </summary>
    [Fact]
    public void Random_bytes_never_crash_block_or_leak_and_a_code_after_them_is_read_exactly()
    {
        AllocatingPolls = 0;
        foreach (ulong seed in FuzzSeed.Seeds(BytesVariable, 20261122))
        {
            _output.WriteLine($"seed={seed}");
            try
            {
                FuzzBytes(seed);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"scanner byte fuzz failed with seed {seed}\n{FuzzSeed.Replay(BytesVariable, seed, nameof(Random_bytes_never_crash_block_or_leak_and_a_code_after_them_is_read_exactly))}\n{e}");
            }
        }
    }

    private static void FuzzBytes(ulong seed)
    {
        var random = new SimRandom(seed);
        var config = new ScannerConfig();
        var clock = new VirtualClock();
        var port = new LoopbackSerialPort(256);
        ScannerProfile profile = ScannerProfiles.Load("gm65.profile", config);
        var driver = new BarcodeScanner(port, clock, profile, ScannerProfiles.LoadTable(config), config);
        byte[] favourites = Encoding.ASCII.GetBytes("0123456789\r\n").Concat(profile.Ack).Concat(new byte[] { 0x00, 0xFF }).ToArray();
        for (int round = 1; round <= RoundsPerSeed; round++)
        {
            driver.StartScan();
            byte[] noise = new byte[random.Next(400)];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = random.Chance(0.6) ? favourites[random.Next(favourites.Length)] : (byte)random.Next(256);
            }
            FeedAndPoll(driver, port, clock, random, noise, config, stopOnCode: false);
            if (!driver.Scanning)
            {
                driver.StartScan();
            }
            string code = FreshCode(random, round);
            byte[] tail = Encoding.ASCII.GetBytes("\r" + code + "\r");
            ScanStatus last = FeedAndPoll(driver, port, clock, random, tail, config, stopOnCode: true);
            Assert.True(last == ScanStatus.CodeRead, $"round {round}: the code after the noise was not read (last outcome {last})");
            Assert.Equal(code, driver.CodeText());
            clock.Advance(config.DuplicateWindowMicros * 1000);
        }
    }

    /// <summary>
    /// The scan engine model misbehaves on half its reads (noise, bytes lost on the wire, a code cut short,
    /// no read). What the driver can detect it must refuse: noise, a cut-short line, bytes of two
    /// transmissions spliced into one line, anything that does not fit the payment-code table. What it
    /// cannot detect it must not pretend to: 8N1 has no parity, so a transmission that lost a digit on the
    /// wire and still fits the table is a well-formed code nobody presented. Such a code must be exactly one
    /// transmission's bytes; the host declines it (SubstitutedCodeTests), so nothing is debited.
    /// </summary>
    [Fact]
    public void Random_engine_faults_let_through_only_what_no_check_on_the_bytes_can_see()
    {
        int undetectable = 0;
        foreach (ulong seed in FuzzSeed.Seeds(FaultsVariable, 99))
        {
            string replay = FuzzSeed.Replay(FaultsVariable, seed, nameof(Random_engine_faults_let_through_only_what_no_check_on_the_bytes_can_see));
            undetectable += FuzzEngineFaults(seed, replay);
        }
        _output.WriteLine($"{undetectable} well-formed codes that lost a digit on the wire reached the host");
    }

    private int FuzzEngineFaults(ulong seed, string replay)
    {
        _output.WriteLine($"seed={seed}");
        var bench = new ScannerBench(seed: seed);
        bench.Model.RandomFaultChance = 0.5;
        var random = bench.Board.Random.Fork("codes");
        int read = 0, undetectable = 0;
        for (int sale = 0; sale < 40; sale++)
        {
            var presented = new HashSet<string>();
            int firstTransmission = bench.Model.Sent.Count;
            for (int i = 0; i < 6; i++)
            {
                string code = FreshCode(random, sale * 10 + i);
                presented.Add(code);
                bench.Model.Present(ScanItem.Of(code));
            }
            bench.Driver.StartScan();
            List<ScanStatus> outcomes = bench.ScanToEnd();
            if (outcomes[^1] == ScanStatus.CodeRead)
            {
                read++;
                string accepted = bench.Driver.CodeText();
                if (!presented.Contains(accepted))
                {
                    var from = bench.Model.Sent.Skip(firstTransmission).Where(t => LineOf(t.Bytes, bench.Profile) == accepted).ToList();
                    Assert.True(from.Count > 0, $"seed {seed}, sale {sale}: {accepted} was accepted but no single transmission carried it: the driver spliced or invented it\n{replay}");
                    Assert.True(from.All(t => t.Fault == ScanFault.DroppedBytes), $"seed {seed}, sale {sale}: {accepted} came from a {from[0].Fault} transmission, which the driver can detect\n{replay}");
                    undetectable++;
                }
            }
            bench.Driver.StopScan();
            bench.Model.Reset();
            bench.Board.Clock.Advance(6_000_000_000);
        }
        Assert.True(read > 20, $"seed {seed}: only {read} of 40 sales read a code\n{replay}");
        return undetectable;
    }

    /// <summary>A transmission's bytes as the line the driver would take from it: printable bytes up to the terminator.</summary>
    private static string LineOf(byte[] bytes, ScannerProfile profile)
    {
        int end = Array.FindIndex(bytes, profile.IsTerminator);
        return end < 0 ? "" : Encoding.ASCII.GetString(bytes, 0, end);
    }

    // Tier-up on a loaded machine (call counting, OSR, tier-1 rejits of the several methods a poll runs) may
    // allocate on this thread at a few polls; once in CI it did at four. A driver path that allocates does so at
    // every poll that takes it, which the thousands of polls of a run take far more often than this.
    private const int MaxAllocatingPolls = 8;

    [ThreadStatic]
    private static int AllocatingPolls;

    private static ScanStatus FeedAndPoll(BarcodeScanner driver, LoopbackSerialPort port, VirtualClock clock, SimRandom random, byte[] bytes, ScannerConfig config, bool stopOnCode)
    {
        int offset = 0;
        ScanStatus last = ScanStatus.None;
        for (int guard = 0; guard < 10_000; guard++)
        {
            int burst = Math.Min(Math.Min(bytes.Length - offset, port.Free), 1 + random.Next(80));
            if (burst > 0)
            {
                port.Receive(bytes, offset, burst);
                offset += burst;
            }
            long readBefore = port.BytesRead;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            ScanStatus status = driver.Poll();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (allocated != 0)
            {
                // The runtime may allocate on this thread once while it re-compiles a hot method (tiered
                // JIT); the driver allocating would show on every poll of that path, so more than a few
                // allocating polls fail the run. TerminalScannerTests measures steady state exactly.
                AllocatingPolls++;
                Assert.True(AllocatingPolls <= MaxAllocatingPolls, $"Poll allocated {allocated} bytes ({AllocatingPolls} allocating polls)");
            }
            Assert.True(port.BytesRead - readBefore <= config.MaxBytesPerPoll + config.ReadChunkBytes, "Poll took more bytes than its bound");
            if (status != ScanStatus.None)
            {
                last = status;
                if (stopOnCode && status == ScanStatus.CodeRead)
                {
                    return status;
                }
            }
            // A None outcome with the port empty means the driver has consumed everything it was given.
            if (offset == bytes.Length && port.BytesToRead == 0 && status == ScanStatus.None)
            {
                if (!stopOnCode)
                {
                    // Let any half line time out, as silence on the wire would.
                    clock.Advance(config.PartialLineTimeoutMicros * 1000);
                    driver.Poll();
                }
                return last;
            }
            clock.Advance(random.Next(3) * 1_000_000L);
        }
        throw new Xunit.Sdk.XunitException("the driver did not drain its input within 10000 polls");
    }

    private static string FreshCode(SimRandom random, int salt)
    {
        return (random.Next(3)) switch
        {
            0 => (10 + random.Next(6)).ToString() + random.NextInRange(0, 10_000_000_000_000_000).ToString("D16"),
            1 => (25 + random.Next(6)).ToString() + random.NextInRange(0, 10_000_000_000_000_000).ToString("D16") + (salt % 100).ToString("D2"),
            _ => "62" + random.NextInRange(0, 100_000_000_000_000_000).ToString("D17"),
        };
    }
}
