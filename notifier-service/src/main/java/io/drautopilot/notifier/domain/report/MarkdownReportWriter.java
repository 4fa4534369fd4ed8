package io.drautopilot.notifier.domain.report;

import static io.drautopilot.notifier.domain.report.ReportFormat.duration;
import static io.drautopilot.notifier.domain.report.ReportFormat.time;

import io.drautopilot.contracts.restore.RecoveryPathCandidate;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.notifier.domain.Severities;
import io.drautopilot.notifier.domain.report.IncidentReport.Action;
import io.drautopilot.notifier.domain.report.IncidentReport.Approval;
import io.drautopilot.notifier.domain.report.IncidentReport.Escalation;
import io.drautopilot.notifier.domain.report.IncidentReport.Impact;
import io.drautopilot.notifier.domain.report.IncidentReport.LogEntry;
import io.drautopilot.notifier.domain.report.IncidentReport.Maintenance;
import io.drautopilot.notifier.domain.report.IncidentReport.Notification;
import io.drautopilot.notifier.domain.report.IncidentReport.Phase;
import io.drautopilot.notifier.domain.report.IncidentReport.RecoveryPath;
import io.drautopilot.notifier.domain.report.IncidentReport.Summary;
import java.time.Duration;
import java.util.List;

/** The runbook's post-mortem template, filled in, as Markdown (GitHub flavour, Mermaid gantt). */
public final class MarkdownReportWriter {

  static final String TO_FILL = "_To be filled in by the incident owner._";

  private MarkdownReportWriter() {}

  /** The template's sections in order, one method each; availability to maintenance only when the report has them. */
  public static String write(IncidentReport r) {
    StringBuilder md = new StringBuilder();
    title(md, r);
    summary(md, r.summary());
    timeline(md, r);
    impact(md, r.impact());
    if (r.availability() != null) {
      availability(md, r.availability());
    }
    if (r.readiness() != null) {
      readiness(md, r.readiness());
    }
    if (!r.recoveryPaths().isEmpty()) {
      recoveryPaths(md, r.recoveryPaths());
    }
    if (r.maintenance() != null) {
      maintenance(md, r.maintenance());
    }
    md.append("## Actions Taken\n");
    actions(md, r.actions());
    approvals(md, r.approvals());
    communication(md, r);
    rootCause(md, r.summary());
    lessons(md, r.observations());
    actionItems(md);
    audit(md, r.audit());
    eventLog(md, r.log());
    return md.toString();
  }

  private static void title(StringBuilder md, IncidentReport r) {
    md.append("# ").append(r.kind().title()).append("\n\n");
    md.append("Incident `")
        .append(r.incidentId())
        .append("`. Generated from the event log alone (")
        .append(r.log().size())
        .append(" events).\n\n");
  }

  private static void summary(StringBuilder md, Summary s) {
    md.append("## Incident Summary\n");
    md.append("- **Date/Time**: ")
        .append(time(s.startedAt()))
        .append(" (impact started); detected ")
        .append(time(s.detectedAt()))
        .append('\n');
    md.append("- **Duration**: ")
        .append(duration(s.duration()))
        .append(s.resolved() ? "" : " (still open at the last event)")
        .append('\n');
    md.append("- **Severity**: ")
        .append(s.severity() == null ? "—" : Severities.label(s.severity()));
    if (s.severityHistory().size() > 1) {
      md.append(" (").append(String.join("; ", s.severityHistory())).append(')');
    }
    md.append('\n');
    md.append("- **Scenario**: ")
        .append(or(s.scenario()))
        .append(s.region() == null ? "" : " in " + s.region())
        .append('\n');
    if (!s.affectedResources().isEmpty()) {
      md.append("- **Affected resources**: ")
          .append(
              String.join(", ", s.affectedResources().stream().map(x -> "`" + x + "`").toList()))
          .append('\n');
    }
    md.append("- **Root Cause**: ").append(or(s.rootCause())).append('\n');
    md.append("- **Outcome**: ").append(s.outcome()).append("\n\n");
  }

  private static void timeline(StringBuilder md, IncidentReport r) {
    md.append("## Timeline\n");
    phase(md, "Detection", r.timeline().detection());
    phase(md, "Response", r.timeline().response());
    phase(md, "Mitigation", r.timeline().mitigation());
    phase(md, "Resolution", r.timeline().resolution());
    md.append('\n');
    md.append("```mermaid\n").append(MermaidGantt.of(r)).append("```\n\n");
  }

