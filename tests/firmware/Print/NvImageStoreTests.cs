using PosFirmware.Emulator.Core;
using PosFirmware.Emulator.Storage;
using PosFirmware.Print;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Print;

/// <summary>
/// A redefinition of an NV image that the flash refuses (full, failing, or cut off by a power cut at any of
/// its write points) leaves the image stored before printable byte for byte, or the new one whole: never a
/// torn one, and never none. Run on the emulated flash in both of its modes.
/// </summary>
public class NvImageStoreTests
{
    private const int DotsPerLine = 384;
    private const int RowBytes = DotsPerLine / 8;
    private const int WidthDots = 64;
    private const int HeightDots = 24;
    private const int FileBytes = 4 + HeightDots * RowBytes;
    private static readonly string Key = NvImageStore.GraphicsKey('L', '1');

    private static readonly byte[] Old = Raster(11);
    private static readonly byte[] New = Raster(12);

    /// <summary>A WidthDots x HeightDots raster image of random dots, the same for a seed.</summary>
    private static byte[] Raster(int seed)
    {
        var data = new byte[WidthDots / 8 * HeightDots];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>The rows the image should print: its own bytes, the rest of the line blank.</summary>
    private static byte[] Printed(byte[] raster)
    {
        var rows = new byte[HeightDots * RowBytes];
        for (int y = 0; y < HeightDots; y++)
        {
            Array.Copy(raster, y * (WidthDots / 8), rows, y * RowBytes, WidthDots / 8);
        }
        return rows;
    }

    /// <summary>The rows the store prints for key, or null if it has no image by that name.</summary>
    private static byte[]? Read(NvImageStore images)
    {
        if (!images.Open(Key))
        {
            return null;
        }
        var rows = new byte[images.HeightDots * RowBytes];
        for (int y = 0; y < images.HeightDots; y++)
        {
            var row = images.ReadRow(y);
            Assert.NotNull(row);
            Array.Copy(row!, 0, rows, y * RowBytes, RowBytes);
        }
        images.Close();
        return rows;
    }

    private static NvImageStore Images(PosFirmware.Hal.IFileStore flash, int budgetBytes = 64 * 1024) => new(flash, DotsPerLine, 1024, budgetBytes);

    private static NvStoreStatus Store(NvImageStore images, byte[] raster, string? key = null) =>
        images.Store(key ?? Key, raster, 0, WidthDots, HeightDots, false, 0);

    /// <summary>A flash holding the old image under Key, write points counted from here.</summary>
    private static FlashFileStore FlashWithOld(FlashMode mode, int capacityBytes = -1)
    {
        var flash = new FlashFileStore(mode, new SimRandom(5), capacityBytes: capacityBytes);
        Assert.Equal(NvStoreStatus.Stored, Store(Images(flash), Old));
        flash.Reboot();
        return flash;
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_redefinition_the_full_flash_refuses_leaves_the_old_image_printable_byte_for_byte(FlashMode mode)
    {
        // Room for the old image and half of a new one: the flash fills up in the middle of the write.
        var flash = FlashWithOld(mode, FileBytes + FileBytes / 2);
        var images = Images(flash);
        Assert.Equal(NvStoreStatus.FlashFailed, Store(images, New));
        Assert.Equal(Printed(Old), Read(images));
        Assert.Equal(new[] { Key }, flash.List());

        // The store is not left stuck on the writer it gave up: with room again, the new image goes in.
        flash.Delete(Key);
        Assert.Equal(NvStoreStatus.Stored, Store(images, New));
        Assert.Equal(Printed(New), Read(images));
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_redefinition_on_a_flash_that_fails_to_write_leaves_the_old_image_printable(FlashMode mode)
    {
        var faulty = new FaultyStore(FlashWithOld(mode)) { WriteErrors = true };
        var images = Images(faulty);
        Assert.Equal(NvStoreStatus.FlashFailed, Store(images, New));
        Assert.Equal(Printed(Old), Read(images));
        faulty.WriteErrors = false;
        Assert.Equal(NvStoreStatus.Stored, Store(images, New));
        Assert.Equal(Printed(New), Read(images));
        Assert.Equal(new[] { Key }, faulty.List());
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_power_cut_at_any_write_point_of_a_redefinition_leaves_the_old_image_or_the_new_one_whole(FlashMode mode)
    {
        var whole = FlashWithOld(mode);
        Assert.Equal(NvStoreStatus.Stored, Store(Images(whole), New));
        int points = whole.WritePoints;
        Assert.True(points > HeightDots, "a write point a row at least: " + points);

        int keptOld = 0, tookNew = 0;
        for (int point = 0; point < points; point++)
        {
            foreach (CutPhase phase in Enum.GetValues<CutPhase>())
            {
                string where = mode + " write point " + point + " " + phase;
                var flash = FlashWithOld(mode);
                flash.PlanCut(point, phase);
                Assert.Throws<PowerLossException>(() => Store(Images(flash), New));
                flash.Reboot();

                var images = Images(flash);
                var printed = Read(images);
                Assert.True(printed != null, where + ": no image");
                if (printed!.SequenceEqual(Printed(Old)))
                {
                    keptOld++;
                }
                else
                {
                    Assert.True(printed.SequenceEqual(Printed(New)), where + ": a damaged image");
                    tookNew++;
                }
                // Opening settled what the cut left: one file, and the next store goes through.
                Assert.True(flash.List().SequenceEqual(new[] { Key }), where + ": " + string.Join(", ", flash.List()));
                var third = Raster(13);
                Assert.Equal(NvStoreStatus.Stored, Store(images, third));
                Assert.Equal(Printed(third), Read(images));
            }
        }
        // Both outcomes happen: a cut before the rename keeps the old image, one after it the new.
        Assert.True(keptOld > 0 && tookNew > 0, "old " + keptOld + ", new " + tookNew);
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_store_after_a_cut_settles_the_leftover_file_before_comparing_and_writing(FlashMode mode)
    {
        // Cut just after the old image was deleted: only the new one, whole, under its temporary name.
        var whole = FlashWithOld(mode);
        Assert.Equal(NvStoreStatus.Stored, Store(Images(whole), New));
        int rename = whole.WritePoints - 1;
        var flash = FlashWithOld(mode);
        flash.PlanCut(rename, CutPhase.Before);
        Assert.Throws<PowerLossException>(() => Store(Images(flash), New));
        flash.Reboot();
        Assert.DoesNotContain(Key, flash.List());

        // The same definition sent again finds the new image already there and writes nothing more.
        var images = Images(flash);
        Assert.Equal(NvStoreStatus.Stored, Store(images, New));
        Assert.Equal(new[] { Key }, flash.List());
        int settled = flash.WritePoints;
        Assert.Equal(NvStoreStatus.Stored, Store(images, New));
        Assert.Equal(settled, flash.WritePoints);
        Assert.Equal(Printed(New), Read(images));
    }

    [Theory]
    [InlineData(FlashMode.LittleFs)]
    [InlineData(FlashMode.Fat)]
    public void A_first_definition_cut_short_leaves_no_image_and_no_file_behind(FlashMode mode)
    {
        // Cuts while the header or a row is written: on FAT what came before has landed, that write torn.
        for (int point = 1; point <= HeightDots + 1; point++) // the header and the rows
        {
            var flash = new FlashFileStore(mode, new SimRandom(5));
            flash.PlanCut(point, CutPhase.During);
            Assert.Throws<PowerLossException>(() => Store(Images(flash), New));
            flash.Reboot();
            Assert.Null(Read(Images(flash)));
            Assert.True(flash.List().Length == 0, mode + " write point " + point + ": " + string.Join(", ", flash.List()));
        }
    }

    [Fact]
    public void A_temporary_file_a_cut_left_counts_in_the_budget_until_its_image_is_opened()
    {
        // A budget of three images: two stored, the redefinition of one cut after its new file was closed.
        var flash = FlashWithOld(FlashMode.LittleFs);
        var other = NvImageStore.GraphicsKey('L', '2');
        var third = NvImageStore.GraphicsKey('L', '3');
        var images = Images(flash, 3 * FileBytes);
        Assert.Equal(NvStoreStatus.Stored, Store(images, Old, other));
        flash.Reboot();
        flash.PlanCut(HeightDots + 2, CutPhase.After); // create, header, rows: this is the close
        Assert.Throws<PowerLossException>(() => Store(Images(flash, 3 * FileBytes), New));
        flash.Reboot();
        Assert.Equal(3 * FileBytes, flash.UsedBytes);

        images = Images(flash, 3 * FileBytes);
        Assert.Equal(NvStoreStatus.OverBudget, Store(images, Raster(13), third));
        Assert.Equal(Printed(Old), Read(images)); // settles: the old image was whole, the new file goes
        Assert.Equal(NvStoreStatus.Stored, Store(images, Raster(13), third));
        Assert.Equal(3 * FileBytes, flash.UsedBytes);
    }

    [Fact]
    public void FS_q_forgets_the_bit_images_and_their_leftover_files_and_keeps_the_graphics()
    {
        var flash = new FlashFileStore(FlashMode.Fat, new SimRandom(9));
        var images = Images(flash);
        var bitImage = NvImageStore.BitImageKey(1);
        Assert.Equal(NvStoreStatus.Stored, Store(images, Old, bitImage));
        Assert.Equal(NvStoreStatus.Stored, Store(images, Old));
        flash.Reboot();
        flash.PlanCut(HeightDots + 2, CutPhase.After);
        Assert.Throws<PowerLossException>(() => Store(Images(flash), New, bitImage));
        flash.Reboot();
        Assert.Equal(3, flash.List().Length);

        Images(flash).ForgetBitImages();
        Assert.Equal(new[] { Key }, flash.List());
    }
}
