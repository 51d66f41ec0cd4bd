using nanoFramework.TestFramework;
using PosFirmware.Device;
using PosFirmware.Hal;

namespace PosFirmware.DeviceTests
{
    /// <summary>
    /// What the journal relies on from littlefs through LittleFsStore: content is whole after write and
    /// close, rename replaces nothing (an existing target is refused), and a rename leaves exactly one
    /// name holding exactly the new content. A power cut cannot be made from a test; the emulator's
    /// FlashFileStore models it. The kept-open reader sees the new content after a rename.
    /// </summary>
    [TestClass]
    public class FileAtomicityTests
    {
        private const string Temp = "atomic.tmp";
        private const string Target = "atomic.dat";

        [Setup]
        public void CleanStart()
        {
            LittleFsStore store = new LittleFsStore(TestWiring.Drive);
            store.Delete(Temp);
            store.Delete(Target);
        }

        [TestMethod]
        public void Write_close_rename_leaves_one_whole_file()
        {
            LittleFsStore store = new LittleFsStore(TestWiring.Drive);
            byte[] content = Pattern(3000, 11);
            WriteClosed(store, Temp, content);
            store.Rename(Temp, Target);
            Assert.IsFalse(store.Exists(Temp), "the temporary name is gone");
            Assert.AreEqual(content.Length, store.SizeOf(Target), "size after rename");
            byte[] back = new byte[content.Length];
            Assert.AreEqual(content.Length, store.Read(Target, 0, back, 0, back.Length), "bytes read");
            for (int i = 0; i < content.Length; i++)
            {
                Assert.AreEqual(content[i], back[i], "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void Rename_onto_an_existing_file_is_refused_and_changes_nothing()
        {
            LittleFsStore store = new LittleFsStore(TestWiring.Drive);
            WriteClosed(store, Target, Pattern(100, 1));
            WriteClosed(store, Temp, Pattern(200, 2));
            bool refused = false;
            try
            {
                store.Rename(Temp, Target);
            }
            catch (FileStoreException)
            {
                refused = true;
            }
            Assert.IsTrue(refused, "rename onto an existing name throws");
            Assert.AreEqual(100, store.SizeOf(Target), "target untouched");
            Assert.AreEqual(200, store.SizeOf(Temp), "source untouched");
        }

        [TestMethod]
        public void The_kept_open_reader_sees_a_replaced_file()
        {
            LittleFsStore store = new LittleFsStore(TestWiring.Drive);
            WriteClosed(store, Target, Pattern(64, 3));
            byte[] one = new byte[1];
            store.Read(Target, 10, one, 0, 1);
            store.Delete(Target);
            WriteClosed(store, Temp, Pattern(64, 9));
            store.Rename(Temp, Target);
            store.Read(Target, 10, one, 0, 1);
            Assert.AreEqual(Pattern(64, 9)[10], one[0], "new content after the replace");
        }

        [Cleanup]
        public void Remove()
        {
            CleanStart();
        }

        private static void WriteClosed(IFileStore store, string name, byte[] content)
        {
            IFileWriter writer = store.Create(name);
            writer.Write(content, 0, content.Length);
            writer.Close();
        }

        private static byte[] Pattern(int length, int seed)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = (byte)((i * 31 + seed * 17) & 0xFF);
            }
            return bytes;
        }
    }
}
