using System.Text;
using PosFirmware.Emulator.Board;
using PosFirmware.Emulator.Peripherals;
using PosFirmware.Scanner;
using PosFirmware.Terminal;
using PosFirmware.Tests.TestSupport;
using Xunit;

namespace PosFirmware.Tests.Firmware.Terminal;

/// <summary>The scanner at boot: both files come from the flash, and any failure is an Error, never an exception.</summary>
public class ScannerLoaderTests
{
    private static (ScannerLoader Loader, FaultyStore Store, VirtualBoard Board) Rig(bool withTable = true)
    {
        var board = new VirtualBoard(1);
        var files = new Dictionary<string, byte[]> { ["scanner.profile"] = ScannerProfiles.Bytes("gm65.profile") };
        if (withTable)
        {
            files["paycodes.table"] = ScannerProfiles.Bytes(ScannerProfiles.CodeTable);
        }
        board.Flash.Load(files);
        var store = new FaultyStore(board.Flash);
        return (new ScannerLoader(store, new ScannerConfig()), store, board);
    }

    private static BarcodeScanner? Load((ScannerLoader Loader, FaultyStore Store, VirtualBoard Board) rig)
    {
        bool loaded = rig.Loader.TryLoad(rig.Board.Serial("scanner", "SCANNER", 9600), rig.Board.Clock, "scanner.profile", "paycodes.table", out BarcodeScanner scanner);
        Assert.Equal(loaded, scanner != null);
        return scanner;
    }

    [Fact]
    public void Both_files_on_the_flash_give_a_driver()
    {
        var rig = Rig();
        Assert.NotNull(Load(rig));
        Assert.Null(rig.Loader.Message);
    }

    [Fact]
    public void The_code_table_file_is_required_since_it_is_the_tables_one_definition()
    {
        var rig = Rig(withTable: false);
        Assert.Null(Load(rig));
        Assert.Equal("paycodes.table is missing", rig.Loader.Message);
    }

    [Theory]
    [InlineData("scanner.profile")]
    [InlineData("paycodes.table")]
    public void A_flash_error_reading_either_file_is_an_error_naming_it(string file)
    {
        var rig = Rig();
        rig.Store.ReadErrors.Add(file);
        Assert.Null(Load(rig));
        Assert.Equal($"{file}: read error at {file}", rig.Loader.Message);
    }

    [Fact]
    public void A_bad_table_names_its_file_line_and_key()
    {
        var rig = Rig();
        rig.Board.Flash.Load(new Dictionary<string, byte[]>
        {
            ["scanner.profile"] = ScannerProfiles.Bytes("gm65.profile"),
            ["paycodes.table"] = Encoding.ASCII.GetBytes("rule = WeChat 18 10-15\nrule = Alipay 16-24\n"),
        });
        Assert.Null(Load(rig));
        Assert.Equal("paycodes.table: line 2, key rule: needs three fields: scheme lengths prefixes (e.g. WeChat 18 10-15)", rig.Loader.Message);
    }
}
