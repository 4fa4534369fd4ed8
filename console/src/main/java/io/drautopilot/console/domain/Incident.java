package io.drautopilot.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One incident as of the last event read: what the Incidents and Incident pages show. */
public record Incident(String id, String scenario, String severity, String region, List<String> affectedResources,
                       Instant impactStartedAt, Instant detectedAt, Instant openedAt, Duration rtoTarget,
                       int escalationLevel, String escalationTarget, String acknowledgedBy, Instant acknowledgedAt,
                       String outcome, Instant resolvedAt, Long measuredRtoSeconds, Closure closure,
                       List<Step> steps, List<Entry> timeline) {

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

  /** Gates waiting for people: asked, neither rejected nor given all their approvals yet. */
  public List<Step> waitingApprovals() {
    return steps.stream().filter(s -> s.status() == StepStatus.AWAITING_APPROVAL && s.approval() != null
        && s.approval().rejectedBy() == null && s.approval().missing() > 0).toList();
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  public record Step(String id, String action, StepStatus status, int attempts, Instant startedAt, Long durationMillis,
                     String lastFailure, Progress progress, Approval approval) {}

  /** An approval gate: the two-person rule is {@code required = 2} with distinct approvers. */
  public record Approval(String role, int required, List<String> approvers, Instant deadline,
                         String rejectedBy, String rejectionReason) {
    public int missing() {
      return Math.max(0, required - approvers.size());
    }
  }

  /** The last {@code CommandProgressed} of a step's command. */
  public record Progress(long itemsDone, Long itemsTotal, Double percentDone, Double itemsPerSecond, String message,
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
      return Duration.ofSeconds((long) Math.ceil(Math.max(0, itemsTotal - itemsDone) / itemsPerSecond));
    }
  }

  /** The incident's audit chain as the orchestrator closed it. */
  public record Closure(String closedBy, String reason, Instant closedAt, String chainHead, String signingKeyId) {}

  /** One timeline line. */
  public record Entry(Instant at, String type, String stepId, int attempt, String text) {}
}
