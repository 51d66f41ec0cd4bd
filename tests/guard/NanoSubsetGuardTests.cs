using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>The guard rejects each construct and API nanoFramework 1.x lacks, and accepts code that keeps to the subset.</summary>
public class NanoSubsetGuardTests
{
    private static readonly NanoSubsetGuard Guard = new(NanoApiAllowlist.LoadDefault());

    private static IReadOnlyList<GuardViolation> CheckClassBody(string body) =>
        Guard.Check(new[] { new GuardSource("Snippet.cs", "using System;\nusing System.Collections;\nnamespace Snippet\n{\n    public class Sample\n    {\n" + body + "\n    }\n}\n") });

    [Theory]
    [InlineData("private System.Collections.Generic.List<int> _items = new System.Collections.Generic.List<int>();", "T:System.Collections.Generic.List`1", GuardReasons.Generics)]
    [InlineData("public static T Echo<T>(T value) { return value; }", "generic declaration", GuardReasons.Generics)]
    [InlineData("public static int Twice(System.Func<int, int> f) { return f(f(1)); }", "T:System.Func`2", GuardReasons.Generics)]
    [InlineData("public static int Count(System.Span<byte> data) { return data.Length; }", "T:System.Span`1", GuardReasons.Span)]
    [InlineData("public int? Maybe;", "T:System.Nullable`1", GuardReasons.Nullable)]
    [InlineData("public async System.Threading.Tasks.Task RunAsync() { await System.Threading.Tasks.Task.Yield(); }", "async method", GuardReasons.Async)]
    [InlineData("public static int Positive(int[] values) { return System.Linq.Enumerable.Count(System.Linq.Enumerable.Where(values, v => v > 0)); }", "T:System.Linq.Enumerable", GuardReasons.Linq)]
    [InlineData("public record Point(int X, int Y);", "record Point", GuardReasons.Records)]
    [InlineData("public static (int, int) Pair() { return (1, 2); }", "tuple", GuardReasons.Tuples)]
    [InlineData("public static int Count(string s) { IEnumerable e = s; int n = 0; foreach (object c in e) { n++; } return n; }", "string as IEnumerable", GuardReasons.StringAsEnumerable)]
    [InlineData("public static int Count(object o) { int n = 0; foreach (object c in (IEnumerable)\"ab\") { n++; } return n; }", "string as IEnumerable", GuardReasons.StringAsEnumerable)]
    [InlineData("public static object First(string s) { IEnumerator e = s.GetEnumerator(); return e; }", "M:System.String.GetEnumerator", GuardReasons.NotInAllowlist)]
    [InlineData("public static int Add(int a, int b) { return checked(a + b); }", "checked arithmetic", GuardReasons.Checked)]
    [InlineData("public static int Add(int a, int b) { checked { a += b; } return a; }", "checked block", GuardReasons.Checked)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return string.Format(\"{0}\", m); }", "enum passed as object to String.Format", GuardReasons.EnumAsObject)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return new System.Text.StringBuilder().Append(m).ToString(); }", "enum passed as object to StringBuilder.Append", GuardReasons.EnumAsObject)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return ((object)m).ToString(); }", "enum passed as object to ToString", GuardReasons.EnumAsObject)]
    [InlineData("public static int Text() { return \"\"\"raw\"\"\".Length; }", "CS8773", GuardReasons.DoesNotCompile)]
    [InlineData("public static int Shift(int v) { return v >>> 1; }", "CS8773", GuardReasons.DoesNotCompile)]
    [InlineData("public static long Ticks() { return DateTime.Now.Ticks; }", "P:System.DateTime.Now", GuardReasons.WallClock)]
    [InlineData("public static long Ticks() { return DateTime.UtcNow.Ticks; }", "P:System.DateTime.UtcNow", GuardReasons.WallClock)]
    [InlineData("public static void Wait() { System.Threading.Thread.Sleep(10); }", "T:System.Threading.Thread", GuardReasons.Threading)]
    [InlineData("public static string Swap(string s) { return s.Replace(\"a\", \"b\"); }", "M:System.String.Replace(System.String,System.String)", GuardReasons.StringMissing)]
    [InlineData("public static bool Blank(string s) { return string.IsNullOrWhiteSpace(s); }", "M:System.String.IsNullOrWhiteSpace(System.String)", GuardReasons.StringMissing)]
    [InlineData("public static long Larger(long a, long b) { return Math.Max(a, b); }", "M:System.Math.Max(System.Int64,System.Int64)", GuardReasons.MathMaxMin)]
    [InlineData("public void Guarded() { lock (this) { } }", "lock statement", GuardReasons.Lock)]
    [InlineData("public static void Filtered() { try { } catch (Exception e) when (e.Message.Length > 0) { } }", "catch when", GuardReasons.ExceptionFilter)]
    [InlineData("public static int Cores() { return Environment.ProcessorCount; }", "T:System.Environment", GuardReasons.NotInAllowlist)]
    [InlineData("public static int Draw() { return new Random(1).Next(); }", "T:System.Random", GuardReasons.Random)]
    [InlineData("public static int First() { Span<int> s = stackalloc int[4]; return s[0]; }", "stackalloc", GuardReasons.Stackalloc)]
    [InlineData("public static int Last(int[] a) { return a[^1]; }", "index from end (^)", GuardReasons.Ranges)]
    [InlineData("public static int[] Tail(int[] a) { return a[1..]; }", "range", GuardReasons.Ranges)]
    [InlineData("public static object Late(dynamic d) { return d.Anything; }", "dynamic", GuardReasons.Dynamic)]
    [InlineData("public interface IShape { int Sides() { return 0; } }", "interface member with a body", GuardReasons.DefaultInterfaceMember)]
    [InlineData("public static unsafe int Peek(int* p) { return *p; }", "unsafe", GuardReasons.Unsafe)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return m.ToString(); }", "M:System.Enum.ToString", GuardReasons.EnumMembers)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return \"mode \" + m; }", "enum formatted into a string", GuardReasons.EnumInString)]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return $\"mode {m}\"; }", "enum formatted into a string", GuardReasons.EnumInString)]
    [InlineData("public static string Show(string s, System.Text.Rune r) { s += r; return s; }", "T:System.Text.Rune", GuardReasons.NotInAllowlist)]
    [InlineData("public static string Show(DateTime d) { return $\"at {d}\"; }", "M:System.DateTime.ToString", GuardReasons.NotInAllowlist)]
    [InlineData("public static void Order(int[] a) { Array.Sort(a); }", "M:System.Array.Sort``1(``0[])", GuardReasons.Generics)]
    [InlineData("public static void Order(int[] a) { Array.Sort((Array)a); }", "M:System.Array.Sort(System.Array)", GuardReasons.ArrayMissing)]
    [InlineData("public static byte[] Bytes(string s) { return System.Text.Encoding.ASCII.GetBytes(s); }", "P:System.Text.Encoding.ASCII", GuardReasons.EncodingUtf8Only)]
    [InlineData("public static IEnumerable Numbers() { yield return 1; }", "yield", GuardReasons.Iterators)]
    [InlineData("public int[,] Grid = new int[2, 2];", "int[*,*]", GuardReasons.MultidimensionalArrays)]
    [InlineData("public static string Money(long fen) { return $\"{fen:0.00}\"; }", "format \"0.00\"", GuardReasons.InterpolationFormat)]
    [InlineData("public static int[] Three() { int[] a = [1, 2, 3]; return a; }", "collection expression", GuardReasons.CollectionExpressions)]
    [InlineData("public required int Size { get; set; }", "required member", GuardReasons.InitRequired)]
    [InlineData("private volatile bool _ready;", "volatile field", GuardReasons.Volatile)]
    [InlineData("public static object Shape() { return new { X = 1 }; }", "anonymous type", GuardReasons.AnonymousTypes)]
    [InlineData("public static int Sum(int[] a) { int s = 0; foreach (var (x, y) in new (int, int)[0]) { s += x; } return s; }", "deconstruction", GuardReasons.Tuples)]
    [InlineData("#if NANOFRAMEWORK_1_0\n public static int Device = 1;\n#endif", "#if", GuardReasons.ConditionalCompilation)]
    [InlineData("public static string Money(long fen) { return (fen / 100.0).ToString(\"0.00\"); }", "format \"0.00\"", GuardReasons.InterpolationFormat)]
    [InlineData("public static string Money(long fen) { return string.Format(\"{0:X2} {1:#,##0}\", 1, fen); }", "format \"#,##0\"", GuardReasons.InterpolationFormat)]
    [InlineData("#nullable enable\n public static string Name = \"\";", "#nullable enable", GuardReasons.NullableContext)]
    [InlineData("public static void Clear(byte[] a) { Array.Clear(a); }", "M:System.Array.Clear(System.Array)", GuardReasons.NotInAllowlist)]
    [InlineData("public static bool Digit(char c) { return char.IsDigit(c); }", "M:System.Char.IsDigit(System.Char)", GuardReasons.NotInAllowlist)]
    [InlineData("public static bool Has(string s) { return s.Contains('x'); }", "M:System.String.Contains(System.Char)", GuardReasons.NotInAllowlist)]
    [InlineData("public static string Lines(System.Text.StringBuilder b) { return b.AppendLine(\"x\").ToString(); }", "M:System.Text.StringBuilder.AppendLine(System.String)", GuardReasons.AppendLine)]
    [InlineData("public static void Ensure(bool ok) { System.Diagnostics.Debug.Assert(ok); }", "M:System.Diagnostics.Debug.Assert(System.Boolean)", GuardReasons.DebugAssert)]
    [InlineData("public static int? Length(byte[] a) { return a?.Length; }", "T:System.Nullable`1", GuardReasons.Nullable)]
    [InlineData("public static void Later(System.Action<int> f) { f(1); }", "T:System.Action`1", GuardReasons.Generics)]
    [InlineData("public static byte[] Text() { return \"abc\"u8.ToArray(); }", "T:System.ReadOnlySpan`1", GuardReasons.Span)]
    [InlineData("public static int Broken() { return Missing(); }", "CS0103", GuardReasons.DoesNotCompile)]
    public void Rejects_what_nanoFramework_1_lacks_with_the_rule_it_breaks(string body, string subject, string reason)
    {
        var violations = CheckClassBody(body);

        Assert.Contains(violations, v => v.Subject == subject && v.Reason.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_scoped_namespace_and_a_global_using_are_rejected()
    {
        var violations = Guard.Check(new[] { new GuardSource("Scoped.cs", "global using System;\nnamespace Scoped;\npublic class Sample { }\n") });

        Assert.Contains(violations, v => v.Subject == "global using" && v.Reason == GuardReasons.GlobalUsing);
        Assert.Contains(violations, v => v.Subject == "file-scoped namespace" && v.Reason == GuardReasons.FileScopedNamespace);
    }

    [Fact]
    public void Every_use_is_reported_not_only_the_first_in_a_file()
    {
        var violations = CheckClassBody("public static string A(string s) { return s.Replace(\"a\", \"b\"); }\npublic static string B(string s) { return s.Replace(\"c\", \"d\"); }");

        Assert.Equal(2, violations.Count(v => v.Reason == GuardReasons.StringMissing));
    }

    [Fact]
    public void Names_are_resolved_to_symbols_not_matched_as_text()
    {
        // A type called List and a method called Replace declared here are this code's own; text in
        // comments and strings is not code.
        var violations = CheckClassBody("""
            public class List { public int Count; }
            public static string Replace(string s) { return s; }
            // List<int> would be rejected, DateTime.Now too
            public static string Text = "List<int> DateTime.Now Thread.Sleep";
            public static int Use(List list) { return list.Count + Replace("a").Length; }
            """);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Members_the_compiler_calls_implicitly_are_judged()
    {
        // foreach calls GetEnumerator, MoveNext and Current, which no name in the loop shows.
        var violations = CheckClassBody("""
            public class Letters { public System.CharEnumerator GetEnumerator() { return "ab".GetEnumerator(); } }
            public static int Count(Letters letters)
            {
                int n = 0;
                foreach (char c in letters)
                {
                    n++;
                }
                return n;
            }
            """);

        Assert.Contains(violations, v => v.Line == 11 && v.Subject == "T:System.CharEnumerator" && v.Reason == GuardReasons.NotInAllowlist);
    }

    [Fact]
    public void A_violation_names_file_line_and_column()
    {
        var violations = CheckClassBody("        private System.Collections.Generic.List<int> _items;");

        var violation = Assert.Single(violations, v => v.Subject == "T:System.Collections.Generic.List`1");
        Assert.Equal("Snippet.cs", violation.Path);
        Assert.Equal(7, violation.Line);
        Assert.Equal(17, violation.Column);
        Assert.Equal("Snippet.cs:7:17: T:System.Collections.Generic.List`1: " + GuardReasons.Generics, violation.ToString());
    }

    [Theory]
    [InlineData("public static double Limit(double v) { return Math.Clamp(v, 0.0, 1.0); }")]
    [InlineData("private static int _count; public static int Next() { return System.Threading.Interlocked.Increment(ref _count); }")]
    [InlineData("public static int Count(string s) { int n = 0; foreach (char c in s) { if (c == 'a') { n++; } } return n; }")]
    [InlineData("public int Size { get; init; }")]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return string.Format(\"{0}\", (int)m); }")]
    [InlineData("public enum Mode { A, B } public static string Name(Mode m) { return ((int)m).ToString(); }")]
    [InlineData("public static int Wrap(int a, int b) { return unchecked(a + b); }")]
    public void Accepts_what_the_device_compiles_and_runs_alike(string body)
    {
        var violations = CheckClassBody(body);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Accepts_code_that_keeps_to_the_subset()
    {
        var violations = Guard.Check(new[] { new GuardSource("Clean.cs", CleanSource) });

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Types_declared_in_the_checked_sources_are_allowed_but_still_banned_if_generic()
    {
        var violations = Guard.Check(new[]
        {
            new GuardSource("Own.cs", "namespace Own { public class Box { public int Value; } public class Pair<T> { public T First; } }"),
            new GuardSource("Use.cs", "namespace Own { public class User { public int Read(Box b) { return b.Value; } public Pair<int> Made; } }"),
        });

        Assert.DoesNotContain(violations, v => v.Subject.Contains("Box", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Path == "Use.cs" && v.Subject == "T:Own.Pair`1" && v.Reason == GuardReasons.Generics);
        Assert.Contains(violations, v => v.Path == "Own.cs" && v.Subject == "generic declaration");
    }

    private const string CleanSource = """
        using System;
        using System.Collections;
        using System.Text;

        namespace Clean
        {
            public delegate void LevelChanged(bool high, long atMicros);

            [Flags]
            public enum Faults
            {
                None = 0,
                PaperOut = 1,
                Overheat = 2,
            }

            public interface ISink
            {
                int Write(byte[] buffer, int offset, int count);
            }

            [Serializable]
            public struct Reading
            {
                public int Millivolts;
                public long AtMicros;

                public Reading(int millivolts, long atMicros)
                {
                    Millivolts = millivolts;
                    AtMicros = atMicros;
                }

                public override string ToString()
                {
                    return Millivolts.ToString() + " mV";
                }

                public override bool Equals(object obj)
                {
                    return obj is Reading other && other.Millivolts == Millivolts && other.AtMicros == AtMicros;
                }

                public override int GetHashCode()
                {
                    return Millivolts ^ (int)AtMicros;
                }
            }

            public class ParseFailedException : Exception
            {
                public ParseFailedException(string why) : base(why)
                {
                }
            }

            public class Sample : ISink
            {
                private const int Capacity = 16;
                private static readonly string[] Names = new string[] { "one", "two" };
                private readonly byte[] _buffer = new byte[Capacity];
                private readonly ArrayList _list = new ArrayList();
                private LevelChanged _handler;
                private int _count;

                public int Count { get { return _count; } }

                public event LevelChanged Changed
                {
                    add { _handler = (LevelChanged)Delegate.Combine(_handler, value); }
                    remove { _handler = (LevelChanged)Delegate.Remove(_handler, value); }
                }

                public int Write(byte[] buffer, int offset, int count)
                {
                    if (buffer == null)
                    {
                        throw new ArgumentNullException("buffer");
                    }
                    if (offset < 0 || count < 0 || offset + count > buffer.Length)
                    {
                        throw new ArgumentOutOfRangeException("count");
                    }
                    int n = Math.Min(count, _buffer.Length - _count);
                    Array.Copy(buffer, offset, _buffer, _count, n);
                    _count += n;
                    if (_handler != null)
                    {
                        _handler(true, 0);
                    }
                    return n;
                }

                public static string Describe(string text, long fen, Faults faults)
                {
                    int comma = text.IndexOf(',');
                    string head = comma >= 0 ? text.Substring(0, comma) : text.Trim();
                    bool paper = (faults & Faults.PaperOut) != 0;
                    string status;
                    switch (head)
                    {
                        case "sale":
                            status = "S";
                            break;
                        default:
                            status = "?";
                            break;
                    }
                    int upper = 0;
                    for (int i = 0; i < head.Length; i++)
                    {
                        if (head[i] >= 'A' && head[i] <= 'Z')
                        {
                            upper++;
                        }
                    }
                    return status + head.ToUpper() + upper.ToString() + (paper ? "P" : "") + $"{fen / 100}.{fen % 100:D2} {upper:X2} {Names.Length}";
                }

                public int SumAll()
                {
                    _list.Add(1);
                    _list.Add(2);
                    int sum = 0;
                    foreach (object item in _list)
                    {
                        sum += (int)item;
                    }
                    foreach (byte b in _buffer)
                    {
                        sum += b;
                    }
                    return sum + _list.Count + Math.Abs(-3) + Math.Max(1, 2);
                }

                public static byte[] Utf8(string text)
                {
                    var builder = new StringBuilder();
                    builder.Append(text);
                    builder.Append('!');
                    return Encoding.UTF8.GetBytes(builder.ToString());
                }

                public static bool TryRead(string s, out int value)
                {
                    try
                    {
                        value = int.Parse(s);
                        return true;
                    }
                    catch (Exception e)
                    {
                        value = e.Message.Length;
                        return false;
                    }
                    finally
                    {
                        Names[0] = "one";
                    }
                }

                public static string Formats(long fen, byte b, Hashtable table, Queue queue, TimeSpan wait)
                {
                    table.Add("k", 1);
                    queue.Enqueue(b);
                    string hex = b.ToString("X2") + fen.ToString("D8") + string.Format("{0:D2}:{1,4}", 5, "x");
                    if (table.Contains("k") && wait > TimeSpan.Zero && wait.Ticks > 0)
                    {
                        hex += BitConverter.ToString(new byte[] { b }) + Convert.ToBase64String(new byte[] { b });
                    }
                    int at = Array.IndexOf(new byte[] { 1, 2 }, b);
                    return hex + at + string.Concat("a", "b", "c", "d", "e") + Encoding.UTF8.GetString(new byte[] { b }, 0, 1);
                }

                public override string ToString()
                {
                    return "Sample(" + _count + ")";
                }
            }
        }
        """;
}
