package io.drautopilot.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One incident as of the last event read: what the Incidents and Incident pages show. */
public record Incident(
    String id,
    String scenario,
    String severity,
    String region,
    List<String> affectedResources,
    Instant impactStartedAt,
    Instant detectedAt,
    Instant openedAt,
    Duration rtoTarget,
    Duration rpoTarget,
    String runbookId,
    Integer runbookVersion,
    int escalationLevel,
    String escalationTarget,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String outcome,
    Instant resolvedAt,
    Long measuredRtoSeconds,
    Long measuredRpoSeconds,
    Instant restorePointTime,
    Report report,
    Closure closure,
    List<Step> steps,
    List<Entry> timeline) {

  /** The action of the runbook step that asks the notifier for the post-incident report. */
  public static final String REPORT_ACTION = "notifier.generateIncidentReport";

  public boolean open() {
    return closure == null;
  }

  public boolean acknowledged() {
    return acknowledgedBy != null;
  }

  /** The RTO clock starts when the impact started (as the orchestrator measures it) and stops at resolution. */
  public Instant clockStart() {
    return impactStartedAt != null ? impactStartedAt : detectedAt != null ? detectedAt : openedAt;
  }

  /** Epoch milliseconds for the pages' live clocks (0 when unknown). */
  public long clockStartMillis() {
    return clockStart() == null ? 0 : clockStart().toEpochMilli();
  }

  public long clockStopMillis() {
    return clockStop() == null ? 0 : clockStop().toEpochMilli();
  }

  public long openedAtMillis() {
    return openedAt == null ? 0 : openedAt.toEpochMilli();
  }

  public Instant clockStop() {
    return resolvedAt != null ? resolvedAt : closure != null ? closure.closedAt() : null;
  }

  public Duration elapsed(Instant now) {
    Instant start = clockStart();
    Instant stop = clockStop() != null ? clockStop() : now;
    return start == null ? Duration.ZERO : Duration.between(start, stop);
  }

  public boolean overRto(Instant now) {
    return elapsed(now).compareTo(rtoTarget) > 0;
  }

  /**
   * The data-loss window: what a restore would lose. Once a restore point is chosen it is fixed (from
   * the restore point to the impact's start); before that, and with no restore needed, the writes since
   * the impact started are at risk, so the window grows until the incident is resolved.
   */
  public Duration dataLoss(Instant now) {
    if (measuredRpoSeconds != null) {
      return Duration.ofSeconds(measuredRpoSeconds);
    }
    Instant start = dataLossStart();
    Instant stop = dataLossStop() != null ? dataLossStop() : now;
    return start == null
        ? Duration.ZERO
        : Duration.between(start, stop).isNegative()
            ? Duration.ZERO
            : Duration.between(start, stop);
  }

  public boolean overRpo(Instant now) {
    return dataLoss(now).compareTo(rpoTarget) > 0;
  }

  /** Whether the window still grows (no restore point yet, not resolved): the page's clock ticks. */
  public boolean dataLossGrowing() {
    return measuredRpoSeconds == null
        && restorePointTime == null
        && resolvedAt == null
        && closure == null;
  }

  private Instant dataLossStart() {
    if (restorePointTime != null) {
      return restorePointTime;
    }
    return impactStartedAt != null ? impactStartedAt : detectedAt;
  }

  private Instant dataLossStop() {
    if (restorePointTime != null) {
      return impactStartedAt != null ? impactStartedAt : restorePointTime;
    }
    return clockStop();
  }

  /** For the live clock: epoch millis the window starts at, and where it stops (0 while it grows). */
  public long dataLossStartMillis() {
    Instant start = dataLossStart();
    return start == null ? 0 : start.toEpochMilli();
  }

  public long dataLossStopMillis() {
    if (measuredRpoSeconds != null) {
      return dataLossStartMillis() + measuredRpoSeconds * 1000;
    }
    Instant stop = dataLossStop();
    return stop == null ? 0 : stop.toEpochMilli();
  }

  /** Gates waiting for people: asked, neither rejected nor given all their approvals yet. */
  public List<Step> waitingApprovals() {
    return steps.stream()
        .filter(
            s ->
                s.status() == StepStatus.AWAITING_APPROVAL
                    && s.approval() != null
                    && s.approval().rejectedBy() == null
                    && s.approval().missing() > 0)
        .toList();
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  public record Step(
      String id,
      String action,
      StepStatus status,
      int attempts,
      Instant startedAt,
      Instant finishedAt,
      Long durationMillis,
      String lastFailure,
      Progress progress,
      Approval approval,
      Map<String, String> outputs) {

    /** Attempts after the first. */
    public int retries() {
      return Math.max(0, attempts - 1);
    }

    /** Where the step ends on the gantt: its end, or {@code now} while it runs. */
    public Instant endOr(Instant now) {
      return finishedAt != null ? finishedAt : now;
    }
  }

  /** The post-incident report the notifier generated: where it wrote it, and when. */
  public record Report(String stepId, String location, Instant generatedAt) {}

  /** An approval gate: the two-person rule is {@code required = 2} with distinct approvers. */
  public record Approval(
      String role,
      int required,
      List<String> approvers,
      Instant deadline,
      String rejectedBy,
      String rejectionReason) {
    public int missing() {
      return Math.max(0, required - approvers.size());
    }

    /** Time left before the gate escalates (zero once past its deadline; null without one). */
    public Duration timeLeft(Instant now) {
      if (deadline == null) {
        return null;
      }
      Duration left = Duration.between(now, deadline);
      return left.isNegative() ? Duration.ZERO : left;
    }

    public long deadlineMillis() {
      return deadline == null ? 0 : deadline.toEpochMilli();
    }
  }

  /** The last {@code CommandProgressed} of a step's command. */
  public record Progress(
      long itemsDone,
      Long itemsTotal,
      Double percentDone,
      Double itemsPerSecond,
      String message,
      Instant at) {

    /** Percent done as reported, or from the item counts. */
    public Double percent() {
      if (percentDone != null) {
        return percentDone;
      }
      return itemsTotal == null || itemsTotal == 0 ? null : 100.0 * itemsDone / itemsTotal;
    }

    /** Time left at the reported rate, when the total and the rate are known. */
    public Duration eta() {
      if (itemsTotal == null || itemsPerSecond == null || itemsPerSecond <= 0) {
        return null;
      }
      return Duration.ofSeconds(
          (long) Math.ceil(Math.max(0, itemsTotal - itemsDone) / itemsPerSecond));
    }
  }

  /** The incident's audit chain as the orchestrator closed it. */
  public record Closure(
      String closedBy, String reason, Instant closedAt, String chainHead, String signingKeyId) {}

  /** One timeline line. */
  public record Entry(Instant at, String type, String stepId, int attempt, String text) {}
}
