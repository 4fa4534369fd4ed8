package io.drautopilot.orchestrator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the engine knows about one incident; stored durably between inputs. */
public class IncidentState {

  /**
   * RUNNING: steps proceed; BLOCKED: a failure was escalated, waiting for people; COMPENSATING:
   * undoing; FAILED: the recovery failed, paged and re-paged until someone acknowledges, then CLOSED.
   */
  public enum Phase {
    RUNNING,
    BLOCKED,
    COMPENSATING,
    FAILED,
    CLOSED
  }

  public enum StepStatus {
    PENDING,
    AWAITING_APPROVAL,
    RUNNING,
    RETRY_WAIT,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  public static class StepState {
    public StepStatus status = StepStatus.PENDING;
    public int attempt;
    public Instant startedAt;

    /** Step timeout, retry time or approval deadline, depending on the status. */
    public Instant deadline;

    public Instant finishedAt;
    public Map<String, String> outputs = new LinkedHashMap<>();
    public Map<String, String> parameters = new LinkedHashMap<>();
    public List<String> approvers = new ArrayList<>();
    public String failure;
    public boolean compensation;
  }

  /** A line of the incident's timeline as shown by the API; the events themselves are on Kafka. */
  public record Note(
      String type, Instant at, String stepId, int attempt, String eventId, String detail) {}

  public String incidentId;
  public String correlationId;
  public String fingerprint;
  public String runbookId;
  public Integer runbookVersion;
  public String scenario;
  public String severity;
  public String region;
  public String detectorId;
  public String detectorEventId;
  public List<String> affectedResources = new ArrayList<>();

  /** The tables the runbook's per-table steps act on, fixed at opening (null in state written before). */
  public List<String> resources;

  /** What the detections' evidence points at, by name; the first detection to name one wins. */
  public Map<String, String> subjects = new java.util.TreeMap<>();

  public Instant impactStartedAt;

  /** When a detector last reported the condition cleared while the incident was open (null: never). */
  public Instant conditionClearedAt;

  public String conditionClearedBy;
  public Instant detectedAt;
  public Instant openedAt;
  public Instant lastTime;
  public Phase phase = Phase.RUNNING;
  public boolean resolved;
  public String outcome;
  public Instant resolvedAt;
  public Long measuredRtoSeconds;
  public Long measuredRpoSeconds;
  public boolean acknowledged;
  public String acknowledgedBy;
  public int escalationLevel;
  public int escalationsRaised;
  public Instant lastEscalatedAt;

  /** Why the recovery failed (the step and its failure), for the pages and the closing reason. */
  public String failureReason;

  public boolean reportRequested;
  public boolean rtoAtRiskRaised;
  public int notifications;
  public int signals = 1;
  public List<String> compensationQueue = new ArrayList<>();
  public Map<String, StepState> steps = new LinkedHashMap<>();
  public List<Note> timeline = new ArrayList<>();

  public boolean isOpen() {
    return phase != Phase.CLOSED;
  }
}
