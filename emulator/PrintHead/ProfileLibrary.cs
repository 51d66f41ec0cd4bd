using System.Reflection;
using PosFirmware.PrintHead;

namespace PosFirmware.Emulator.PrintHead;

/// <summary>
/// The mechanism profiles shipped in drivers/PrintHead/Profiles, embedded in the emulator so it reads the
/// same files the device does, wherever it runs from.
/// </summary>
public static class ProfileLibrary
{
    private const string Prefix = "PrintHeadProfiles.";
    private const string Suffix = ".profile";

    /// <summary>The primary mechanism.</summary>
    public const string Primary = "LTPD245C";

    /// <summary>The second mechanism.</summary>
    public const string Second = "JX-2R-01";

    /// <summary>Names of the embedded profiles, in ordinal order.</summary>
    public static IReadOnlyList<string> Names()
    {
        var names = new List<string>();
        foreach (string resource in typeof(ProfileLibrary).Assembly.GetManifestResourceNames())
        {
            if (resource.StartsWith(Prefix, StringComparison.Ordinal) && resource.EndsWith(Suffix, StringComparison.Ordinal))
            {
                names.Add(resource[Prefix.Length..^Suffix.Length]);
            }
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    // Profile texts read so far: every virtual terminal (each boot of a soak run) loads the primary one.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    /// <summary>The text of a profile.</summary>
    public static string Text(string name) => Texts.TryGetValue(name, out string? text) ? text : Texts.GetOrAdd(name, ReadText(name));

    private static string ReadText(string name)
    {
        using Stream? stream = typeof(ProfileLibrary).Assembly.GetManifestResourceStream(Prefix + name + Suffix);
        if (stream == null)
        {
            throw new ArgumentException($"no profile named {name}; have: {string.Join(", ", Names())}", nameof(name));
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    // Profiles parsed so far, by name (only embedded names get here, so the store is as small as the library):
    // every virtual terminal of a soak, at each boot, would otherwise parse the primary profile again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MechanismProfile> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// A profile by name, of the caller's own (a copy of the one parsed the first time it was asked for, so
    /// a change to it reaches no other terminal); a bad file throws with the parser's message (naming the
    /// line and key).
    /// </summary>
    public static MechanismProfile Load(string name) => Copy(Parsed.GetOrAdd(name, static n => Parse(Text(n), n)));

    private static readonly Func<object, object> ShallowCopy = typeof(object)
        .GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!
        .CreateDelegate<Func<object, object>>();

    private static readonly FieldInfo[] ArrayFields = Array.FindAll(
        typeof(MechanismProfile).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic), field => field.FieldType.IsArray);

    /// <summary>A profile with every field and every array of its own (strings are immutable and shared).</summary>
    public static MechanismProfile Copy(MechanismProfile profile)
    {
        var copy = (MechanismProfile)ShallowCopy(profile);
        foreach (var field in ArrayFields)
        {
            if (field.GetValue(profile) is Array array)
            {
                field.SetValue(copy, array.Clone());
            }
        }
        return copy;
    }

    /// <summary>Parses profile text; a bad text throws InvalidDataException with the parser's message.</summary>
    public static MechanismProfile Parse(string text, string source = "profile")
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = MechanismProfileFile.CreateReader();
        if (!MechanismProfileFile.TryParse(reader, bytes, 0, bytes.Length, out var profile))
        {
            throw new InvalidDataException($"{source}: {reader.Message}");
        }
        return profile;
    }
}
