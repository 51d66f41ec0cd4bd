using System.Reflection;
using PosFirmware.Emulator.PrintHead;
using PosFirmware.PrintHead;
using Xunit;

namespace PosFirmware.Tests.Emulator.PrintHead;

/// <summary>
/// A profile loaded by name is parsed once and handed out as a copy: every field (arrays element by
/// element) is what a fresh parse of its file gives, and a change to one copy reaches no later one.
/// </summary>
public class ProfileLibraryTests
{
    private static readonly FieldInfo[] Fields = typeof(MechanismProfile).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    private static void AssertSame(MechanismProfile expected, MechanismProfile actual, string name)
    {
        Assert.True(Fields.Length > 40, $"{Fields.Length} fields");
        foreach (var field in Fields)
        {
            object? a = field.GetValue(expected);
            object? b = field.GetValue(actual);
            if (a is Array arrayA && b is Array arrayB)
            {
                Assert.True(arrayA.Cast<object>().SequenceEqual(arrayB.Cast<object>()), $"{name}.{field.Name}");
            }
            else
            {
                Assert.True(Equals(a, b), $"{name}.{field.Name}: {a} against {b}");
            }
        }
    }

    [Fact]
    public void Loaded_profiles_are_the_file_parsed_and_each_of_its_own()
    {
        foreach (string name in ProfileLibrary.Names())
        {
            var fresh = ProfileLibrary.Parse(ProfileLibrary.Text(name), name);
            var first = ProfileLibrary.Load(name);
            AssertSame(fresh, first, name);
            // Every array and number of the first copy changed: the next copy is still the file's.
            foreach (var field in Fields)
            {
                switch (field.GetValue(first))
                {
                    case int[] ints:
                        Array.Fill(ints, -7);
                        break;
                    case double[] doubles:
                        Array.Fill(doubles, -7.5);
                        break;
                    case int:
                        field.SetValue(first, -3);
                        break;
                }
            }
            var second = ProfileLibrary.Load(name);
            Assert.NotSame(first, second);
            AssertSame(fresh, second, name);
            Assert.NotEqual(fresh.EnergyMicrojoules[0], first.EnergyMicrojoules[0]);
        }
    }
}
