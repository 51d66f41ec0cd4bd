using System.Text;
using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Hal;
using Xunit;

namespace PosFirmware.Tests.Emulator.Storage;

/// <summary>
/// An open reader finds its file gone at the first read after the file left the store, however it left
/// (deleted, renamed away, an image loaded without it), even though a reader looks its file up only after
/// something was taken off the store.
/// </summary>
public class FlashReaderTests
{
    private static FlashFileStore StoreWith(params string[] names)
    {
        var flash = new FlashFileStore(FlashMode.LittleFs, new SimRandom(3));
        foreach (var name in names)
        {
            Assert.True(flash.Provision(name, Encoding.ASCII.GetBytes("content of " + name)));
        }
        return flash;
    }

    private static string ReadAll(IFileReader reader)
    {
        var buffer = new byte[reader.Length];
        int n = reader.Read(0, buffer, 0, buffer.Length);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    [Fact]
    public void A_reader_fails_after_its_file_is_deleted_and_reads_on_while_others_go()
    {
        var flash = StoreWith("a.bin", "b.bin");
        var reader = flash.OpenRead("a.bin");
        Assert.Equal("content of a.bin", ReadAll(reader));
        flash.Delete("b.bin");
        Assert.Equal("content of a.bin", ReadAll(reader));
        flash.Delete("a.bin");
        Assert.Throws<FileStoreException>(() => ReadAll(reader));
        Assert.Throws<FileStoreException>(() => ReadAll(reader));
    }

    [Fact]
    public void A_reader_fails_after_its_file_is_renamed_away_or_an_image_without_it_is_loaded()
    {
        var flash = StoreWith("a.bin", "b.bin");
        var renamed = flash.OpenRead("a.bin");
        var loaded = flash.OpenRead("b.bin");
        Assert.Equal("content of a.bin", ReadAll(renamed));
        Assert.Equal("content of b.bin", ReadAll(loaded));
        flash.Rename("a.bin", "c.bin");
        Assert.Throws<FileStoreException>(() => ReadAll(renamed));
        Assert.Equal("content of b.bin", ReadAll(loaded));

        var image = flash.Snapshot();
        image.Remove("b.bin");
        flash.Load(image);
        Assert.Throws<FileStoreException>(() => ReadAll(loaded));
    }

    [Fact]
    public void A_reader_whose_file_was_deleted_and_made_again_reads_the_bytes_it_opened()
    {
        var flash = StoreWith("a.bin");
        var reader = flash.OpenRead("a.bin");
        flash.Delete("a.bin");
        var writer = flash.Create("a.bin");
        writer.Write(Encoding.ASCII.GetBytes("new"), 0, 3);
        writer.Close();
        // The name is back: as littlefs keeps an open file's old blocks, the reader reads what it opened.
        Assert.Equal("content of a.bin", ReadAll(reader));
    }
}
