using PosFirmware.Emulator.Acquirer;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Iso8583;
using PosFirmware.Iso8583;
using Xunit;

namespace PosFirmware.Tests.Emulator.Acquirer;

/// <summary>
/// Hosts share one parsed copy of the shipped field table: it is the table a fresh parse gives, field by
/// field, and a host made without a table speaks it.
/// </summary>
public class SharedFieldTableTests
{
    [Fact]
    public void The_shared_table_is_the_shipped_file_parsed_and_hosts_use_it()
    {
        var shared = FieldTables.SharedDefault;
        var fresh = FieldTables.Default();
        Assert.NotSame(fresh, shared);
        Assert.Same(shared, FieldTables.SharedDefault);
        int defined = 0;
        for (int number = 0; number <= FieldTable.MaxField; number++)
        {
            var a = fresh.Get(number);
            var b = shared.Get(number);
            Assert.True((a == null) == (b == null), $"field {number}");
            if (a != null)
            {
                defined++;
                Assert.True(a.Number == b!.Number && a.Format == b.Format && a.MaxLength == b.MaxLength && a.Sensitive == b.Sensitive && a.Name == b.Name, $"field {number}");
            }
        }
        Assert.True(defined > 20, $"{defined} fields defined");
        using var ledger = new AcquirerLedger(":memory:");
        var host = new AcquirerHost(new AcquirerConfig(), ledger, new SimRandom(1));
        Assert.Same(shared, host.Table);
    }
}
