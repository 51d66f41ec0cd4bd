using System.Text.Json;
using PosFirmware.Emulator.Cli;
using PosFirmware.Emulator.Simulation;
using Xunit;

namespace PosFirmware.Tests.Emulator.Cli;

public class SoakCommandTests
{
    [Fact]
    public void Soak_writes_its_figures_as_json_and_exits_zero_when_every_invariant_holds()
    {
        string json = Path.Combine(Path.GetTempPath(), "posfw-soak-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            int exit = SoakCommand.Run(5, 2, new SimulationConfig { SalesPerRun = 3 }, json, printTrace: false);
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var root = doc.RootElement;
            Assert.Equal(2, root.GetProperty("runs").GetInt32());
            Assert.Equal(6, root.GetProperty("sales").GetInt64());
            Assert.Equal(0, root.GetProperty("invariant_breaks").GetInt64());
            Assert.True(root.GetProperty("sales_per_wall_second").GetDouble() > 0);
            Assert.True(root.GetProperty("virtual_seconds").GetDouble() > 0);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
