using System.Net;
using System.Text;

namespace PosFirmware.Emulator.Scenarios;

/// <summary>
/// report.html of a scenario run: one static page (no scripts, nothing fetched from the network) with the
/// outcome and every failed expectation, the receipts as printed, the display frames on a time line, the
/// transaction log, the timing report and the print-head plots as inline SVG.
/// </summary>
public static class ScenarioReport
{
    /// <summary>Most display frames and timing violations listed on the page.</summary>
    public const int MaxRows = 2000;

    /// <summary>Builds the page; paperFiles are the receipt images' names in the same folder.</summary>
    public static string Html(ScenarioRun run, ScenarioResult result, IReadOnlyList<string> paperFiles, IReadOnlyList<(string Title, string File, string Svg)> plots)
    {
        var html = new StringBuilder();
        string E(string text) => WebUtility.HtmlEncode(text);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(result.Scenario.Name)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;margin:1.5em;max-width:1100px}pre,.frame{font-family:monospace}")
            .Append(".pass{color:#070}.fail{color:#b00}.receipts img{border:1px solid #999;margin:0 1em 1em 0;vertical-align:top;width:288px}")
            .Append(".timeline{border-left:3px solid #446;margin-left:5em;padding-left:1em}.frame{position:relative;margin:.4em 0;white-space:pre;background:#eef;display:inline-block;padding:.2em .5em}")
            .Append(".frame time{position:absolute;left:-7.5em;width:6em;text-align:right;color:#446}section{margin-bottom:2em}")
            .Append("</style></head>\n<body>\n");
        html.Append("<h1>").Append(E(result.Scenario.Name)).Append("</h1>\n<p id=\"outcome\" class=\"").Append(result.Passed ? "pass\">PASS" : "fail\">FAIL")
            .Append("</p>\n<p>").Append(E(result.Scenario.File)).Append(", seed ").Append(result.Scenario.Seed).Append(": ")
            .Append(result.Checked).Append(" expectations checked, ").Append(result.VirtualSeconds.ToString("F3")).Append(" s virtual, ")
            .Append(result.PowerCuts).Append(" power cuts.</p>\n");
        if (result.Failures.Count > 0)
        {
            html.Append("<section id=\"failures\"><h2>Failed expectations</h2><ul>\n");
            foreach (var f in result.Failures)
            {
                html.Append("<li><pre>").Append(E(f.ToString())).Append("</pre></li>\n");
            }
            html.Append("</ul></section>\n");
        }
        html.Append("<section id=\"receipts\" class=\"receipts\"><h2>Receipts</h2>\n");
        if (paperFiles.Count == 0)
        {
            html.Append("<p>Nothing was printed.</p>\n");
        }
        foreach (string file in paperFiles)
        {
            html.Append("<img src=\"").Append(E(file)).Append("\" alt=\"paper printed: ").Append(E(file)).Append("\">\n");
        }
        html.Append("</section>\n<section id=\"display\"><h2>Display</h2><div class=\"timeline\">\n");
        foreach (var frame in run.Frames().Take(MaxRows))
        {
            html.Append("<div class=\"frame\"><time>").Append((frame.AtNanos / 1e9).ToString("F3")).Append(" s</time>")
                .Append(E(string.Join("\n", frame.Lines))).Append("</div><br>\n");
        }
        html.Append("</div></section>\n<section id=\"log\"><h2>Transaction log</h2><pre>")
            .Append(E(string.Join("\n", run.LogLines()))).Append("</pre></section>\n");
        var violations = run.Violations();
        html.Append("<section id=\"timing\"><h2>Print-head timing</h2><p>").Append(violations.Count).Append(" timing violations.</p>");
        if (violations.Count > 0)
        {
            html.Append("<pre>").Append(E(string.Join("\n", violations.Take(MaxRows)))).Append("</pre>");
        }
        html.Append("</section>\n<section id=\"plots\"><h2>Print head</h2>\n");
        int plotNumber = 0;
        foreach (var (title, file, svg) in plots)
        {
            plotNumber++;
            html.Append("<figure><figcaption>").Append(E(title)).Append(" (<a href=\"").Append(E(file)).Append("\">SVG</a>)</figcaption>\n")
                .Append(Inline(svg, plotNumber)).Append("\n</figure>\n");
        }
        html.Append("</section>\n</body></html>\n");
        return html.ToString();
    }

    // An SVG document as an element of the page: no XML declaration, and its ids made unique on the page
    // (every OxyPlot SVG numbers its clip paths from 1, and ids are page-wide in HTML).
    private static string Inline(string svg, int plotNumber)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return (start > 0 ? svg[start..] : svg).Replace("clipPath", "plot" + plotNumber + "clipPath", StringComparison.Ordinal);
    }
}
