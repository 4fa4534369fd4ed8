package io.drautopilot.console.domain;

import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;

/**
 * The console's read model: every incident as its timeline and its commands' progress tell it.
 * Events are applied in the order they were read (one writer, the topic reader); pages read the
 * immutable {@link Incident} views, rebuilt after each change, so no page sees a half-applied event.
 */
public final class IncidentBoard {

  private final Duration defaultRtoTarget;
  private final Duration rpoTarget;
  private final Map<String, MutableIncident> state = new LinkedHashMap<>();
  private final Map<String, Incident> views = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public IncidentBoard(Duration defaultRtoTarget, Duration rpoTarget) {
    this.defaultRtoTarget = defaultRtoTarget;
    this.rpoTarget = rpoTarget;
  }

  public IncidentBoard(Duration defaultRtoTarget) {
    this(defaultRtoTarget, Duration.ofMinutes(5));
  }

  /** Called with the incident id after each change that a page would show. */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<String> listener) {
    listeners.remove(listener);
  }

  /** Forgets everything, before the topics are read again from the beginning. */
  public void clear() {
    synchronized (state) {
      state.clear();
      views.clear();
    }
  }

  /** Open incidents first, then the most recently opened. */
  public List<Incident> incidents() {
    return views.values().stream()
        .sorted(
            Comparator.comparing((Incident i) -> !i.open())
                .thenComparing(Incident::openedAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  public Optional<Incident> incident(String incidentId) {
    return Optional.ofNullable(views.get(incidentId));
  }

  /**
   * Applies one record of the timeline or progress topic; anything else (a record type this
   * console does not know yet) still appears in the incident's timeline by its type.
   */
  public void apply(IndexedRecord event) {
    EventMetadata m = metadataOf(event);
    if (m == null) {
      return;
    }
    String incidentId;
    synchronized (state) {
      MutableIncident incident = state.computeIfAbsent(m.getIncidentId(), MutableIncident::new);
      incident.apply(event, m);
      incidentId = incident.id;
      if (incident.opened) {
        views.put(incidentId, incident.view(defaultRtoTarget, rpoTarget));
      }
    }
    if (views.containsKey(incidentId)) {
      listeners.forEach(l -> l.accept(incidentId));
    }
  }

  private static EventMetadata metadataOf(IndexedRecord event) {
    var field = event.getSchema().getField("metadata");
    return field != null && event.get(field.pos()) instanceof EventMetadata m ? m : null;
  }

  /** What one incident is, as of the last event applied. Mutated only under the board's lock. */
  private static final class MutableIncident {
    final String id;
    boolean opened;
    String scenario;
    String severity;
    String region;
    List<String> affectedResources = List.of();
    Instant impactStartedAt;
    Instant detectedAt;
    Instant openedAt;
    int escalationLevel;
    String escalationTarget;
    String acknowledgedBy;
    Instant acknowledgedAt;
    String outcome;
    Instant resolvedAt;
    Long measuredRtoSeconds;
    Long measuredRpoSeconds;
    Long rtoTargetSeconds;
    String runbookId;
    Integer runbookVersion;
    Instant restorePointTime;
    Incident.Report report;
    Incident.Closure closure;
    final Map<String, MutableStep> steps = new LinkedHashMap<>();
    final List<Incident.Entry> timeline = new ArrayList<>();

    MutableIncident(String id) {
      this.id = id;
    }

    void apply(IndexedRecord event, EventMetadata m) {
      Instant at = m.getOccurredAt();
      String stepId = m.getStepId();
      if (m.getRunbookId() != null) {
        runbookId = m.getRunbookId();
        runbookVersion = m.getRunbookVersion();
      }
      if (event instanceof CommandProgressed p) {
        if (stepId != null) {
          MutableStep s = step(stepId, p.getAction());
          s.attempts = Math.max(s.attempts, m.getAttempt());
          s.progress =
              new Incident.Progress(
                  p.getItemsDone(),
                  p.getItemsTotal(),
                  p.getPercentDone(),
                  p.getItemsPerSecond(),
                  p.getMessage(),
                  at);
        }
        // progress is shown on its step, not as a timeline line: a restore reports every second
        return;
      }
      String text = describe(event, m, at, stepId);
      timeline.add(
          new Incident.Entry(at, event.getSchema().getName(), stepId, m.getAttempt(), text));
    }

    private String describe(IndexedRecord event, EventMetadata m, Instant at, String stepId) {
      if (event instanceof IncidentOpened e) {
        opened = true;
        scenario = e.getScenario().name();
        severity = e.getSeverity().name();
        region = e.getRegion();
        affectedResources = List.copyOf(e.getAffectedResources());
        impactStartedAt = e.getImpactStartedAt();
        detectedAt = e.getDetectedAt();
        openedAt = at;
        return "Opened: "
            + severity
            + " "
            + scenario
            + " in "
            + region
            + " ("
            + String.join(", ", affectedResources)
            + ")";
      }
      if (event instanceof IncidentSignalJoined e) {
        return "Another detection joined (" + e.getSeverity() + ")";
      }
      if (event instanceof IncidentSeverityUpgraded e) {
        severity = e.getToSeverity().name();
        return "Severity upgraded "
            + e.getFromSeverity()
            + " → "
            + e.getToSeverity()
            + ": "
            + e.getReason();
      }
      if (event instanceof EscalationRaised e) {
        escalationLevel = e.getLevel();
        escalationTarget = e.getTarget();
        return "Escalated to level " + e.getLevel() + " (" + e.getTarget() + "): " + e.getReason();
      }
      if (event instanceof IncidentAcknowledged e) {
        acknowledgedBy = e.getAcknowledgedBy();
        acknowledgedAt = at;
        return "Acknowledged by "
            + e.getAcknowledgedBy()
            + (e.getNote() == null ? "" : ": " + e.getNote());
      }
      if (event instanceof StepStarted e) {
        MutableStep s = step(stepId, e.getAction());
        s.attempts = Math.max(s.attempts, m.getAttempt());
        // the gantt shows a step from its first start (waiting for approval, retries and all) to
        // its end
        if (s.startedAt == null) {
          s.startedAt = at;
        }
        s.finishedAt = null;
        boolean waiting =
            e.getCommandEventId() == null && s.approval != null && !s.approval.decided();
        s.status = waiting ? StepStatus.AWAITING_APPROVAL : StepStatus.RUNNING;
        return waiting
            ? "Step " + stepId + " waits for approval"
            : "Step " + stepId + " started (attempt " + m.getAttempt() + ")";
      }
      if (event instanceof ApprovalRequested e) {
        MutableStep s = step(stepId, e.getAction());
        s.status = StepStatus.AWAITING_APPROVAL;
        s.approval =
            new MutableApproval(e.getRequiredRole(), e.getRequiredApprovers(), e.getDeadline());
        return "Step "
            + stepId
            + " needs "
            + e.getRequiredApprovers()
            + " approval(s) by role "
            + e.getRequiredRole();
      }
      if (event instanceof ApprovalGranted e) {
        MutableStep s = step(stepId, null);
        if (s.approval == null) {
          s.approval = new MutableApproval(e.getRole(), e.getRequiredApprovers(), null);
        }
        s.approval.approvers.add(e.getApprover());
        s.approval.required = e.getRequiredApprovers();
        return "Step "
            + stepId
            + " approved by "
            + e.getApprover()
            + " ("
            + e.getApprovalsSoFar()
            + " of "
            + e.getRequiredApprovers()
            + ")"
            + (e.getComment() == null ? "" : ": " + e.getComment());
      }
      if (event instanceof ApprovalRejected e) {
        MutableStep s = step(stepId, null);
        if (s.approval == null) {
          s.approval = new MutableApproval(e.getRole(), 1, null);
        }
        s.approval.rejectedBy = e.getApprover();
        s.approval.rejectionReason = e.getReason();
        s.status = StepStatus.REJECTED;
        s.finishedAt = at;
        return "Step " + stepId + " rejected by " + e.getApprover() + ": " + e.getReason();
      }
      if (event instanceof StepSucceeded e) {
        MutableStep s = step(stepId, e.getAction());
        s.status = StepStatus.SUCCEEDED;
        s.durationMillis = e.getDurationMillis();
        s.finishedAt = at;
        s.outputs = Map.copyOf(e.getOutputs());
        String restorePoint = e.getOutputs().get("restorePointTime");
        if (restorePoint != null && !restorePoint.isBlank()) {
          try {
            restorePointTime = Instant.parse(restorePoint);
          } catch (java.time.format.DateTimeParseException notATime) {
            // a restore point named some other way leaves the window growing, as if none were
            // chosen
          }
        }
        if (Incident.REPORT_ACTION.equals(s.action)) {
          report = new Incident.Report(s.id, e.getOutputs().get("location"), at);
        }
        return "Step " + stepId + " succeeded";
      }
      if (event instanceof StepFailed e) {
        MutableStep s = step(stepId, e.getAction());
        s.status = e.getWillRetry() ? StepStatus.RETRYING : StepStatus.FAILED;
        s.lastFailure = e.getFailure().getCode() + ": " + e.getFailure().getMessage();
        s.finishedAt = e.getWillRetry() ? null : at;
        return "Step "
            + stepId
            + " failed (attempt "
            + m.getAttempt()
            + "): "
            + s.lastFailure
            + (e.getWillRetry() ? "; will retry" : "");
      }
      if (event instanceof StepTimedOut e) {
        MutableStep s = step(stepId, e.getAction());
        s.status = e.getWillRetry() ? StepStatus.RETRYING : StepStatus.TIMED_OUT;
        s.lastFailure =
            "no result within " + Duration.ofMillis(e.getTimeoutMillis()).toSeconds() + " s";
        s.finishedAt = e.getWillRetry() ? null : at;
        return "Step "
            + stepId
            + " timed out (attempt "
            + m.getAttempt()
            + ")"
            + (e.getWillRetry() ? "; will retry" : "");
      }
      if (event instanceof StepSkipped e) {
        MutableStep s = step(stepId, e.getAction());
        s.status = StepStatus.SKIPPED;
        s.lastFailure = e.getReason();
        return "Step " + stepId + " skipped: " + e.getReason();
      }
      if (event instanceof IncidentResolved e) {
        outcome = e.getOutcome();
        resolvedAt = e.getResolvedAt();
        measuredRtoSeconds = e.getMeasuredRtoSeconds();
        measuredRpoSeconds = e.getMeasuredRpoSeconds();
        if (e.getRtoTargetSeconds() != null) {
          rtoTargetSeconds = e.getRtoTargetSeconds();
        }
        return "Resolved: "
            + e.getOutcome()
            + (e.getMeasuredRtoSeconds() == null
                ? ""
                : ", RTO " + e.getMeasuredRtoSeconds() + " s");
      }
      if (event instanceof IncidentClosed e) {
        closure =
            new Incident.Closure(
                e.getClosedBy(), e.getReason(), at, e.getChainHead(), e.getSigningKeyId());
        return "Closed by " + e.getClosedBy() + ": " + e.getReason();
      }
      return event.getSchema().getName();
    }

    private MutableStep step(String stepId, String action) {
      MutableStep s =
          steps.computeIfAbsent(stepId == null ? "(incident)" : stepId, MutableStep::new);
      if (action != null) {
        s.action = action;
      }
      return s;
    }

    Incident view(Duration defaultRtoTarget, Duration rpoTarget) {
      List<Incident.Step> stepViews = steps.values().stream().map(MutableStep::view).toList();
      return new Incident(
          id,
          scenario,
          severity,
          region,
          affectedResources,
          impactStartedAt,
          detectedAt,
          openedAt,
          rtoTargetSeconds == null ? defaultRtoTarget : Duration.ofSeconds(rtoTargetSeconds),
          rpoTarget,
          runbookId,
          runbookVersion,
          escalationLevel,
          escalationTarget,
          acknowledgedBy,
          acknowledgedAt,
          outcome,
          resolvedAt,
          measuredRtoSeconds,
          measuredRpoSeconds,
          restorePointTime,
          report,
          closure,
          stepViews,
          List.copyOf(timeline));
    }
  }

  private static final class MutableStep {
    final String id;
    String action;
    StepStatus status = StepStatus.PENDING;
    int attempts;
    Instant startedAt;
    Instant finishedAt;
    Long durationMillis;
    String lastFailure;
    Incident.Progress progress;
    MutableApproval approval;
    Map<String, String> outputs = Map.of();

    MutableStep(String id) {
      this.id = id;
    }

    Incident.Step view() {
      return new Incident.Step(
          id,
          action,
          status,
          attempts,
          startedAt,
          finishedAt,
          durationMillis,
          lastFailure,
          progress,
          approval == null
              ? null
              : new Incident.Approval(
                  approval.role,
                  approval.required,
                  List.copyOf(approval.approvers),
                  approval.deadline,
                  approval.rejectedBy,
                  approval.rejectionReason),
          outputs);
    }
  }

  private static final class MutableApproval {
    final String role;
    int required;
    final Instant deadline;
    final List<String> approvers = new ArrayList<>();
    String rejectedBy;
    String rejectionReason;

    MutableApproval(String role, int required, Instant deadline) {
      this.role = role;
      this.required = required;
      this.deadline = deadline;
    }

    boolean decided() {
      return rejectedBy != null || approvers.size() >= required;
    }
  }
}
