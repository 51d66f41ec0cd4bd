namespace System.IO
{
    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/File.cs
    public static class File
    {
        public static bool Exists(string path) { throw null; }
        public static void Delete(string path) { }
        public static void Move(string sourceFileName, string destFileName) { }
    }

    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/Directory.cs
    public static class Directory
    {
        public static string[] GetFiles(string path) { throw null; }
    }

    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/Path.cs
    public static class Path
    {
        public static string GetFileName(string path) { throw null; }
    }

    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/FileStream.cs
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public override long Length { get { throw null; } }
        public override long Position { get { throw null; } set { } }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { throw null; }
        public override long Seek(long offset, SeekOrigin origin) { throw null; }
        public override void Write(byte[] buffer, int offset, int count) { }
    }

    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/FileMode.cs
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    // source: nanoframework/System.IO.FileSystem@v1.1.93:System.IO.FileSystem/FileAccess.cs
    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }
}
