using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

public class AcquirerConfigTests
{
    [Fact]
    public void YamlAndJsonBothConfigureRulesAndFaults()
    {
        var yaml = AcquirerConfig.Parse("""
            mac-scheme: x919
            mac-key-bytes: 16
            rules:
              - amount-pattern: "^0+1$"
                response-code: "05"
            faults:
              late: 0.25
            """);
        Assert.Equal("x919", yaml.MacScheme);
        Assert.Equal("05", Assert.Single(yaml.Rules).ResponseCode);
        Assert.Equal(0.25, yaml.Faults["late"]);
        var json = AcquirerConfig.Parse("""{"payment-code-field": 63, "rules": [{"code-prefix": "28", "user-paying-seconds": 5, "outcome": "paid"}]}""");
        Assert.Equal(63, json.PaymentCodeField);
        Assert.True(json.Rules[0].Matches("000000000100", "281234"));
        Assert.False(json.Rules[0].Matches("000000000100", "131234"));
    }

    [Theory]
    [InlineData("mac-scheme: des", "mac-scheme")]
    [InlineData("master-key-hex: 1234", "master-key-hex")]
    [InlineData("rules: [{amount-pattern: '('}]", "regular expression")]
    [InlineData("rules: [{code-prefix: '1'}]", "exactly one of")]
    [InlineData("rules: [{response-code: '05'}]", "amount-pattern or code-prefix")]
    [InlineData("faults: {teleport: 0.1}", "unknown fault")]
    [InlineData("faults: {late: 2}", "probability")]
    [InlineData("payment-code-field: 5", "payment-code-field")]
    [InlineData("no-such-setting: 1", "not valid")]
    [InlineData("rules: [", "not valid")]
    [InlineData("rules: [{amount-pattern: '88$', user-paying-seconds: .nan, outcome: paid}]", "user-paying-seconds")]
    [InlineData("rules: [{amount-pattern: '88$', user-paying-seconds: -1, outcome: paid}]", "user-paying-seconds")]
    [InlineData("faults: {late: .nan}", "probability")]
    [InlineData("max-connections: 0", "max-connections")]
    [InlineData("frame-deadline-millis: 0", "frame-deadline-millis")]
    [InlineData("idle-timeout-seconds: 100000", "idle-timeout-seconds")]
    [InlineData("listen-backlog: 70000", "listen-backlog")]
    public void BadConfigIsAClearError(string text, string mentions)
    {
        var e = Assert.Throws<AcquirerConfigException>(() => AcquirerConfig.Parse(text));
        Assert.Contains(mentions, e.Message);
    }

    [Fact]
    public async Task TheServersLimitsComeFromTheConfig()
    {
        var config = AcquirerConfig.Parse("max-connections: 7\nframe-deadline-millis: 1500\nidle-timeout-seconds: 30\nlisten-backlog: 64");
        using var ledger = new AcquirerLedger(":memory:");
        await using var server = new TcpAcquirerServer(new AcquirerHost(config, ledger, new SimRandom(1)), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        Assert.Equal(7, server.MaxConnections);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), server.FrameDeadline);
        Assert.Equal(TimeSpan.FromSeconds(30), server.IdleTimeout);
    }

    [Fact]
    public void FaultSpecFromTheCommandLineIsCheckedNameByName()
    {
        var faults = new AcquirerFaults(new SimRandom(1));
        Assert.Null(faults.Configure("drop-request=0.1, late=0.5"));
        Assert.Contains("unknown fault", faults.Configure("explode=0.1"));
        Assert.Contains("probability", faults.Configure("late=1.5"));
        Assert.Contains("probability", faults.Configure("late"));
    }
}
