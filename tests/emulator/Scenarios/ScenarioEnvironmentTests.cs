using PosFirmware.Emulator.Scenarios;
using Xunit;

namespace PosFirmware.Tests.Emulator.Scenarios;

/// <summary>Environment events reach the models: the plots and the firmware see what the scenario set.</summary>
public class ScenarioEnvironmentTests
{
    [Fact]
    public void A_hot_room_warms_the_head_and_a_low_supply_shows_in_the_supply_plot()
    {
        const string text = "duration: 40\nsteps:\n  - at: 0.5\n    ambient: 45\n  - at: 0.5\n    supply: 9000\n  - at: 1\n    sale: {amount: 1234}\n"
            + "  - before: 30\n    journal: {amount: 1234, state: Approved, receipt: Printed}\n";
        var heads = new List<(double Seconds, double Value)>();
        var supplies = new List<(double Seconds, double Value)>();
        var result = ScenarioRunner.Run(Scenario.Parse(text, "env.yaml"), (run, _) =>
        {
            var series = run.Series();
            heads.AddRange(series.HeadCelsius);
            supplies.AddRange(series.SupplyVolts);
        });
        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.InRange(heads[0].Value, 20, 30);                 // the printer's own room at power-on
        Assert.True(heads[^1].Value > 40, $"head at {heads[^1].Value:F1} C after 40 s in a 45 C room");
        Assert.InRange(supplies[0].Value, 7.0, 7.5);            // the printer's own 7.2 V supply before the event
        Assert.InRange(supplies[^1].Value, 8.0, 9.0001);        // 9 V open circuit, less under load
    }
}
