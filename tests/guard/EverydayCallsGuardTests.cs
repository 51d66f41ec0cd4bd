using Xunit;

namespace PosFirmware.Tests.Guard;

/// <summary>
/// Everyday calls that nanoFramework 1.x compiles pass the guard, including those where net10 binds an
/// overload nano lacks but nano binds another one (params spans, optional parameters, Array.IndexOf&lt;T&gt;).
/// </summary>
public class EverydayCallsGuardTests
{
    [Fact]
    public void Everyday_string_array_collection_text_and_number_calls_are_accepted()
    {
        var guard = new NanoSubsetGuard(NanoApiAllowlist.LoadDefault());
        var violations = guard.Check(new[] { new GuardSource("Everyday.cs", """
            using System;
            using System.Collections;
            using System.Text;
            namespace P
            {
                public class C
                {
                    public static void M(string s, byte[] b, char[] cs, int i, long l, uint u, ulong ul, double d, ArrayList list, Hashtable h, StringBuilder sb, Exception e)
                    {
                        string[] a = s.Split(',', ';');
                        string[] a2 = s.Split(cs);
                        string t = s.Trim('x', 'y');
                        string t2 = s.TrimEnd('\0');
                        string t3 = s.TrimStart();
                        int x = s.IndexOf('a') + s.IndexOf("ab") + s.LastIndexOf('a') + s.IndexOfAny(cs);
                        string f = string.Format("{0} {1} {2} {3} {4}", 1, 2, 3, 4, 5);
                        string c = string.Concat(s, s, s, s, s);
                        string c2 = s + i + l + u + ul + d + 'c' + true;
                        bool eq = s == "a" || s != "b" || string.Equals(s, "c") || s.Equals("d") || s.StartsWith("e") || s.EndsWith("f") || s.Contains("g");
                        int cmp = string.Compare(s, "x") + s.CompareTo("y");
                        string sub = s.Substring(1).ToUpper().ToLower().PadLeft(4).PadRight(5, '*');
                        Array.Copy(b, 0, b, 1, 2);
                        Array.Clear(b, 0, b.Length);
                        int idx = Array.IndexOf(b, (byte)1);
                        byte[] copy = (byte[])b.Clone();
                        b.CopyTo(copy, 0);
                        list.Add(1); list.Insert(0, 2); list.RemoveAt(0); list.Clear(); object o = list[0]; int n = list.Count;
                        h["k"] = 1; h.Remove("k"); bool has = h.Contains("k"); object hv = h["k"];
                        foreach (DictionaryEntry de in h) { o = de.Key; o = de.Value; }
                        sb.Append(s).Append(i).Append('c').Append(b[0]).Append(l); sb.Length = 0; string sbs = sb.ToString();
                        byte[] enc = Encoding.UTF8.GetBytes(s); string dec = Encoding.UTF8.GetString(enc, 0, enc.Length);
                        string dec2 = new string(Encoding.UTF8.GetChars(enc));
                        int p = int.Parse("1"); bool ok = int.TryParse("2", out p); long lp = long.Parse("3");
                        string hex = i.ToString("X8") + b[0].ToString("X2") + l.ToString() + u.ToString("D");
                        int mx = Math.Max(i, 3) + Math.Min(i, 2) + Math.Abs(i);
                        double md = Math.Max(d, 1.0) + Math.Floor(d) + Math.Round(d) + Math.Sqrt(d);
                        string msg = e.Message + e.StackTrace;
                        Exception inner = e.InnerException;
                        int hc = s.GetHashCode() + i.GetHashCode() + l.GetHashCode();
                        bool ie = i.Equals(2) || l.Equals(3L) || object.Equals(s, o) || object.ReferenceEquals(s, o);
                        uint crc = BitConverter.ToUInt32(b, 0); byte[] bb = BitConverter.GetBytes(i);
                        string b64 = Convert.ToBase64String(b); byte[] fb = Convert.FromBase64String(b64); int hx = Convert.ToInt32("ff", 16);
                        char ch = s[0]; string chs = ch.ToString(); int chi = ch;
                        string interp = $"{i} {l:D6} {d:F2} {u,8} {s}";
                        string empty = string.Empty; bool ne = string.IsNullOrEmpty(s);
                        char[] arr = s.ToCharArray(); string fromChars = new string(arr, 0, 1); string rep = new string('-', 10);
                        TimeSpan ts = TimeSpan.FromTicks(100); long ms = (long)ts.TotalMilliseconds;
                        throw new ArgumentOutOfRangeException(nameof(s), "bad");
                    }
                }
            }
            """) });
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
