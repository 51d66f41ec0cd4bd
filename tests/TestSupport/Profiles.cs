using System.Text.RegularExpressions;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;

namespace PosFirmware.Tests.TestSupport;

/// <summary>The shipped mechanism profiles, optionally with some keys changed (the way a test sets a wrong value on purpose).</summary>
public static class Profiles
{
    /// <summary>A shipped profile's text with keys replaced.</summary>
    public static string Text(string name, params (string Key, string Value)[] overrides)
    {
        string text = ProfileLibrary.Text(name);
        foreach (var (key, value) in overrides)
        {
            var pattern = new Regex("^" + Regex.Escape(key) + "=.*$", RegexOptions.Multiline);
            if (!pattern.IsMatch(text))
            {
                throw new ArgumentException($"profile {name} has no key {key}");
            }
            text = pattern.Replace(text, key + "=" + value);
        }
        return text;
    }

    /// <summary>A shipped profile, parsed, with keys replaced.</summary>
    public static MechanismProfile Load(string name, params (string Key, string Value)[] overrides) =>
        ProfileLibrary.Parse(Text(name, overrides), name);

    /// <summary>The Seiko LTPD245C.</summary>
    public static MechanismProfile Seiko(params (string Key, string Value)[] overrides) => Load(ProfileLibrary.Primary, overrides);

    /// <summary>The Jingxin JX-2R-01.</summary>
    public static MechanismProfile Jingxin(params (string Key, string Value)[] overrides) => Load(ProfileLibrary.Second, overrides);
}
