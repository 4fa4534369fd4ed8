package io.drautopilot.notifier.domain.report;

import io.drautopilot.notifier.domain.report.IncidentReport.Action;

/** The steps of a report as a Mermaid gantt chart: impact until detection, then every step, then resolution. */
public final class MermaidGantt {

  private MermaidGantt() {}

  public static String of(IncidentReport r) {
    StringBuilder g = new StringBuilder();
    g.append("gantt\n");
    g.append("    title ").append(clean(r.kind().title() + " " + r.incidentId())).append('\n');
    g.append("    dateFormat YYYY-MM-DD HH:mm:ss\n");
    g.append("    axisFormat %H:%M:%S\n");
    IncidentReport.Summary s = r.summary();
    if (s.startedAt() != null && s.detectedAt() != null) {
      g.append("    section Detection\n");
      g.append("    Impact until detection :crit, impact, ")
          .append(ReportFormat.GANTT.format(s.startedAt()))
          .append(", ")
          .append(
              ReportFormat.GANTT.format(
                  s.detectedAt().isBefore(s.startedAt()) ? s.startedAt() : s.detectedAt()))
          .append('\n');
    }
    g.append("    section Steps\n");
    int n = 0;
    for (Action a : r.actions()) {
      n++;
      if (a.startedAt() == null) {
        continue;
      }
      String tag =
          switch (a.outcome()) {
            case "SUCCEEDED", "SKIPPED" -> "done, ";
            case "RUNNING" -> "active, ";
            default -> "crit, ";
          };
      String end = ReportFormat.GANTT.format(a.endedAt() != null ? a.endedAt() : a.startedAt());
      String label =
          switch (a.outcome()) {
            case "SUCCEEDED" -> "";
            case "RUNNING" -> " (still running)";
            default -> " (" + a.outcome() + ")";
          };
      g.append("    ")
          .append(clean(a.action() + label))
          .append(" :")
          .append(tag)
          .append("step")
          .append(n)
          .append(", ")
          .append(ReportFormat.GANTT.format(a.startedAt()))
          .append(", ")
          .append(end)
          .append('\n');
    }
    if (r.timeline().resolution().at() != null) {
      g.append("    section Resolution\n");
      g.append("    ")
          .append(clean(s.outcome()))
          .append(" :milestone, resolved, ")
          .append(ReportFormat.GANTT.format(r.timeline().resolution().at()))
          .append(", 0d\n");
    }
    return g.toString();
  }

  /** Mermaid task names end at ':' and break on '#' or ';'. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[:#;]", " ").strip();
  }
}
