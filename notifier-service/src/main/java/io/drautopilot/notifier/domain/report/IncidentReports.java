package io.drautopilot.notifier.domain.report;

import io.drautopilot.notifier.domain.Severities;
import io.drautopilot.notifier.domain.report.IncidentEvent.Acknowledged;
import io.drautopilot.notifier.domain.report.IncidentEvent.ApprovalGranted;
import io.drautopilot.notifier.domain.report.IncidentEvent.ApprovalRejected;
import io.drautopilot.notifier.domain.report.IncidentEvent.ApprovalRequested;
import io.drautopilot.notifier.domain.report.IncidentEvent.Closed;
import io.drautopilot.notifier.domain.report.IncidentEvent.CommandCompleted;
import io.drautopilot.notifier.domain.report.IncidentEvent.CommandIssued;
import io.drautopilot.notifier.domain.report.IncidentEvent.EscalationRaised;
import io.drautopilot.notifier.domain.report.IncidentEvent.NotificationAttempt;
import io.drautopilot.notifier.domain.report.IncidentEvent.Opened;
import io.drautopilot.notifier.domain.report.IncidentEvent.Resolved;
import io.drautopilot.notifier.domain.report.IncidentEvent.SeverityUpgraded;
import io.drautopilot.notifier.domain.report.IncidentEvent.SignalJoined;
import io.drautopilot.notifier.domain.report.IncidentEvent.StepFailed;
import io.drautopilot.notifier.domain.report.IncidentEvent.StepSkipped;
import io.drautopilot.notifier.domain.report.IncidentEvent.StepStarted;
import io.drautopilot.notifier.domain.report.IncidentEvent.StepSucceeded;
import io.drautopilot.notifier.domain.report.IncidentEvent.StepTimedOut;
import io.drautopilot.notifier.domain.report.IncidentReport.Acknowledgement;
import io.drautopilot.notifier.domain.report.IncidentReport.Action;
import io.drautopilot.notifier.domain.report.IncidentReport.Approval;
import io.drautopilot.notifier.domain.report.IncidentReport.Escalation;
import io.drautopilot.notifier.domain.report.IncidentReport.Impact;
import io.drautopilot.notifier.domain.report.IncidentReport.Kind;
import io.drautopilot.notifier.domain.report.IncidentReport.LogEntry;
import io.drautopilot.notifier.domain.report.IncidentReport.Maintenance;
import io.drautopilot.notifier.domain.report.IncidentReport.Notification;
import io.drautopilot.notifier.domain.report.IncidentReport.Phase;
import io.drautopilot.notifier.domain.report.IncidentReport.RecoveryPath;
import io.drautopilot.notifier.domain.report.IncidentReport.Summary;
import io.drautopilot.notifier.domain.report.IncidentReport.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the report of one incident from its events, and from nothing else: a pure function, so the
 * command handler, the REST endpoint and an offline reading of a kept log all produce the same report.
 * Events are ordered by occurredAt; equal times by source (timeline, commands, deliveries, results), and
 * within one source by the order given, which is the log order of that topic's partition. So any
 * interleaving of the topics gives the same report.
 */
public final class IncidentReports {

  /**
   * Mitigation is the first successful step of a service that changes things (restore, containment)
   * whose verb is not one of these: they only look, keep evidence or tidy up. Runbook actions are
   * {@code service.verb} ({@code restore.setCircuitBreaker}); a command sent without a runbook is its
   * type ({@code SetCircuitBreaker}). A runbook step's own {@code kind} would be the better source.
   */
  private static final Set<String> MITIGATING_SERVICES = Set.of("restore", "containment");

  private static final Set<String> NON_MITIGATING_PREFIXES =
      Set.of(
          "Notify",
          "GenerateIncidentReport",
          "Validate",
          "Check",
          "Compare",
          "RunPerformance",
          "Verify",
          "Find",
          "Export",
          "Delete",
          "Approve",
          "Await",
          "Wait");

  /** The step that asks for this report: while it runs, the report is being written by it. */
  static final String REPORT_STEP = "GenerateIncidentReport";

