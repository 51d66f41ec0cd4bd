using System.Runtime.CompilerServices;
using PosFirmware.Emulator.Imaging;
using PosFirmware.Emulator.Printing;

using Xunit;

namespace PosFirmware.Tests.TestSupport;

/// <summary>
/// Exact-pixel comparison of rendered paper with committed PNGs. Set UPDATE_GOLDEN=1 to rewrite the
/// committed images deliberately (then review the diff before committing).
/// </summary>
public static class GoldenImage
{
    /// <summary>White border around the paper in golden PNGs (zbar needs a quiet zone too).</summary>
    public const int MarginDots = 16;

    /// <summary>True when the run is meant to rewrite golden images.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>The folder of golden images next to the calling test's source file.</summary>
    public static string FolderOf([CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden");

    /// <summary>The repository root (the folder holding PosFirmware.sln), found from this source file.</summary>
    public static string RepositoryRoot([CallerFilePath] string callerFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(callerFile)!); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PosFirmware.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("PosFirmware.sln not found above " + callerFile);
    }

    /// <summary>
    /// Asserts that the paper matches folder/name.png pixel for pixel, or writes it when updating.
    /// On a mismatch the rendered image is saved next to the golden as name.actual.png.
    /// </summary>
    public static void AssertMatches(string folder, string name, IdealPaper paper)
    {
        byte[] pixels = paper.ToPixels(MarginDots, out int width, out int height);
        AssertMatches(folder, name, pixels, width, height);
    }

    /// <summary>Asserts that gray pixels (with the MarginDots border) match folder/name.png exactly, or writes them when updating.</summary>
    public static void AssertMatches(string folder, string name, byte[] actual, int actualWidth, int actualHeight)
    {
        string path = Path.Combine(folder, name + ".png");
        if (Updating)
        {
            Directory.CreateDirectory(folder);
            PngWriter.WriteGray(path, actualWidth, actualHeight, actual);
            return;
        }
        Assert.True(File.Exists(path), $"golden image {path} is missing: run the tests once with UPDATE_GOLDEN=1 and commit it");
        byte[] expected = PngWriter.ReadGray(path, out int width, out int height);
        bool same = width == actualWidth && height == actualHeight && expected.AsSpan().SequenceEqual(actual);
        if (!same)
        {
            string actualPath = Path.Combine(Path.GetTempPath(), name + ".actual.png");
            PngWriter.WriteGray(actualPath, actualWidth, actualHeight, actual);
            int differing = width == actualWidth && height == actualHeight
                ? expected.Zip(actual).Count(p => p.First != p.Second)
                : -1;
            Assert.Fail($"{name}: rendered {actualWidth}x{actualHeight} differs from golden {width}x{height}" +
                (differing >= 0 ? $" in {differing} pixels" : "") + $"; rendered image saved as {actualPath}");
        }
    }
}
