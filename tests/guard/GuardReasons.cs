namespace PosFirmware.Tests.Guard;

/// <summary>The reasons the guard gives, one per rule, so tests and readers can match them.</summary>
public static class GuardReasons
{
    public const string NotInAllowlist = "not in nanoFramework 1.x allowlist (tests/guard/nanoframework-api.txt)";
    public const string Generics = "generics are not supported on nanoFramework 1.x (use arrays, ArrayList, Hashtable, your own delegate types)";
    public const string Span = "Span<T>/ReadOnlySpan<T>/Memory<T> do not exist on nanoFramework 1.x (use byte[] + offset + count)";
    public const string Nullable = "Nullable<T> (int?) does not exist on nanoFramework 1.x (use a sentinel value or a flag)";
    public const string Async = "async/await and Task do not exist on nanoFramework 1.x (one loop, waits via IClock)";
    public const string Linq = "LINQ does not exist on nanoFramework 1.x (write the loop)";
    public const string Records = "records are not supported on nanoFramework 1.x (they need IEquatable<T>)";
    public const string Tuples = "tuples and deconstruction need ValueTuple, absent on nanoFramework 1.x";
    public const string StringAsEnumerable = "a string enumerated through IEnumerable: String.GetEnumerator throws NotSupportedException on nanoFramework 1.x (foreach over a string typed string is fine: it compiles to Length and the indexer)";
    public const string Checked = "checked arithmetic: nanoFramework's interpreter wraps silently (there is no OverflowException), so net10 would throw where the device goes on with a wrapped value; test the range explicitly";
    public const string EnumAsObject = "an enum passed as object is formatted by the callee: nanoFramework 1.x prints its number, net10 its name";
    public const string WallClock = "DateTime.Now/UtcNow/Today: shared code takes time only from PosFirmware.Hal.IClock";
    public const string Threading = "threads, timers and Thread.Sleep are not used in shared code (one loop; waits via IClock.DelayMicros)";
    public const string Random = "System.Random is not used in shared code (randomness is injected; the emulator uses SimRandom)";
    public const string Lock = "lock statements: shared code runs on one thread";
    public const string Stackalloc = "stackalloc is not supported in shared code for nanoFramework 1.x";
    public const string Ranges = "ranges, indices and list patterns (a[1..], ^1, [x, ..]) need System.Index/Range, absent on nanoFramework 1.x";
    public const string Dynamic = "dynamic is not supported on nanoFramework 1.x";
    public const string ExceptionFilter = "exception filters (catch ... when) are not supported on nanoFramework 1.x";
    public const string DefaultInterfaceMember = "interface members with a body or static interface members are not used in shared code for nanoFramework 1.x";
    public const string Unsafe = "unsafe code (pointers, fixed, unsafe) is not used in shared code";
    public const string StringMissing = "String.Replace/Join/IsNullOrWhiteSpace do not exist on nanoFramework 1.x";
    public const string MathMaxMin = "Math.Max/Min/Abs exist only for int, double and float on nanoFramework 1.x (write your own for long)";
    public const string EnumMembers = "Enum.ToString/GetValues/GetNames/IsDefined/Parse are not on nanoFramework 1.x (only HasFlag; ToString gives the number)";
    public const string EnumInString = "an enum formatted into a string prints its number on nanoFramework 1.x but its name on net10";
    public const string ArrayMissing = "Array.Sort/Resize/Reverse/Fill do not exist on nanoFramework 1.x";
    public const string EncodingUtf8Only = "only Encoding.UTF8 exists on nanoFramework 1.x";
    public const string AppendLine = "StringBuilder.AppendLine ends lines with \"\\r\\n\" on nanoFramework but \"\\n\" on Linux net10: append the line end explicitly";
    public const string DebugAssert = "Debug.Assert is compiled out of release builds: use PosFirmware.Hal.Check.That";
    public const string Iterators = "iterators (yield) compile to generic IEnumerator<T> state machines, not supported on nanoFramework 1.x";
    public const string CollectionExpressions = "collection expressions ([1, 2], []) may lower to Array.Empty<T> or spans; use new T[] { ... }";
    public const string AnonymousTypes = "anonymous types are generic classes, not supported on nanoFramework 1.x";
    public const string MultidimensionalArrays = "multidimensional arrays are not supported on nanoFramework 1.x (use jagged arrays)";
    public const string Volatile = "volatile fields need System.Runtime.CompilerServices.IsVolatile, which mscorlib 1.17.11 does not declare: the device compiler rejects the field (CS0518)";
    public const string InitRequired = "required members are C# 11 (the device builds at C# 9) and need RequiredMemberAttribute, which mscorlib 1.17.11 does not declare";
    public const string InterpolationFormat = "format specifier not supported by nanoFramework String.Format (D, X, N, F, G with optional digits)";
    public const string InterpolationHandler = "interpolated string handlers do not exist on nanoFramework 1.x (only $\"...\" converted to string)";
    public const string ConditionalCompilation = "conditional compilation in shared code: the guard checks only the net10 text (device-only code goes in firmware/Device)";
    public const string ExtensionBlocks = "extension blocks need attributes absent on nanoFramework 1.x (use static classes with this-parameters)";
    public const string NullableContext = "#nullable enable: nullable annotations stay off in firmware and drivers";
    public const string FileScopedNamespace = "file-scoped namespace: shared code uses block-scoped namespaces (namespace X { })";
    public const string GlobalUsing = "global using: shared code has no implicit or global usings (each file names its own)";
    public const string DoesNotCompile = "does not compile, so the guard cannot judge it";
}