  private static void impact(StringBuilder md, Impact i) {
    md.append("## Impact Analysis\n");
    md.append("- **Users Affected**: ").append(TO_FILL).append('\n');
    md.append("- **Recovery time (RTO)**: ")
        .append(measured(i.rtoSeconds(), i.rtoTargetSeconds(), i.rtoMet()))
        .append('\n');
    md.append("- **Data Loss (RPO)**: ")
        .append(measured(i.rpoSeconds(), i.rpoTargetSeconds(), i.rpoMet()))
        .append('\n');
    md.append("- **Data-loss window**: ")
        .append(
            i.dataLossFrom() == null
                ? "none recorded (no restore point was used)"
                : "writes between "
                    + time(i.dataLossFrom())
                    + " and "
                    + time(i.dataLossTo())
                    + " may be lost")
        .append('\n');
    md.append("- **Financial Impact**: ").append(TO_FILL).append("\n\n");
  }

  /**
   * Each table's chosen recovery path with the reason the step gave (every path's forecast and the rule
   * that chose), then every path it weighed: the forecast the choice rested on, beside the RTO measured above.
   */
  private static void recoveryPaths(StringBuilder md, List<RecoveryPath> paths) {
    md.append("## Recovery Path\n");
    for (RecoveryPath p : paths) {
      RecoveryPathChosen c = p.choice();
      md.append("### ")
          .append(p.tableName() == null ? "Step `" + p.stepId() + "`" : "`" + p.tableName() + "`")
          .append("\n\n");
      md.append("- **Chosen**: ")
          .append(c.getPath())
          .append(" — ")
          .append(c.getReason())
          .append('\n');
      md.append("- **Restore point**: ")
          .append(time(c.getRestorePointTime()))
          .append(" (")
          .append(c.getKind().name())
          .append("), data loss ")
          .append(duration(Duration.ofSeconds(c.getDataLossSeconds())))
          .append(c.getMeetsRpo() ? " within" : " **beyond**")
          .append(" the RPO target of ")
          .append(duration(Duration.ofSeconds(c.getRpoTargetSeconds())))
          .append(c.getMeetsRpo() ? "" : " (no path was within it: the least data loss was chosen)")
          .append('\n');
      md.append("- **Forecast**: ")
          .append(seconds(c.getForecastP50Seconds()))
          .append(" median, ")
          .append(seconds(c.getForecastP90Seconds()))
          .append(" nine runs in ten (")
          .append(c.getForecastBasis())
          .append(")\n\n");
      md.append(
          "| Path | Restore point | Data loss | Forecast P50 / P90 | Basis | Notes |\n|---|---|---|---|---|---|\n");
      for (RecoveryPathCandidate k : c.getCandidates()) {
        boolean chosen = k.getPath().equals(c.getPath());
        md.append("| ")
            .append(chosen ? "**" + cell(k.getPath()) + "** (chosen)" : cell(k.getPath()))
            .append(" | ")
            .append(k.getAvailable() ? time(k.getRestorePointTime()) : "none found")
            .append(" | ")
            .append(
                k.getDataLossSeconds() == null
                    ? "—"
                    : duration(Duration.ofSeconds(k.getDataLossSeconds()))
                        + (k.getMeetsRpo() ? "" : " (beyond RPO)"))
            .append(" | ")
            .append(seconds(k.getForecastP50Seconds()))
            .append(" / ")
            .append(seconds(k.getForecastP90Seconds()))
            .append(" | ")
            .append(cell(k.getForecastBasis()))
            .append(" | ")
            .append(cell(String.join("; ", k.getNotes())))
            .append(" |\n");
      }
      md.append('\n');
    }
  }

  private static void maintenance(StringBuilder md, Maintenance m) {
    md.append("## Maintenance Run\n");
    md.append("- **")
        .append(m.measured())
        .append("**: ")
        .append(measured(m.measuredSeconds(), m.targetSeconds(), m.targetMet()))
        .append('\n');
    if (m.passed() != null) {
      md.append("- **Result**: ").append(m.passed() ? "passed" : "did not pass").append('\n');
    }
    md.append("- **Detail**: ").append(m.detail()).append("\n\n");
  }

