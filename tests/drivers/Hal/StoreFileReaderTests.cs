using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Hal;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Drivers.Hal;

/// <summary>Reading a whole file at boot: every failure of the flash becomes a status and a message, never an exception.</summary>
public class StoreFileReaderTests
{
    private static FaultyStore Store(params (string Name, string Text)[] files)
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(1));
        flash.Load(files.ToDictionary(f => f.Name, f => Encoding.ASCII.GetBytes(f.Text)));
        return new FaultyStore(flash);
    }

    [Fact]
    public void A_file_that_fits_is_read_whole()
    {
        var reader = new StoreFileReader(Store(("a.txt", "hello")));
        byte[] buffer = new byte[5];
        Assert.True(reader.TryReadAll("a.txt", buffer, out int count));
        Assert.Equal(5, count);
        Assert.Equal("hello", Encoding.ASCII.GetString(buffer));
        Assert.Equal(StoreReadStatus.Ok, reader.Status);
        Assert.Null(reader.Message);
    }

    [Fact]
    public void Each_failure_has_its_status_and_names_the_file()
    {
        var store = Store(("a.txt", "hello"), ("b.txt", "abc"), ("c.txt", "xyz"));
        store.ReadErrors.Add("b.txt");
        store.ShortReads.Add("c.txt");
        var reader = new StoreFileReader(store);
        byte[] buffer = new byte[4];
        Assert.False(reader.TryReadAll("none.txt", buffer, out int count));
        Assert.Equal((StoreReadStatus.Missing, "none.txt is missing", 0), (reader.Status, reader.Message, count));
        Assert.False(reader.TryReadAll("a.txt", buffer, out count));
        Assert.Equal((StoreReadStatus.TooLarge, "a.txt is 5 bytes, larger than 4", 0), (reader.Status, reader.Message, count));
        Assert.False(reader.TryReadAll("b.txt", buffer, out count));
        Assert.Equal((StoreReadStatus.StoreFailed, "b.txt: read error at b.txt", 0), (reader.Status, reader.Message, count));
        Assert.False(reader.TryReadAll("c.txt", buffer, out count));
        Assert.Equal((StoreReadStatus.ShortRead, "c.txt read 2 of 3 bytes", 0), (reader.Status, reader.Message, count));
        // The reader forgets a failure once a read succeeds.
        Assert.True(reader.TryReadAll("a.txt", new byte[5], out count));
        Assert.Equal((StoreReadStatus.Ok, null, 5), (reader.Status, reader.Message, count));
    }
}
