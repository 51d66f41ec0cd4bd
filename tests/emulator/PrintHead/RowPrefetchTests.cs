using PosFirmware.Emulator.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// Asking for a row ahead is a hint to the cache and nothing more: whatever the row's length, and whichever of its
/// lines the asks start and end on, its contents and everything beside it read back as they were, and a missing
/// row is no error. (How fast the row then comes is for the profiles in the README, not for a test.)
/// </summary>
public class RowPrefetchTests
{
    [Fact]
    public void AskingForARowOfAnyLengthChangesNothingAndFaultsNowhere()
    {
        var random = new Random(5);
        RowPrefetch.Ask(null, 384);
        for (int length = 0; length <= 400; length++)
        {
            // Rows of every length land at every offset within a cache line as they are allocated one after another.
            var before = new float[length];
            var row = new float[length];
            var after = new float[3];
            for (int i = 0; i < length; i++)
            {
                row[i] = (float)random.NextDouble();
            }
            after[0] = after[1] = after[2] = 0.25f;
            var copy = (float[])row.Clone();

            RowPrefetch.Ask(row, length);
            RowPrefetch.Ask(row, 0);

            Assert.Equal(copy, row);
            Assert.All(before, value => Assert.Equal(0f, value));
            Assert.All(after, value => Assert.Equal(0.25f, value));
        }
    }
}
