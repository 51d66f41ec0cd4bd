namespace nanoFramework.TestFramework
{
    // source: nanoframework/nanoFramework.TestFramework@v3.0.77:source/TestFrameworkShared/TestClassAttribute.cs
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public class TestClassAttribute : System.Attribute
    {
    }

    // source: nanoframework/nanoFramework.TestFramework@v3.0.77:source/TestFrameworkShared/TestMethodAttribute.cs
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class TestMethodAttribute : System.Attribute
    {
    }

    // source: nanoframework/nanoFramework.TestFramework@v3.0.77:source/TestFrameworkShared/SetupAttribute.cs
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class SetupAttribute : System.Attribute
    {
    }

    // source: nanoframework/nanoFramework.TestFramework@v3.0.77:source/TestFrameworkShared/CleanupAttribute.cs
    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class CleanupAttribute : System.Attribute
    {
    }

    // source: nanoframework/nanoFramework.TestFramework@v3.0.77:source/TestFrameworkShared/Assert.cs
    public sealed class Assert
    {
        public static void AreEqual(int expected, int actual, string message = "") { }
        public static void AreEqual(long expected, long actual, string message = "") { }
        public static void AreEqual(byte expected, byte actual, string message = "") { }
        public static void AreEqual(bool expected, bool actual, string message = "") { }
        public static void AreEqual(string expected, string actual, string message = "") { }
        public static void IsTrue(bool condition, string message = "") { }
        public static void IsFalse(bool condition, string message = "") { }
        public static void IsNotNull(object value, string message = "") { }
        public static void SkipTest(string message = "") { }
    }
}
