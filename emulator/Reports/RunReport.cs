using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using PosFirmware.Emulator.Imaging;

namespace PosFirmware.Emulator.Reports;

/// <summary>
/// Writes the one output folder every command shares: receipts/receipt-NN.png (one per cut) and
/// receipts/roll.png, display.txt, transactions.txt, journal.txt, ledger.txt, plot-*.svg, summary.json and
/// report.html: one static page (no scripts, nothing fetched from the network) with the outcome, the
/// receipts, the display frames on a time line, the transaction log, the timing report and the plots as
/// inline SVG. The command writes its VCD into the same folder itself.
/// </summary>
public static class RunReport
{
    /// <summary>Most display frames, log lines, violations and table rows listed on the page.</summary>
    public const int MaxRows = 2000;

    /// <summary>The folder of the receipt images.</summary>
    public const string ReceiptFolder = "receipts";

    /// <summary>Writes the folder; returns the files written.</summary>
    public static List<string> Write(string folder, RunRecord record)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        void Put(string name, string text)
        {
            string path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            files.Add(path);
        }
        var receipts = new List<string>();
        string receiptDir = Path.Combine(folder, ReceiptFolder);
        if (Directory.Exists(receiptDir))
        {
            // An earlier run's receipts would mix with this one's.
            Directory.Delete(receiptDir, recursive: true);
        }
        if (record.Receipts.Count > 0 || record.Roll != null)
        {
            Directory.CreateDirectory(receiptDir);
        }
        for (int i = 0; i < record.Receipts.Count; i++)
        {
            receipts.Add(WritePng(folder, $"{ReceiptFolder}/receipt-{i + 1:D2}.png", record.Receipts[i], files));
        }
        string? roll = record.Roll == null ? null : WritePng(folder, $"{ReceiptFolder}/roll.png", record.Roll, files);
        if (record.Frames != null)
        {
            Put("display.txt", string.Concat(record.Frames.Select(f => f + "\n")));
        }
        Put("transactions.txt", string.Concat(record.Log.Select(l => l + "\n")));
        if (record.Journal != null)
        {
            Put("journal.txt", record.Journal);
        }
        if (record.Ledger != null)
        {
            Put("ledger.txt", record.Ledger);
        }
        var plots = record.Head == null ? new List<(string, string, string)>() : ReportPlots.Draw(record.Head);
        foreach (var (_, file, svg) in plots)
        {
            Put(file, svg);
        }
        Put("summary.json", Summary(record, receipts, roll));
        Put("report.html", Html(record, receipts, roll, plots));
        return files;
    }

    private static string WritePng(string folder, string name, PaperImage image, List<string> files)
    {
        string path = Path.Combine(folder, name);
        PngWriter.WriteGray(path, image.Width, image.Height, image.Gray);
        files.Add(path);
        return name;
    }

    /// <summary>summary.json: the outcome, the facts, and counts that agree with the other files.</summary>
    public static string Summary(RunRecord record, IReadOnlyList<string> receipts, string? roll)
    {
        var summary = new OrderedDictionary<string, object?>
        {
            ["command"] = record.Command,
            ["title"] = record.Title,
            ["passed"] = record.Passed,
        };
        foreach (var (name, value) in record.Facts)
        {
            summary[name] = value;
        }
        summary["failures"] = record.Failures;
        summary["receipts"] = receipts;
        summary["roll"] = roll;
        summary["displayFrames"] = record.Frames?.Count ?? 0;
        summary["transactionLogLines"] = record.Log.Count;
        summary["timingViolations"] = record.Violations.Count;
        if (record.Head is { } head)
        {
            summary["strobePulses"] = head.StrobeMicros.Count;
            summary["maxHeadCelsius"] = head.HeadCelsius.Count == 0 ? 0 : Math.Round(head.HeadCelsius.Max(p => p.Value), 3);
            summary["minSupplyVolts"] = head.SupplyVolts.Count == 0 ? 0 : Math.Round(head.SupplyVolts.Min(p => p.Value), 3);
            summary["peakHeadAmps"] = head.HeadAmps.Count == 0 ? 0 : Math.Round(head.HeadAmps.Max(p => p.Value), 3);
            summary["fastestStepsPerSecond"] = head.MotorStepsPerSecond.Count == 0 ? 0 : Math.Round(head.MotorStepsPerSecond.Max(p => p.Value), 1);
        }
        summary["vcd"] = record.Vcd;
        return JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>report.html.</summary>
    public static string Html(RunRecord record, IReadOnlyList<string> receipts, string? roll, IReadOnlyList<(string Title, string File, string Svg)> plots)
    {
        var html = new StringBuilder();
        string E(string text) => WebUtility.HtmlEncode(text);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(record.Title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:1.5em;max-width:1100px}pre,.frame{font-family:monospace}")
            .Append(".pass{color:#070}.fail{color:#b00}.receipts img{border:1px solid #999;margin:0 1em 1em 0;vertical-align:top;width:288px}")
            .Append(".timeline{border-left:3px solid #446;margin-left:5em;padding-left:1em}.frame{position:relative;margin:.4em 0;white-space:pre;background:#eef;display:inline-block;padding:.2em .5em}")
            .Append(".frame time{position:absolute;left:-7.5em;width:6em;text-align:right;color:#446}section{margin-bottom:2em}")
            .Append("table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.15em .5em;text-align:left}")
            .Append("</style></head>\n<body>\n");
        html.Append("<h1>").Append(E(record.Title)).Append("</h1>\n<p id=\"outcome\" class=\"").Append(record.Passed ? "pass\">PASS" : "fail\">FAIL")
            .Append("</p>\n");
        if (record.About.Length > 0)
        {
            html.Append("<p>").Append(E(record.About)).Append("</p>\n");
        }
        html.Append("<section id=\"facts\"><table>\n");
        foreach (var (name, value) in record.Facts)
        {
            html.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(Text(value))).Append("</td></tr>\n");
        }
        html.Append("</table></section>\n");
        if (record.Failures.Count > 0)
        {
            html.Append("<section id=\"failures\"><h2>What went wrong</h2><ul>\n");
            foreach (string failure in record.Failures.Take(MaxRows))
            {
                html.Append("<li><pre>").Append(E(failure)).Append("</pre></li>\n");
            }
            html.Append("</ul></section>\n");
        }
        foreach (var table in record.Tables)
        {
            html.Append("<section id=\"").Append(E(table.Id)).Append("\"><h2>").Append(E(table.Title)).Append("</h2><table>\n<tr>");
            foreach (string column in table.Columns)
            {
                html.Append("<th>").Append(E(column)).Append("</th>");
            }
            html.Append("</tr>\n");
            foreach (var row in table.Rows.Take(MaxRows))
            {
                html.Append("<tr>");
                foreach (string cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</table>");
            if (table.Rows.Count == 0)
            {
                html.Append("<p>None.</p>");
            }
            if (table.Rows.Count > MaxRows)
            {
                html.Append("<p>").Append(table.Rows.Count - MaxRows).Append(" more rows not shown.</p>");
            }
            html.Append("</section>\n");
        }
        if (record.Links.Count > 0)
        {
            html.Append("<section id=\"runs\"><h2>Run folders</h2><ul>\n");
            foreach (var (folder, caption) in record.Links)
            {
                html.Append("<li><a href=\"").Append(E(folder)).Append("/report.html\">").Append(E(caption)).Append("</a></li>\n");
            }
            html.Append("</ul></section>\n");
        }
        html.Append("<section id=\"receipts\" class=\"receipts\"><h2>Receipts</h2>\n");
        if (receipts.Count == 0 && roll == null)
        {
            html.Append("<p>Nothing was printed.</p>\n");
        }
        foreach (string file in receipts)
        {
            html.Append("<img src=\"").Append(E(file)).Append("\" alt=\"receipt: ").Append(E(file)).Append("\">\n");
        }
        if (roll != null)
        {
            html.Append("<p><a href=\"").Append(E(roll)).Append("\">The whole roll</a> as printed.</p>\n");
        }
        foreach (var (file, caption) in record.Images)
        {
            html.Append("<figure class=\"image\"><img src=\"").Append(E(file)).Append("\" alt=\"").Append(E(caption)).Append("\"><figcaption>")
                .Append(E(caption)).Append("</figcaption></figure>\n");
        }
        html.Append("</section>\n");
        if (record.Frames != null)
        {
            html.Append("<section id=\"display\"><h2>Display</h2><div class=\"timeline\">\n");
            foreach (var frame in record.Frames.Take(MaxRows))
            {
                html.Append("<div class=\"frame\"><time>").Append((frame.AtNanos / 1e9).ToString("F3", CultureInfo.InvariantCulture)).Append(" s</time>")
                    .Append(E(string.Join("\n", frame.Lines))).Append("</div><br>\n");
            }
            if (record.Frames.Count > MaxRows)
            {
                html.Append("<p>").Append(record.Frames.Count - MaxRows).Append(" more frames in display.txt.</p>\n");
            }
            html.Append("</div></section>\n");
        }
        html.Append("<section id=\"log\"><h2>Transaction log</h2><pre>")
            .Append(E(string.Join("\n", record.Log.Take(MaxRows)))).Append("</pre>");
        if (record.Log.Count > MaxRows)
        {
            html.Append("<p>").Append(record.Log.Count - MaxRows).Append(" more lines in transactions.txt.</p>");
        }
        html.Append("</section>\n");
        html.Append("<section id=\"timing\"><h2>Print-head timing</h2><p>").Append(record.Violations.Count).Append(" timing violations");
        if (record.TimingSummary.Length > 0)
        {
            html.Append(": ").Append(E(record.TimingSummary));
        }
        html.Append(".</p>");
        if (record.Vcd != null)
        {
            html.Append("<p>Signal trace: <a href=\"").Append(E(record.Vcd)).Append("\">").Append(E(record.Vcd)).Append("</a> (GTKWave, PulseView, sigrok-cli).</p>");
        }
        if (record.TimingDetail.Length > 0)
        {
            html.Append("<pre>").Append(E(record.TimingDetail)).Append("</pre>");
        }
        if (record.Violations.Count > 0)
        {
            html.Append("<pre>").Append(E(string.Join("\n", record.Violations.Take(MaxRows)))).Append("</pre>");
        }
        html.Append("</section>\n");
        if (plots.Count > 0)
        {
            html.Append("<section id=\"plots\"><h2>Print head</h2>\n");
            int plotNumber = 0;
            foreach (var (title, file, svg) in plots)
            {
                plotNumber++;
                html.Append("<figure class=\"plot\"><figcaption>").Append(E(title)).Append(" (<a href=\"").Append(E(file)).Append("\">SVG</a>)</figcaption>\n")
                    .Append(Inline(svg, plotNumber)).Append("\n</figure>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(", ", list.Cast<object?>().Select(Text)),
        _ => value.ToString() ?? "",
    };

    // An SVG document as an element of the page: no XML declaration, and its ids made unique on the page
    // (every OxyPlot SVG numbers its clip paths from 1, and ids are page-wide in HTML).
    private static string Inline(string svg, int plotNumber)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return (start > 0 ? svg[start..] : svg).Replace("clipPath", "plot" + plotNumber + "clipPath", StringComparison.Ordinal);
    }
}