  private static void actions(StringBuilder md, List<Action> actions) {
    md.append("### 1. Immediate response and 2. recovery procedures executed\n\n");
    if (actions.isEmpty()) {
      md.append("No steps recorded.\n\n");
      return;
    }
    md.append(ACTIONS_HEADER).append('\n');
    md.append("|---|---|---|---|---|---|---|---|\n");
    int n = 0;
    for (Action a : actions) {
      md.append("| ")
          .append(++n)
          .append(" | ")
          .append(cell(a.action()))
          .append(" | ")
          .append(time(a.startedAt()))
          .append(" | ")
          .append(time(a.endedAt()))
          .append(" | ")
          .append(duration(a.duration()))
          .append(" | ")
          .append(a.outcomeText())
          .append(" | ")
          .append(a.attempts())
          .append(" | ")
          .append(cell(a.detail()))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static void approvals(StringBuilder md, List<Approval> approvals) {
    md.append("### Approvals\n\n");
    if (approvals.isEmpty()) {
      md.append("No approvals were requested.\n\n");
      return;
    }
    md.append("| Time | Step | Decision | Who | Role | Note |\n|---|---|---|---|---|---|\n");
    for (Approval a : approvals) {
      md.append("| ")
          .append(time(a.at()))
          .append(" | ")
          .append(cell(a.action()))
          .append(" | ")
          .append(a.decision())
          .append(" | ")
          .append(cell(a.who()))
          .append(" | ")
          .append(cell(a.role()))
          .append(" | ")
          .append(cell(a.comment()))
          .append(" |\n");
    }
    md.append('\n');
  }

  /** Escalations, acknowledgements and deliveries. */
  private static void communication(StringBuilder md, IncidentReport r) {
    md.append("### 3. Communication to stakeholders\n\n");
    if (r.escalations().isEmpty()) {
      md.append("No escalation beyond level 1.\n\n");
    } else {
      md.append(
          "| Time | Since detection | Escalation level | Paged | Cause | Reason |\n"
              + "|---|---|---|---|---|---|\n");
      for (Escalation e : r.escalations()) {
        md.append("| ")
            .append(time(e.at()))
            .append(" | ")
            .append(duration(e.sinceDetection()))
            .append(" | ")
            .append(e.level())
            .append(" | ")
            .append(cell(e.target()))
            .append(" | ")
            .append(cell(e.why() == null ? null : e.why().describe()))
            .append(" | ")
            .append(cell(e.reason()))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (r.acknowledgements().isEmpty()) {
      md.append("Nobody acknowledged the incident.\n\n");
    } else {
      r.acknowledgements()
          .forEach(
              a ->
                  md.append("Acknowledged by ")
                      .append(a.by())
                      .append(" at ")
                      .append(time(a.at()))
                      .append(" (")
                      .append(duration(a.sinceDetection()))
                      .append(" after detection)")
                      .append(a.note() == null ? "" : ": " + a.note())
                      .append(".\n"));
      md.append('\n');
    }
    if (r.notifications().isEmpty()) {
      md.append("No notification deliveries recorded.\n\n");
    } else {
      md.append(
          "| Time | Channel | Recipient | Template | Attempt | Outcome | Detail |\n|---|---|---|---|---|---|---|\n");
      for (Notification n : r.notifications()) {
        md.append("| ")
            .append(time(n.at()))
            .append(" | ")
            .append(n.channel())
            .append(" | ")
            .append(cell(n.recipient()))
            .append(" | ")
            .append(cell(n.templateId()))
            .append(" | ")
            .append(n.attempt())
            .append(" | ")
            .append(n.outcome())
            .append(" | ")
            .append(cell(n.detail()))
            .append(" |\n");
      }
      md.append('\n');
    }
  }

  private static void rootCause(StringBuilder md, Summary s) {
    md.append("## Root Cause Analysis\n");
    md.append("- **Technical cause** (as recorded): ").append(or(s.rootCause())).append('\n');
    md.append("- **Contributing factors**: ").append(TO_FILL).append('\n');
    md.append("- **Prevention measures**: ").append(TO_FILL).append("\n\n");
  }

  private static void lessons(StringBuilder md, List<String> observations) {
    md.append("## Lessons Learned\n");
    md.append("- **What went well**: ").append(TO_FILL).append('\n');
    md.append("- **What could be improved**: ").append(TO_FILL).append('\n');
    md.append("- **Process changes needed**: ").append(TO_FILL).append("\n\n");
    if (!observations.isEmpty()) {
      md.append("Observations from the log, for the review:\n");
      observations.forEach(o -> md.append("- ").append(o).append('\n'));
      md.append('\n');
    }
  }

  private static void actionItems(StringBuilder md) {
    md.append("## Action Items\n");
    md.append(
        "- [ ] Technical improvements\n- [ ] Process updates\n- [ ] Documentation changes\n- [ ] Training needs\n\n");
  }

  private static void eventLog(StringBuilder md, List<LogEntry> log) {
    md.append("## Event Log\n\n");
    md.append("| Time | Event |\n|---|---|\n");
    for (LogEntry e : log) {
      md.append("| ").append(time(e.at())).append(" | ").append(cell(e.what())).append(" |\n");
    }
  }

  /** The header of the Actions table; the HTML writer adds each step's raw events to its rows. */
  static final String ACTIONS_HEADER =
      "| # | Step | Started | Ended | Duration | Outcome | Attempts | Detail |";

  static String measured(Long seconds, long target, Boolean met) {
    if (seconds == null) {
      return "not measured (target " + duration(Duration.ofSeconds(target)) + ")";
    }
    return seconds
        + " s ("
        + duration(Duration.ofSeconds(seconds))
        + ") against a target of "
        + target
        + " s ("
        + duration(Duration.ofSeconds(target))
        + "): "
        + (met ? "met" : "**missed**");
  }

  /** The timeline's hash chain: what an auditor compares with the published key and the archive's manifest. */
  private static void audit(StringBuilder md, IncidentReport.Audit a) {
    md.append("## Audit Trail\n");
    md.append("- **Chain**: ")
        .append(a.broken() ? "**" + a.state() + "**" : a.state())
        .append('\n');
    // at close the head is the one the close signs (the hash of the record before it); the
    // verification
    // line's head is the last record's hash, which is the close's own
    md.append(a.signature() == null ? "- **Chain head**: " : "- **Chain head** (signed): ")
        .append(code(a.head()))
        .append('\n');
    md.append("- **Signing key**: ").append(code(a.signingKeyId())).append('\n');
    md.append("- **Signature** (at close): ").append(code(a.signature())).append('\n');
    md.append("- **Verification**: ").append(a.summary()).append("\n\n");
  }

  private static String code(String s) {
    return s == null || s.isBlank() ? "—" : "`" + s + "`";
  }

  private static void phase(StringBuilder md, String name, Phase p) {
    md.append("- **")
        .append(name)
        .append("**: ")
        .append(p.at() == null ? "" : time(p.at()) + " — ")
        .append(p.description())
        .append('\n');
  }

  private static String or(String s) {
    return s == null || s.isBlank() ? "—" : s;
  }

  static String cell(String s) {
    return s == null || s.isBlank() ? "—" : s.replace("|", "\\|").replace("\n", " ");
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }

  private static void availability(StringBuilder md, MonthlyAvailability a) {
    md.append("## Availability (SLA)\n");
    md.append("- **Month**: ")
        .append(a.month())
        .append(" (UTC), ")
        .append(a.incidents())
        .append(a.incidents() == 1 ? " incident" : " incidents")
        .append(" with impact\n");
    md.append("- **Availability**: ")
        .append(percent(a.availabilityPercent()))
        .append(" against the ")
        .append(percent(a.targetPercent()))
        .append(" target (")
        .append(a.met() ? "met so far" : "not met")
        .append(")\n");
    Duration left = a.budgetRemaining();
    md.append("- **Downtime**: ")
        .append(duration(a.downtime()))
        .append(" of the month's ")
        .append(duration(a.budget()))
        .append(" budget (")
        .append(left.isNegative() ? duration(left.negated()) + " over" : duration(left) + " left")
        .append(")\n\n");
  }

  private static void readiness(StringBuilder md, ReadinessAtIncident r) {
    md.append("## Recovery Readiness at the Time\n");
    if (r.assessments().isEmpty()) {
      md.append("- None published before the incident was detected (")
          .append(time(r.at()))
          .append(").\n\n");
      return;
    }
    md.append("As last assessed before the incident was detected (")
        .append(time(r.at()))
        .append(").\n\n");
    md.append(
        "| Scope | Assessed | Score | Forecast RTO (target) | Forecast RPO (target) | Findings |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (ReadinessAtIncident.Assessment a : r.assessments()) {
      md.append("| `")
          .append(a.scope())
          .append("` | ")
          .append(time(a.assessedAt()))
          .append(" | ")
          .append(a.score())
          .append(" / 100")
          .append(a.score() < a.scoreThreshold() ? " (below " + a.scoreThreshold() + ")" : "")
          .append(" | ")
          .append(forecast(a.forecastRtoSeconds(), a.rtoTargetSeconds()))
          .append(" | ")
          .append(forecast(a.forecastRpoSeconds(), a.rpoTargetSeconds()))
          .append(" | ")
          .append(
              a.findings().isEmpty()
                  ? "all passed"
                  : String.join("; ", a.findings()).replace("|", "\\|"))
          .append(" |\n");
    }
    md.append('\n');
  }

  private static String forecast(Long seconds, long targetSeconds) {
    String target = duration(Duration.ofSeconds(targetSeconds));
    if (seconds == null) {
      return "no forecast (" + target + ")";
    }
    return duration(Duration.ofSeconds(seconds))
        + " ("
        + target
        + ", "
        + (seconds <= targetSeconds ? "meets" : "misses")
        + ")";
  }

  private static String seconds(long seconds) {
    return duration(Duration.ofSeconds(seconds));
  }

  private static String percent(double p) {
    // 4 decimals: 99.99 % and 99.9861 % must not both read 99.99 %
    return java.math.BigDecimal.valueOf(p)
            .setScale(4, java.math.RoundingMode.FLOOR)
            .stripTrailingZeros()
            .toPlainString()
        + " %";
  }
}
