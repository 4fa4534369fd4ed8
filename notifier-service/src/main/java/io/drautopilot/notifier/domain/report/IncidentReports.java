package io.drautopilot.notifier.domain.report;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRejected;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentAcknowledged;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepSkipped;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.timeline.StepTimedOut;
import io.drautopilot.notifier.domain.EscalationReason;
import io.drautopilot.notifier.domain.Severities;
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
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;

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

  /**
   * The timeline and delivery records the report reads as they were written; any other record with
   * a metadata block (progress, detections, {@code BreachSubjectsViewed}) it leaves out. Commands and
   * results come as {@link CommandIssued} and {@link CommandCompleted}.
   */
  private static final Set<Class<?>> RECORDS_READ =
      Set.of(
          IncidentOpened.class,
          IncidentSignalJoined.class,
          IncidentSeverityUpgraded.class,
          StepStarted.class,
          StepSucceeded.class,
          StepFailed.class,
          StepSkipped.class,
          StepTimedOut.class,
          ApprovalRequested.class,
          ApprovalGranted.class,
          ApprovalRejected.class,
          EscalationRaised.class,
          IncidentAcknowledged.class,
          IncidentResolved.class,
          IncidentClosed.class,
          NotificationAttempted.class);

  private IncidentReports() {}

  /** Whether the report reads this contract record as it is (a timeline record, a delivery attempt). */
  public static boolean reads(Object record) {
    return record != null && RECORDS_READ.contains(record.getClass());
  }

  /**
   * The report of one incident's events: timeline and delivery records (see {@link #reads}), {@link
   * CommandIssued} and {@link CommandCompleted}, in any order. A record of an older schema version
   * comes decoded into the current class, with the fields added since null or at their defaults.
   */
  public static IncidentReport render(List<?> events, ReportTargets targets) {
    return render(events, targets, IncidentReport.Audit.NOT_CHECKED);
  }

  /** The report, with the audit section as the timeline's chain was checked by the caller. */
  public static IncidentReport render(
      List<?> events, ReportTargets targets, IncidentReport.Audit audit) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("no events: a report needs at least the incident's log");
    }
    // A redelivered command's result is published again with the same event id: one event, once.
    Map<String, Object> unique = new LinkedHashMap<>();
    events.forEach(e -> unique.putIfAbsent(meta(e).getEventId(), e));
    List<Object> ordered =
        unique.values().stream()
            .sorted(
                Comparator.comparing(IncidentReports::at).thenComparingInt(IncidentReports::source))
            .collect(Collectors.toList());
    String incidentId = meta(ordered.get(0)).getIncidentId();
    Optional<IncidentOpened> opened = first(ordered, IncidentOpened.class);
    Optional<IncidentResolved> resolved = last(ordered, IncidentResolved.class);
    Optional<IncidentClosed> closed = last(ordered, IncidentClosed.class);
    Instant firstAt = at(ordered.get(0));
    Instant lastAt = at(ordered.get(ordered.size() - 1));
    Instant detectedAt = opened.map(IncidentOpened::getDetectedAt).orElse(firstAt);
    Instant startedAt = opened.map(IncidentOpened::getImpactStartedAt).orElse(detectedAt);

    String scenario =
        opened
            .map(o -> o.getScenario().name())
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
    opened.ifPresent(o -> severityHistory.add(o.getSeverity().name() + " at detection"));
    String severity = opened.map(o -> o.getSeverity().name()).orElse(null);
    for (Object e : ordered) {
      if (e instanceof IncidentSeverityUpgraded u) {
        severityHistory.add(
            u.getFromSeverity().name()
                + " → "
                + u.getToSeverity().name()
                + " at "
                + ReportFormat.time(at(u))
                + ": "
                + u.getReason());
        severity = u.getToSeverity().name();
      }
    }

    Instant endAt =
        resolved
            .map(IncidentResolved::getResolvedAt)
            .orElse(closed.map(IncidentReports::at).orElse(null));
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
            opened.map(IncidentOpened::getRegion).orElse(null),
            opened.map(o -> List.copyOf(o.getAffectedResources())).orElse(List.of()),
            rootCause(ordered, opened, closed),
            resolved.map(IncidentResolved::getOutcome).orElse(endAt != null ? "CLOSED" : "OPEN"));

    List<Action> actions = actions(ordered);
    List<Acknowledgement> acks =
        all(ordered, IncidentAcknowledged.class).stream()
            .map(
                a ->
                    new Acknowledgement(
                        at(a),
                        a.getAcknowledgedBy(),
                        a.getNote(),
                        Duration.between(detectedAt, at(a))))
            .toList();
    Timeline timeline = timeline(ordered, opened, resolved, closed, acks, actions, detectedAt);
    Impact impact = impact(resolved, startedAt, endAt, targets, severity);

    List<Escalation> escalations =
        all(ordered, EscalationRaised.class).stream()
            .map(
                x ->
                    new Escalation(
                        at(x),
                        x.getLevel(),
                        x.getTarget(),
                        x.getReason(),
                        EscalationReason.of(x.getCause(), x.getFailedStepId(), x.getFailure()),
                        Duration.between(detectedAt, at(x))))
            .toList();
    List<Notification> notifications =
        all(ordered, NotificationAttempted.class).stream()
            .map(
                n ->
                    new Notification(
                        at(n),
                        n.getChannel(),
                        n.getRecipient(),
                        n.getTemplateId(),
                        n.getAttempt(),
                        n.getOutcome().name(),
                        n.getDetail()))
            .toList();
    Maintenance maintenance = maintenance(kind, ordered, resolved, startedAt, endAt, targets);
    List<LogEntry> log = ordered.stream().map(e -> new LogEntry(at(e), describe(e))).toList();
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
            audit,
            null,
            null);
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
        audit,
        null,
        null);
  }

  /** The topic an event comes from, as a rank. */
  static int source(Object e) {
    if (e instanceof CommandIssued) {
      return 1;
    } else if (e instanceof NotificationAttempted) {
      return 2;
    } else if (e instanceof CommandCompleted) {
      return 3;
    }
    return 0;
  }

  private static String rootCause(
      List<Object> events, Optional<IncidentOpened> opened, Optional<IncidentClosed> closed) {
    List<String> parts = new ArrayList<>();
    opened.ifPresent(
        o ->
            parts.add(
                o.getScenario().name()
                    + " (as classified by the detector)"
                    + (o.getSymptoms().isEmpty()
                        ? ""
                        : ": " + String.join("; ", symptoms(o.getSymptoms())))));
    for (Object e : events) {
      if (e instanceof IncidentSeverityUpgraded u) {
        parts.add("severity upgraded: " + u.getReason());
      }
    }
    closed
        .filter(c -> c.getReason() != null && !c.getReason().isBlank())
        .ifPresent(c -> parts.add("closing note: " + c.getReason()));
    return parts.isEmpty() ? null : String.join(". ", parts);
  }

  /**
   * Where a FAILED recovery ended: the step whose failure stopped it (the last one not retried) and
   * the incident's closing note, so the reader sees the final phase, not only the word FAILED.
   */
  private static String failedPhase(List<Object> events, Optional<IncidentClosed> closed) {
    StringBuilder out = new StringBuilder("Recovery FAILED");
    events.stream()
        .filter(e -> e instanceof StepFailed f && !f.getWillRetry())
        .map(e -> (StepFailed) e)
        .reduce((a, b) -> b)
        .ifPresent(
            f ->
                out.append(" at step ")
                    .append(meta(f).getStepId() == null ? f.getAction() : meta(f).getStepId())
                    .append(" (")
                    .append(f.getAction())
                    .append("): ")
                    .append(f.getFailure().getCode())
                    .append(
                        f.getFailure().getMessage() == null || f.getFailure().getMessage().isBlank()
                            ? ""
                            : " " + f.getFailure().getMessage()));
    closed.ifPresent(
        c ->
            out.append("; closed by ")
                .append(c.getClosedBy())
                .append(
                    c.getReason() == null || c.getReason().isBlank() ? "" : ": " + c.getReason()));
    return out.toString();
  }

  private static Timeline timeline(
      List<Object> events,
      Optional<IncidentOpened> opened,
      Optional<IncidentResolved> resolved,
      Optional<IncidentClosed> closed,
      List<Acknowledgement> acks,
      List<Action> actions,
      Instant detectedAt) {
    Phase detection =
        opened
            .map(
                o ->
                    new Phase(
                        o.getDetectedAt(),
                        "Detected "
                            + o.getScenario().name()
                            + " ("
                            + o.getSeverity().name()
                            + ") in "
                            + o.getRegion()
                            + "; impact started "
                            + ReportFormat.time(o.getImpactStartedAt())
                            + " ("
                            + ReportFormat.duration(
                                Duration.between(o.getImpactStartedAt(), o.getDetectedAt()))
                            + " before detection)"))
            .orElse(new Phase(null, "No IncidentOpened in the log"));

    Optional<StepStarted> firstStep = first(events, StepStarted.class);
    List<String> response = new ArrayList<>();
    Instant responseAt = null;
    if (firstStep.isPresent()) {
      responseAt = at(firstStep.get());
      response.add(
          "automated response started with "
              + firstStep.get().getAction()
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
                        r.getResolvedAt(),
                        "FAILED".equals(r.getOutcome())
                            ? failedPhase(events, closed)
                            : "Resolved: " + r.getOutcome()))
            .or(
                () ->
                    closed.map(
                        c ->
                            new Phase(
                                at(c), "Closed by " + c.getClosedBy() + ": " + c.getReason())))
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
      Optional<IncidentResolved> resolved,
      Instant startedAt,
      Instant endAt,
      ReportTargets targets,
      String severity) {
    Long rto =
        resolved
            .map(IncidentResolved::getMeasuredRtoSeconds)
            .orElse(
                endAt != null && resolved.isPresent()
                    ? Duration.between(startedAt, endAt).toSeconds()
                    : null);
    Long rpo = resolved.map(IncidentResolved::getMeasuredRpoSeconds).orElse(null);
    long rtoTarget =
        resolved
            .map(IncidentResolved::getRtoTargetSeconds)
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
  private static List<Action> actions(List<Object> events) {
    Map<String, List<Object>> byStep = new LinkedHashMap<>();
    boolean timeline = events.stream().anyMatch(e -> e instanceof StepStarted);
    for (Object e : events) {
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
    for (Map.Entry<String, List<Object>> step : byStep.entrySet()) {
      Action a = action(step.getKey(), step.getValue());
      if (!(RUNNING.equals(a.outcome()) && verb(a.action()).equals(REPORT_STEP))) {
        actions.add(a);
      }
    }
    return actions;
  }

  private static String stepKey(Object e) {
    if (meta(e).getStepId() != null) {
      return meta(e).getStepId();
    }
    return e instanceof CommandCompleted ? meta(e).getCausationId() : meta(e).getEventId();
  }

  private static Action action(String stepId, List<Object> events) {
    String action = null;
    Instant started = null;
    Instant ended = null;
    Long durationMillis = null;
    String outcome = RUNNING;
    int attempts = 0;
    List<String> detail = new ArrayList<>();
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> raw = new ArrayList<>();
    for (Object e : events) {
      raw.add(describeInFull(e));
      if (e instanceof StepStarted s) {
        action = s.getAction();
        attempts++;
        started = started == null ? at(s) : started;
      } else if (e instanceof StepSucceeded s) {
        action = action == null ? s.getAction() : action;
        outcome = "SUCCEEDED";
        ended = at(s);
        durationMillis = s.getDurationMillis();
        sorted(s.getOutputs()).forEach(facts::putIfAbsent);
      } else if (e instanceof StepFailed f) {
        action = action == null ? f.getAction() : action;
        outcome = "FAILED";
        ended = at(f);
        detail.add(
            f.getFailure().getCode()
                + ": "
                + f.getFailure().getMessage()
                + (f.getWillRetry() ? " (retried)" : " (policy: " + f.getOnFailure() + ")"));
      } else if (e instanceof StepSkipped s) {
        action = action == null ? s.getAction() : action;
        outcome = "SKIPPED";
        ended = at(s);
        detail.add(s.getReason());
      } else if (e instanceof StepTimedOut t) {
        action = action == null ? t.getAction() : action;
        outcome = "TIMED_OUT";
        ended = at(t);
        detail.add(
            "no result within "
                + ReportFormat.duration(Duration.ofMillis(t.getTimeoutMillis()))
                + (t.getWillRetry() ? " (retried)" : ""));
      } else if (e instanceof CommandIssued c) {
        if (action == null) {
          action = stripSuffix(c.type(), "Command");
          attempts++;
          started = at(c);
        }
      } else if (e instanceof CommandCompleted c) {
        if (c.success()) {
          facts.putAll(c.fields()); // the handler's own figures win over the step's outputs
        }
        if (events.stream().noneMatch(x -> x instanceof StepSucceeded || x instanceof StepFailed)) {
          outcome = c.success() ? "SUCCEEDED" : "FAILED";
          ended = at(c);
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
  private static List<RecoveryPath> recoveryPaths(List<Object> events) {
    Map<String, String> tableOfStep = new LinkedHashMap<>();
    Map<String, RecoveryPathChosen> choiceOfStep = new LinkedHashMap<>();
    for (Object e : events) {
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

  private static List<Approval> approvals(List<Object> events, List<Action> actions) {
    Map<String, String> actionOfStep = new LinkedHashMap<>();
    actions.forEach(a -> actionOfStep.put(a.stepId(), a.action()));
    List<Approval> approvals = new ArrayList<>();
    for (Object e : events) {
      String step = meta(e).getStepId();
      if (e instanceof ApprovalRequested r) {
        approvals.add(
            new Approval(
                at(r),
                step,
                r.getAction(),
                "REQUESTED",
                r.getRequiredApprovers() + " × " + r.getRequiredRole(),
                r.getRequiredRole(),
                "deadline "
                    + ReportFormat.time(r.getDeadline())
                    + ", on timeout: "
                    + r.getOnTimeout()));
      } else if (e instanceof ApprovalGranted g) {
        approvals.add(
            new Approval(
                at(g),
                step,
                actionOfStep.getOrDefault(step, step),
                "GRANTED",
                g.getApprover(),
                g.getRole(),
                (g.getComment() == null ? "" : g.getComment() + " ")
                    + "("
                    + g.getApprovalsSoFar()
                    + " of "
                    + g.getRequiredApprovers()
                    + ")"));
      } else if (e instanceof ApprovalRejected r) {
        approvals.add(
            new Approval(
                at(r),
                step,
                actionOfStep.getOrDefault(step, step),
                "REJECTED",
                r.getApprover(),
                r.getRole(),
                r.getReason()));
      }
    }
    return approvals;
  }

  private static Maintenance maintenance(
      Kind kind,
      List<Object> events,
      Optional<IncidentResolved> resolved,
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
              .map(IncidentResolved::getMeasuredRtoSeconds)
              .orElse(endAt != null ? Duration.between(startedAt, endAt).toSeconds() : null);
      return new Maintenance(
          "Recovery time (simulated failure to verified recovery)",
          seconds,
          target,
          seconds == null ? null : seconds <= target,
          resolved.map(r -> "RECOVERED".equals(r.getOutcome())).orElse(null),
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

  static String describe(Object e) {
    if (e instanceof IncidentOpened o) {
      return "IncidentOpened "
          + o.getSeverity().name()
          + " "
          + o.getScenario().name()
          + " in "
          + o.getRegion();
    } else if (e instanceof IncidentSignalJoined s) {
      return "IncidentSignalJoined "
          + s.getSeverity().name()
          + ": "
          + String.join("; ", symptoms(s.getSymptoms()));
    } else if (e instanceof IncidentSeverityUpgraded u) {
      return "IncidentSeverityUpgraded "
          + u.getFromSeverity().name()
          + " → "
          + u.getToSeverity().name()
          + ": "
          + u.getReason();
    } else if (e instanceof StepStarted s) {
      Map<String, String> parameters = sorted(s.getParameters());
      return "StepStarted "
          + s.getAction()
          + (parameters.isEmpty() ? "" : " " + ReportFormat.fields(parameters));
    } else if (e instanceof StepSucceeded s) {
      return "StepSucceeded "
          + s.getAction()
          + " in "
          + ReportFormat.duration(Duration.ofMillis(s.getDurationMillis()));
    } else if (e instanceof StepFailed f) {
      return "StepFailed "
          + f.getAction()
          + ": "
          + f.getFailure().getCode()
          + (f.getWillRetry() ? " (will retry)" : "");
    } else if (e instanceof StepSkipped s) {
      return "StepSkipped " + s.getAction() + ": " + s.getReason();
    } else if (e instanceof StepTimedOut t) {
      return "StepTimedOut " + t.getAction() + (t.getWillRetry() ? " (will retry)" : "");
    } else if (e instanceof ApprovalRequested r) {
      return "ApprovalRequested " + r.getAction() + " from " + r.getRequiredRole();
    } else if (e instanceof ApprovalGranted g) {
      return "ApprovalGranted by " + g.getApprover() + " (" + g.getRole() + ")";
    } else if (e instanceof ApprovalRejected r) {
      return "ApprovalRejected by " + r.getApprover() + " (" + r.getRole() + "): " + r.getReason();
    } else if (e instanceof EscalationRaised x) {
      return "EscalationRaised level " + x.getLevel() + " " + x.getTarget() + ": " + x.getReason();
    } else if (e instanceof IncidentAcknowledged a) {
      return "IncidentAcknowledged by " + a.getAcknowledgedBy();
    } else if (e instanceof IncidentResolved r) {
      return "IncidentResolved " + r.getOutcome();
    } else if (e instanceof IncidentClosed c) {
      return "IncidentClosed by " + c.getClosedBy() + ": " + c.getReason();
    } else if (e instanceof CommandIssued c) {
      return c.type() + (c.fields().isEmpty() ? "" : " " + ReportFormat.fields(c.fields()));
    } else if (e instanceof CommandCompleted c) {
      String detail = c.success() ? StepDetail.of(c.fields()) : c.fields().getOrDefault("code", "");
      return c.type()
          + " "
          + (c.success() ? c.outcomeType() : "CommandFailure")
          + (detail.isBlank() ? "" : " " + detail);
    } else if (e instanceof NotificationAttempted n) {
      return "NotificationAttempted "
          + n.getChannel()
          + " → "
          + n.getRecipient()
          + " #"
          + n.getAttempt()
          + " "
          + n.getOutcome().name();
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  /** The whole event, every field, for the raw view of a step. */
  static String describeInFull(Object e) {
    if (e instanceof StepStarted s) {
      return "StepStarted " + s.getAction() + " " + ReportFormat.fields(sorted(s.getParameters()));
    } else if (e instanceof StepSucceeded s) {
      Map<String, String> outputs = sorted(s.getOutputs());
      return "StepSucceeded "
          + s.getAction()
          + " durationMillis="
          + s.getDurationMillis()
          + (outputs.isEmpty() ? "" : ", " + ReportFormat.fields(outputs));
    } else if (e instanceof StepFailed f) {
      return "StepFailed "
          + f.getAction()
          + " "
          + f.getFailure().getCode()
          + ": "
          + f.getFailure().getMessage()
          + " (willRetry="
          + f.getWillRetry()
          + ", onFailure="
          + f.getOnFailure()
          + ")";
    } else if (e instanceof CommandIssued c) {
      return c.type() + " " + ReportFormat.fields(c.fields());
    } else if (e instanceof CommandCompleted c) {
      return c.type() + " " + c.outcomeType() + " " + ReportFormat.fields(c.fields());
    }
    return describe(e);
  }

  /**
   * The metadata every event carries: a contract record's own, or the one of the command or result a
   * {@link CommandIssued} or {@link CommandCompleted} reads.
   */
  public static EventMetadata meta(Object e) {
    if (e instanceof CommandIssued c) {
      return c.metadata();
    } else if (e instanceof CommandCompleted c) {
      return c.metadata();
    } else if (e instanceof IndexedRecord r
        && r.getSchema().getField("metadata") != null
        && r.get(r.getSchema().getField("metadata").pos()) instanceof EventMetadata m) {
      return m;
    }
    throw new IllegalArgumentException("not an event of an incident: " + e);
  }

  private static Instant at(Object e) {
    return meta(e).getOccurredAt();
  }

  /**
   * One line per piece of evidence, with what it names (principal, access key, source IP) when it
   * names anything.
   */
  static List<String> symptoms(List<Evidence> evidence) {
    return evidence.stream()
        .map(
            e ->
                e.getSignal()
                    + (e.getResource() == null ? "" : " on " + e.getResource())
                    + ": "
                    + e.getDetail()
                    + (e.getSubjects() == null || e.getSubjects().isEmpty()
                        ? ""
                        : " (subjects: " + ReportFormat.fields(sorted(e.getSubjects())) + ")"))
        .toList();
  }

  /** A record's map (parameters, outputs) in key order: decoded maps have none of their own. */
  private static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  private static <T> List<T> all(List<Object> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static <T> Optional<T> first(List<Object> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  private static <T> Optional<T> last(List<Object> events, Class<T> type) {
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