  static final String RUNNING = "RUNNING";

  private IncidentReports() {}

  public static IncidentReport render(List<? extends IncidentEvent> events, ReportTargets targets) {
    return render(events, targets, IncidentReport.Audit.NOT_CHECKED);
  }

  /** The report, with the audit section as the timeline's chain was checked by the caller. */
  public static IncidentReport render(
      List<? extends IncidentEvent> events, ReportTargets targets, IncidentReport.Audit audit) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no events: a report needs at least the incident's log");
    }
    // A redelivered command's result is published again with the same event id: one event, once.
    Map<String, IncidentEvent> unique = new LinkedHashMap<>();
    events.forEach(e -> unique.putIfAbsent(e.meta().eventId(), e));
    List<IncidentEvent> ordered =
        unique.values().stream()
            .sorted(
                Comparator.comparing((IncidentEvent e) -> e.meta().at())
                    .thenComparingInt(IncidentReports::source))
            .collect(Collectors.toList());
    String incidentId = ordered.get(0).meta().incidentId();
    Optional<Opened> opened = first(ordered, Opened.class);
    Optional<Resolved> resolved = last(ordered, Resolved.class);
    Optional<Closed> closed = last(ordered, Closed.class);
    Instant firstAt = ordered.get(0).meta().at();
    Instant lastAt = ordered.get(ordered.size() - 1).meta().at();
    Instant detectedAt = opened.map(Opened::detectedAt).orElse(firstAt);
    Instant startedAt = opened.map(Opened::impactStartedAt).orElse(detectedAt);

    String scenario =
        opened
            .map(Opened::scenario)
            .orElseGet(
                () ->
                    ordered.stream()
                        .filter(
                            e -> e instanceof CommandIssued c && c.fields().containsKey("scenario"))
                        .map(e -> ((CommandIssued) e).fields().get("scenario"))
                        .findFirst()
                        .orElse(null));
    Kind kind =
        "BACKUP_VERIFICATION".equals(scenario)
            ? Kind.BACKUP_VERIFICATION
            : "DR_DRILL".equals(scenario) ? Kind.DR_DRILL : Kind.INCIDENT;

    List<String> severityHistory = new ArrayList<>();
    opened.ifPresent(o -> severityHistory.add(o.severity() + " at detection"));
    String severity = opened.map(Opened::severity).orElse(null);
    for (IncidentEvent e : ordered) {
      if (e instanceof SeverityUpgraded u) {
        severityHistory.add(
            u.from()
                + " → "
                + u.to()
                + " at "
                + ReportFormat.time(u.meta().at())
                + ": "
                + u.reason());
        severity = u.to();
      }
    }

    Instant endAt =
        resolved.map(Resolved::resolvedAt).orElse(closed.map(c -> c.meta().at()).orElse(null));
    Duration duration = Duration.between(startedAt, endAt != null ? endAt : lastAt);
    Summary summary =
        new Summary(
            startedAt,
            detectedAt,
            duration,
            endAt != null,
            severity,
            severityHistory,
            scenario,
            opened.map(Opened::region).orElse(null),
            opened.map(Opened::affectedResources).orElse(List.of()),
            rootCause(ordered, opened, closed),
            resolved.map(Resolved::outcome).orElse(endAt != null ? "CLOSED" : "OPEN"));

    List<Action> actions = actions(ordered);
    List<Acknowledgement> acks =
        ordered.stream()
            .filter(e -> e instanceof Acknowledged)
            .map(e -> (Acknowledged) e)
            .map(
                a ->
                    new Acknowledgement(
                        a.meta().at(),
                        a.by(),
                        a.note(),
                        Duration.between(detectedAt, a.meta().at())))
            .toList();
    Timeline timeline = timeline(ordered, opened, resolved, closed, acks, actions, detectedAt);
    Impact impact = impact(resolved, startedAt, endAt, targets, severity);

    List<Escalation> escalations =
        ordered.stream()
            .filter(e -> e instanceof EscalationRaised)
            .map(e -> (EscalationRaised) e)
            .map(
                x ->
                    new Escalation(
                        x.meta().at(),
                        x.level(),
                        x.target(),
                        x.reason(),
                        x.why(),
                        Duration.between(detectedAt, x.meta().at())))
            .toList();
    List<Notification> notifications =
        ordered.stream()
            .filter(e -> e instanceof NotificationAttempt)
            .map(e -> (NotificationAttempt) e)
            .map(
                n ->
                    new Notification(
                        n.meta().at(),
                        n.channel(),
                        n.recipient(),
                        n.templateId(),
                        n.attempt(),
                        n.outcome(),
                        n.detail()))
            .toList();
    Maintenance maintenance = maintenance(kind, ordered, resolved, startedAt, endAt, targets);
    List<LogEntry> log =
        ordered.stream().map(e -> new LogEntry(e.meta().at(), describe(e))).toList();
    List<RecoveryPath> recoveryPaths = recoveryPaths(ordered);
    IncidentReport partial =
        new IncidentReport(
            incidentId,
            kind,
            summary,
            timeline,
            impact,
            actions,
            recoveryPaths,
            approvals(ordered, actions),
            escalations,
            acks,
            notifications,
            maintenance,
            List.of(),
            log,
            audit);
    return new IncidentReport(
        incidentId,
        kind,
        summary,
        timeline,
        impact,
        actions,
        recoveryPaths,
        partial.approvals(),
        escalations,
        acks,
        notifications,
        maintenance,
        observations(partial, targets),
        log,
        audit);
  }

  /** The topic an event comes from, as a rank. */
  static int source(IncidentEvent e) {
    if (e instanceof CommandIssued) {
      return 1;
    } else if (e instanceof NotificationAttempt) {
      return 2;
    } else if (e instanceof CommandCompleted) {
      return 3;
    }
    return 0;
  }

  private static String rootCause(
      List<IncidentEvent> events, Optional<Opened> opened, Optional<Closed> closed) {
    List<String> parts = new ArrayList<>();
    opened.ifPresent(
        o ->
            parts.add(
                o.scenario()
                    + " (as classified by the detector)"
                    + (o.symptoms().isEmpty() ? "" : ": " + String.join("; ", o.symptoms()))));
    for (IncidentEvent e : events) {
      if (e instanceof SeverityUpgraded u) {
        parts.add("severity upgraded: " + u.reason());
      }
    }
    closed
        .filter(c -> c.reason() != null && !c.reason().isBlank())
        .ifPresent(c -> parts.add("closing note: " + c.reason()));
    return parts.isEmpty() ? null : String.join(". ", parts);
  }

  /**
   * Where a FAILED recovery ended: the step whose failure stopped it (the last one not retried) and
   * the incident's closing note, so the reader sees the final phase, not only the word FAILED.
   */
  private static String failedPhase(List<IncidentEvent> events, Optional<Closed> closed) {
    StringBuilder out = new StringBuilder("Recovery FAILED");
    events.stream()
        .filter(e -> e instanceof StepFailed f && !f.willRetry())
        .map(e -> (StepFailed) e)
        .reduce((a, b) -> b)
        .ifPresent(
            f ->
                out.append(" at step ")
                    .append(f.meta().stepId() == null ? f.action() : f.meta().stepId())
                    .append(" (")
                    .append(f.action())
                    .append("): ")
                    .append(f.code())
                    .append(f.message() == null || f.message().isBlank() ? "" : " " + f.message()));
    closed.ifPresent(
        c ->
            out.append("; closed by ")
                .append(c.by())
                .append(c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason()));
    return out.toString();
  }

  private static Timeline timeline(
      List<IncidentEvent> events,
      Optional<Opened> opened,
      Optional<Resolved> resolved,
      Optional<Closed> closed,
      List<Acknowledgement> acks,
      List<Action> actions,
      Instant detectedAt) {
    Phase detection =
        opened
            .map(
                o ->
                    new Phase(
                        o.detectedAt(),
                        "Detected "
                            + o.scenario()
                            + " ("
                            + o.severity()
                            + ") in "
                            + o.region()
                            + "; impact started "
                            + ReportFormat.time(o.impactStartedAt())
                            + " ("
                            + ReportFormat.duration(
                                Duration.between(o.impactStartedAt(), o.detectedAt()))
                            + " before detection)"))
            .orElse(new Phase(null, "No IncidentOpened in the log"));

    Optional<StepStarted> firstStep = first(events, StepStarted.class);
    List<String> response = new ArrayList<>();
    Instant responseAt = null;
    if (firstStep.isPresent()) {
      responseAt = firstStep.get().meta().at();
      response.add(
          "automated response started with "
              + firstStep.get().action()
              + " "
              + ReportFormat.duration(Duration.between(detectedAt, responseAt))
              + " after detection");
    }
    if (!acks.isEmpty()) {
      Acknowledgement a = acks.get(0);
      response.add(
          "acknowledged by "
              + a.by()
              + " "
              + ReportFormat.duration(a.sinceDetection())
              + " after detection");
      responseAt = responseAt == null || a.at().isBefore(responseAt) ? a.at() : responseAt;
    } else {
      response.add("not acknowledged by a person");
    }
    Phase responsePhase = new Phase(responseAt, capitalize(String.join("; ", response)));

    Phase mitigation =
        actions.stream()
            .filter(a -> "SUCCEEDED".equals(a.outcome()) && mitigating(a.action()))
            .findFirst()
            .map(
                a ->
                    new Phase(
                        a.endedAt(),
                        a.action()
                            + " succeeded "
                            + ReportFormat.duration(Duration.between(detectedAt, a.endedAt()))
                            + " after detection"))
            .orElse(new Phase(null, "No mitigating step succeeded"));

    Phase resolution =
        resolved
            .map(
                r ->
                    new Phase(
                        r.resolvedAt(),
                        "FAILED".equals(r.outcome())
                            ? failedPhase(events, closed)
                            : "Resolved: " + r.outcome()))
            .or(
                () ->
                    closed.map(
                        c -> new Phase(c.meta().at(), "Closed by " + c.by() + ": " + c.reason())))
            .orElse(new Phase(null, "Not resolved at the last recorded event"));
    return new Timeline(detection, responsePhase, mitigation, resolution);
  }

  static boolean mitigating(String action) {
    int dot = action.indexOf('.');
    if (dot >= 0 && !MITIGATING_SERVICES.contains(action.substring(0, dot))) {
      return false;
    }
    String verb = verb(action);
    return NON_MITIGATING_PREFIXES.stream().noneMatch(verb::startsWith);
  }

  /** {@code restore.setCircuitBreaker} and {@code SetCircuitBreaker} both read {@code SetCircuitBreaker}. */
  static String verb(String action) {
    String verb = action.substring(action.indexOf('.') + 1);
    return capitalize(verb);
  }

  /**
   * RTO against the incident's own target: the one its resolution carries, else its severity's in the
   * seed (a log written before resolutions carried one), else the configured {@code rto-target}.
   */
  private static Impact impact(
      Optional<Resolved> resolved,
      Instant startedAt,
      Instant endAt,
      ReportTargets targets,
      String severity) {
    Long rto =
        resolved
            .map(Resolved::measuredRtoSeconds)
            .orElse(
                endAt != null && resolved.isPresent()
                    ? Duration.between(startedAt, endAt).toSeconds()
                    : null);
    Long rpo = resolved.map(Resolved::measuredRpoSeconds).orElse(null);
    long rtoTarget =
        resolved
            .map(Resolved::rtoTargetSeconds)
            .orElseGet(
                () ->
                    Severities.known(severity)
                        ? Severities.rtoTargetSeconds(severity)
                        : targets.rto().toSeconds());
    long rpoTarget = targets.rpo().toSeconds();
    return new Impact(
        rto,
        rtoTarget,
        rto == null ? null : rto <= rtoTarget,
        rpo,
        rpoTarget,
        rpo == null ? null : rpo <= rpoTarget,
        rpo == null ? null : startedAt.minusSeconds(rpo),
        rpo == null ? null : startedAt);
  }

  /** Steps grouped by step id (every attempt), in the order they started; commands without a timeline also count. */
  private static List<Action> actions(List<IncidentEvent> events) {
    Map<String, List<IncidentEvent>> byStep = new LinkedHashMap<>();
    boolean timeline = events.stream().anyMatch(e -> e instanceof StepStarted);
    for (IncidentEvent e : events) {
      boolean stepEvent =
          e instanceof StepStarted
              || e instanceof StepSucceeded
              || e instanceof StepFailed
              || e instanceof StepSkipped
              || e instanceof StepTimedOut;
      boolean commandEvent = e instanceof CommandIssued || e instanceof CommandCompleted;
      if (stepEvent || (commandEvent && (!timeline || byStep.containsKey(stepKey(e))))) {
        byStep.computeIfAbsent(stepKey(e), k -> new ArrayList<>()).add(e);
      }
    }
    List<Action> actions = new ArrayList<>();
    for (Map.Entry<String, List<IncidentEvent>> step : byStep.entrySet()) {
      Action a = action(step.getKey(), step.getValue());
      if (!(RUNNING.equals(a.outcome()) && verb(a.action()).equals(REPORT_STEP))) {
        actions.add(a);
      }
    }
    return actions;
  }

  private static String stepKey(IncidentEvent e) {
    if (e.meta().stepId() != null) {
      return e.meta().stepId();
    }
    return e instanceof CommandCompleted ? e.meta().causationId() : e.meta().eventId();
  }

  private static Action action(String stepId, List<IncidentEvent> events) {
    String action = null;
    Instant started = null;
    Instant ended = null;
    Long durationMillis = null;
    String outcome = RUNNING;
    int attempts = 0;
    List<String> detail = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> raw = new ArrayList<>();
    for (IncidentEvent e : events) {
      raw.add(describeInFull(e));
      if (e instanceof StepStarted s) {
        action = s.action();
        attempts++;
        started = started == null ? s.meta().at() : started;
      } else if (e instanceof StepSucceeded s) {
        action = action == null ? s.action() : action;
        outcome = "SUCCEEDED";
        ended = s.meta().at();
        durationMillis = s.durationMillis();
        s.outputs().forEach(facts::putIfAbsent);
      } else if (e instanceof StepFailed f) {
        action = action == null ? f.action() : action;
        outcome = "FAILED";
        ended = f.meta().at();
        detail.add(
            f.code()
                + ": "
                + f.message()
                + (f.willRetry() ? " (retried)" : " (policy: " + f.onFailure() + ")"));
      } else if (e instanceof StepSkipped s) {
        action = action == null ? s.action() : action;
        outcome = "SKIPPED";
        ended = s.meta().at();
        detail.add(s.reason());
      } else if (e instanceof StepTimedOut t) {
        action = action == null ? t.action() : action;
        outcome = "TIMED_OUT";
        ended = t.meta().at();
        detail.add(
            "no result within "
                + ReportFormat.duration(Duration.ofMillis(t.timeoutMillis()))
                + (t.willRetry() ? " (retried)" : ""));
      } else if (e instanceof CommandIssued c) {
        if (action == null) {
          action = stripSuffix(c.type(), "Command");
          attempts++;
          started = c.meta().at();
        }
      } else if (e instanceof CommandCompleted c) {
        if (c.success()) {
          facts.putAll(c.fields()); // the handler's own figures win over the step's outputs
        }
        if (events.stream().noneMatch(x -> x instanceof StepSucceeded || x instanceof StepFailed)) {
          outcome = c.success() ? "SUCCEEDED" : "FAILED";
          ended = c.meta().at();
          if (!c.success()) {
            detail.add(
                c.fields().getOrDefault("code", "CommandFailure")
                    + ": "
                    + c.fields().getOrDefault("message", ""));
          }
        }
      }
    }
    String summary = StepDetail.of(facts);
    if (!summary.isBlank()) {
      detail.add(summary);
    }
    Duration duration =
        durationMillis != null
            ? Duration.ofMillis(durationMillis)
            : started != null && ended != null ? Duration.between(started, ended) : null;
    return new Action(
        stepId,
        action == null ? stepId : action,
        started,
        ended,
        duration,
        outcome,
        Math.max(attempts, 1),
        String.join("; ", detail),
        raw);
  }

  /**
   * Each recovery path choice, one per step (a table each), in the order of their first results: the last
   * successful result of the step, with the table its command named.
   */
  private static List<RecoveryPath> recoveryPaths(List<IncidentEvent> events) {
    Map<String, String> tableOfStep = new LinkedHashMap<>();
    Map<String, RecoveryPathChoice> choiceOfStep = new LinkedHashMap<>();
    for (IncidentEvent e : events) {
      if (e instanceof CommandIssued c && c.fields().containsKey("tableName")) {
        tableOfStep.putIfAbsent(stepKey(e), c.fields().get("tableName"));
      } else if (e instanceof CommandCompleted c && c.recoveryPath() != null) {
        choiceOfStep.put(stepKey(e), c.recoveryPath());
      }
    }
    return choiceOfStep.entrySet().stream()
        .map(c -> new RecoveryPath(c.getKey(), tableOfStep.get(c.getKey()), c.getValue()))
        .toList();
  }

  private static List<Approval> approvals(List<IncidentEvent> events, List<Action> actions) {
    Map<String, String> actionOfStep = new LinkedHashMap<>();
    actions.forEach(a -> actionOfStep.put(a.stepId(), a.action()));
    List<Approval> approvals = new ArrayList<>();
    for (IncidentEvent e : events) {
      String step = e.meta().stepId();
      if (e instanceof ApprovalRequested r) {
        approvals.add(
            new Approval(
                r.meta().at(),
                step,
                r.action(),
                "REQUESTED",
                r.requiredApprovers() + " × " + r.requiredRole(),
                r.requiredRole(),
                "deadline " + ReportFormat.time(r.deadline()) + ", on timeout: " + r.onTimeout()));
      } else if (e instanceof ApprovalGranted g) {
        approvals.add(
            new Approval(
                g.meta().at(),
                step,
                actionOfStep.getOrDefault(step, step),
                "GRANTED",
                g.approver(),
                g.role(),
                (g.comment() == null ? "" : g.comment() + " ")
                    + "("
                    + g.approvalsSoFar()
                    + " of "
                    + g.requiredApprovers()
                    + ")"));
      } else if (e instanceof ApprovalRejected r) {
        approvals.add(
            new Approval(
                r.meta().at(),
                step,
                actionOfStep.getOrDefault(step, step),
                "REJECTED",
                r.approver(),
                r.role(),
                r.reason()));
      }
    }
    return approvals;
  }

  private static Maintenance maintenance(
      Kind kind,
      List<IncidentEvent> events,
      Optional<Resolved> resolved,
      Instant startedAt,
      Instant endAt,
      ReportTargets targets) {
    if (kind == Kind.BACKUP_VERIFICATION) {
      long target = targets.backupRestore().toSeconds();
      Optional<CommandCompleted> verified =
          events.stream()
              .filter(
                  e ->
                      e instanceof CommandCompleted c
                          && c.success()
                          && c.fields().containsKey("restoreDurationMillis"))
              .map(e -> (CommandCompleted) e)
              .reduce((a, b) -> b);
      if (verified.isEmpty()) {
        return new Maintenance(
            "Restore time of the test restore",
            null,
            target,
            null,
            null,
            "The log holds no completed backup restore verification.");
      }
      Map<String, String> f = verified.get().fields();
      long seconds = Math.round(Long.parseLong(f.get("restoreDurationMillis")) / 1000.0);
      Boolean passed = f.containsKey("passed") ? Boolean.valueOf(f.get("passed")) : null;
      return new Maintenance(
          "Restore time of the test restore",
          seconds,
          target,
          seconds <= target,
          passed,
          "Validation "
              + (Boolean.TRUE.equals(passed) ? "passed" : "did not pass")
              + ": "
              + ReportFormat.fields(withoutKey(f, "restoreDurationMillis")));
    }
    if (kind == Kind.DR_DRILL) {
      long target = targets.drillRecovery().toSeconds();
      Long seconds =
          resolved
              .map(Resolved::measuredRtoSeconds)
              .orElse(endAt != null ? Duration.between(startedAt, endAt).toSeconds() : null);
      return new Maintenance(
          "Recovery time (simulated failure to verified recovery)",
          seconds,
          target,
          seconds == null ? null : seconds <= target,
          resolved.map(r -> "RECOVERED".equals(r.outcome())).orElse(null),
          seconds == null
              ? "The drill has not resolved yet."
              : seconds <= target ? "RTO target met" : "RTO target exceeded - review procedures");
    }
    return null;
  }

  /** Facts from the log worth a look in the review; people write the lessons. */
  private static List<String> observations(IncidentReport r, ReportTargets targets) {
    List<String> out = new ArrayList<>();
    Impact i = r.impact();
    if (i.rtoMet() != null) {
      out.add(
          i.rtoMet()
              ? "RTO target met: " + i.rtoSeconds() + " s of " + i.rtoTargetSeconds() + " s."
              : "RTO target missed by "
                  + (i.rtoSeconds() - i.rtoTargetSeconds())
                  + " s ("
                  + i.rtoSeconds()
                  + " s of "
                  + i.rtoTargetSeconds()
                  + " s).");
    }
    if (i.rpoMet() != null && !i.rpoMet()) {
      out.add(
          "RPO target missed: "
              + i.rpoSeconds()
              + " s of data at risk, target "
              + i.rpoTargetSeconds()
              + " s.");
    }
    r.actions().stream()
        .filter(a -> RUNNING.equals(a.outcome()))
        .forEach(
            a ->
                out.add(
                    "Step "
                        + a.action()
                        + " was still running at report time (started "
                        + ReportFormat.time(a.startedAt())
                        + ")."));
    r.actions().stream()
        .filter(
            a ->
                !"SUCCEEDED".equals(a.outcome())
                    && !"SKIPPED".equals(a.outcome())
                    && !RUNNING.equals(a.outcome()))
        .forEach(a -> out.add("Step " + a.action() + " ended " + a.outcome() + ": " + a.detail()));
    r.actions().stream()
        .filter(a -> a.attempts() > 1)
        .forEach(a -> out.add("Step " + a.action() + " needed " + a.attempts() + " attempts."));
    Map<String, Long> failedByChannel =
        r.notifications().stream()
            .filter(n -> "FAILED".equals(n.outcome()))
            .collect(
                Collectors.groupingBy(
                    Notification::channel, LinkedHashMap::new, Collectors.counting()));
    failedByChannel.forEach(
        (ch, n) -> out.add("Channel " + ch + ": " + n + " deliveries failed after retries."));
    if (!r.escalations().isEmpty()) {
      Escalation top = r.escalations().get(r.escalations().size() - 1);
      out.add(
          "Escalated to level "
              + top.level()
              + " ("
              + top.target()
              + ") "
              + ReportFormat.duration(top.sinceDetection())
              + " after detection.");
    }
    if (r.audit().broken()) {
      out.add("The timeline's hash chain does not hold: " + r.audit().summary());
    }
    if (r.maintenance() != null && Boolean.FALSE.equals(r.maintenance().targetMet())) {
      out.add(
          r.maintenance().measured()
              + " exceeded its target of "
              + r.maintenance().targetSeconds()
              + " s.");
    }
    return out;
  }

  static String describe(IncidentEvent e) {
    if (e instanceof Opened o) {
      return "IncidentOpened " + o.severity() + " " + o.scenario() + " in " + o.region();
    } else if (e instanceof SignalJoined s) {
      return "IncidentSignalJoined " + s.severity() + ": " + String.join("; ", s.symptoms());
    } else if (e instanceof SeverityUpgraded u) {
      return "IncidentSeverityUpgraded " + u.from() + " → " + u.to() + ": " + u.reason();
    } else if (e instanceof StepStarted s) {
      return "StepStarted "
          + s.action()
          + (s.parameters().isEmpty() ? "" : " " + ReportFormat.fields(s.parameters()));
    } else if (e instanceof StepSucceeded s) {
      return "StepSucceeded "
          + s.action()
          + " in "
          + ReportFormat.duration(Duration.ofMillis(s.durationMillis()));
    } else if (e instanceof StepFailed f) {
      return "StepFailed " + f.action() + ": " + f.code() + (f.willRetry() ? " (will retry)" : "");
    } else if (e instanceof StepSkipped s) {
      return "StepSkipped " + s.action() + ": " + s.reason();
    } else if (e instanceof StepTimedOut t) {
      return "StepTimedOut " + t.action() + (t.willRetry() ? " (will retry)" : "");
    } else if (e instanceof ApprovalRequested r) {
      return "ApprovalRequested " + r.action() + " from " + r.requiredRole();
    } else if (e instanceof ApprovalGranted g) {
      return "ApprovalGranted by " + g.approver() + " (" + g.role() + ")";
    } else if (e instanceof ApprovalRejected r) {
      return "ApprovalRejected by " + r.approver() + " (" + r.role() + "): " + r.reason();
    } else if (e instanceof EscalationRaised x) {
      return "EscalationRaised level " + x.level() + " " + x.target() + ": " + x.reason();
    } else if (e instanceof Acknowledged a) {
      return "IncidentAcknowledged by " + a.by();
    } else if (e instanceof Resolved r) {
      return "IncidentResolved " + r.outcome();
    } else if (e instanceof Closed c) {
      return "IncidentClosed by " + c.by() + ": " + c.reason();
    } else if (e instanceof CommandIssued c) {
      return c.type() + (c.fields().isEmpty() ? "" : " " + ReportFormat.fields(c.fields()));
    } else if (e instanceof CommandCompleted c) {
      String detail = c.success() ? StepDetail.of(c.fields()) : c.fields().getOrDefault("code", "");
      return c.type()
          + " "
          + (c.success() ? c.outcomeType() : "CommandFailure")
          + (detail.isBlank() ? "" : " " + detail);
    } else if (e instanceof NotificationAttempt n) {
      return "NotificationAttempted "
          + n.channel()
          + " → "
          + n.recipient()
          + " #"
          + n.attempt()
          + " "
          + n.outcome();
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  /** The whole event, every field, for the raw view of a step. */
  static String describeInFull(IncidentEvent e) {
    if (e instanceof StepStarted s) {
      return "StepStarted " + s.action() + " " + ReportFormat.fields(s.parameters());
    } else if (e instanceof StepSucceeded s) {
      return "StepSucceeded "
          + s.action()
          + " durationMillis="
          + s.durationMillis()
          + (s.outputs().isEmpty() ? "" : ", " + ReportFormat.fields(s.outputs()));
    } else if (e instanceof StepFailed f) {
      return "StepFailed "
          + f.action()
          + " "
          + f.code()
          + ": "
          + f.message()
          + " (willRetry="
          + f.willRetry()
          + ", onFailure="
          + f.onFailure()
          + ")";
    } else if (e instanceof CommandIssued c) {
      return c.type() + " " + ReportFormat.fields(c.fields());
    } else if (e instanceof CommandCompleted c) {
      return c.type() + " " + c.outcomeType() + " " + ReportFormat.fields(c.fields());
    }
    return describe(e);
  }

  private static <T extends IncidentEvent> Optional<T> first(
      List<IncidentEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  private static <T extends IncidentEvent> Optional<T> last(
      List<IncidentEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b);
  }

  private static Map<String, String> withoutKey(Map<String, String> m, String key) {
    Map<String, String> copy = new LinkedHashMap<>(m);
    copy.remove(key);
    return copy;
  }

  private static String stripSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
