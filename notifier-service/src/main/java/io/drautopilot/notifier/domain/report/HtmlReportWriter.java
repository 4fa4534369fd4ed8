package io.drautopilot.notifier.domain.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same report as a standalone HTML page. It is rendered from the Markdown writer's output (the
 * small subset it uses: headings, lists, task lists, tables, bold, code, the mermaid block), so both
 * formats always carry the same content. Every text is HTML-escaped before formatting is applied.
 */
public final class HtmlReportWriter {

  private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
  private static final Pattern ITALIC = Pattern.compile("(?<![\\w*])_(.+?)_(?![\\w*])");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private HtmlReportWriter() {}

  /**
   * @param mermaidScriptUrl a Mermaid ES module to draw the gantt chart with, or blank to show its source only
   */
  public static String write(IncidentReport report, String mermaidScriptUrl) {
    String md = MarkdownReportWriter.write(report);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(report.kind().title() + " " + report.incidentId()))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\n")
        .append(
            "table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border:1px solid #ccc;padding:0.25rem 0.5rem;")
        .append("text-align:left;vertical-align:top;font-size:0.9rem}th{background:#f2f2f2}\n")
        .append(
            "code{background:#f5f5f5;padding:0 0.2rem}pre{background:#f8f8f8;padding:0.75rem;overflow-x:auto}\n")
        .append("</style>\n</head>\n<body>\n");
    List<String> lines = md.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```mermaid")) {
        StringBuilder chart = new StringBuilder();
        while (++i < lines.size() && !lines.get(i).startsWith("```")) {
          chart.append(escape(lines.get(i))).append('\n');
        }
        html.append("<pre class=\"mermaid\">\n").append(chart).append("</pre>\n");
      } else if (line.startsWith("#")) {
        int level = line.indexOf(' ');
        html.append("<h")
            .append(level)
            .append('>')
            .append(inline(line.substring(level + 1)))
            .append("</h")
            .append(level)
            .append(">\n");
      } else if (line.startsWith("- ")) {
        html.append("<ul>\n");
        for (; i < lines.size() && lines.get(i).startsWith("- "); i++) {
          String item = lines.get(i).substring(2);
          if (item.startsWith("[ ] ")) {
            item = "<input type=\"checkbox\" disabled> " + inline(item.substring(4));
          } else {
            item = inline(item);
          }
          html.append("<li>").append(item).append("</li>\n");
        }
        i--;
        html.append("</ul>\n");
      } else if (line.startsWith("| ")) {
        List<String> rows = new ArrayList<>();
        for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
          rows.add(lines.get(i));
        }
        i--;
        table(
            html,
            rows,
            rows.get(0).equals(MarkdownReportWriter.ACTIONS_HEADER) ? report.actions() : List.of());
      } else if (!line.isBlank()) {
        html.append("<p>").append(inline(line)).append("</p>\n");
      }
    }
    if (mermaidScriptUrl != null && !mermaidScriptUrl.isBlank()) {
      html.append("<script type=\"module\">import mermaid from '")
          .append(escape(mermaidScriptUrl))
          .append("'; mermaid.initialize({startOnLoad: true});</script>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /** @param actions the steps behind the rows when this is the Actions table: each row's raw events go under its Detail */
  private static void table(
      StringBuilder html, List<String> rows, List<IncidentReport.Action> actions) {
    html.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      if (r == 1) {
        continue; // the |---| separator
      }
      String tag = r == 0 ? "th" : "td";
      html.append("<tr>");
      List<String> cells = cells(rows.get(r));
      for (int c = 0; c < cells.size(); c++) {
        html.append('<').append(tag).append('>').append(inline(cells.get(c)));
        if (r >= 2 && c == cells.size() - 1 && r - 2 < actions.size()) {
          html.append("<details><summary>raw events</summary><pre>")
              .append(escape(String.join("\n", actions.get(r - 2).raw())))
              .append("</pre></details>");
        }
        html.append("</").append(tag).append('>');
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  /** Splits a Markdown table row on unescaped pipes. */
  static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String inner = row.strip();
    inner =
        inner.substring(
            1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  private static String inline(String text) {
    String s = escape(text);
    s = replace(CODE, s, "<code>$1</code>");
    s = replace(BOLD, s, "<strong>$1</strong>");
    s = replace(ITALIC, s, "<em>$1</em>");
    return s;
  }

  private static String replace(Pattern p, String s, String with) {
    Matcher m = p.matcher(s);
    return m.replaceAll(with);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
