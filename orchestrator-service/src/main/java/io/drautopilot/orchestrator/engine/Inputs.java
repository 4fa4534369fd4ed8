package io.drautopilot.orchestrator.engine;

import io.drautopilot.contracts.common.Evidence;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What reaches the engine, already read from whatever transport carried it. */
public final class Inputs {

  private Inputs() {}

  /**
   * {@code subjects}: what the detection's evidence points at, by name (principalName, accessKeyId, ...).
   * {@code publishedAt}: when the detector published it (its event time), at or after {@code detectedAt}
   * (when the problem was first classified): nothing the detection causes can be earlier.
   * {@code symptoms}: that evidence, which the timeline records with the opening or joining signal.
   */
  public record Detection(
      String eventId,
      String incidentId,
      String correlationId,
      String fingerprint,
      String scenario,
      String severity,
      String region,
      List<String> affectedResources,
      Instant impactStartedAt,
      Instant detectedAt,
      String detectorId,
      Map<String, String> subjects,
      Instant publishedAt,
      List<Evidence> symptoms) {

    public Detection {
      subjects = subjects == null ? Map.of() : Map.copyOf(subjects);
      symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
      publishedAt =
          publishedAt == null || publishedAt.isBefore(detectedAt) ? detectedAt : publishedAt;
    }

    public Detection(
        String eventId,
        String incidentId,
        String correlationId,
        String fingerprint,
        String scenario,
        String severity,
        String region,
        List<String> affectedResources,
        Instant impactStartedAt,
        Instant detectedAt,
        String detectorId,
        Map<String, String> subjects) {
      this(
          eventId,
          incidentId,
          correlationId,
          fingerprint,
          scenario,
          severity,
          region,
          affectedResources,
          impactStartedAt,
          detectedAt,
          detectorId,
          subjects,
          detectedAt,
          List.of());
    }

    public Detection(
        String eventId,
        String incidentId,
        String correlationId,
        String fingerprint,
        String scenario,
        String severity,
        String region,
        List<String> affectedResources,
        Instant impactStartedAt,
        Instant detectedAt,
        String detectorId) {
      this(
          eventId,
          incidentId,
          correlationId,
          fingerprint,
          scenario,
          severity,
          region,
          affectedResources,
          impactStartedAt,
          detectedAt,
          detectorId,
          Map.of());
    }
  }

  /** One command result: success with outputs, or a failure with its code and whether a retry may help. */
  public record StepResult(
      String eventId,
      String stepId,
      int attempt,
      Instant occurredAt,
      boolean succeeded,
      Map<String, String> outputs,
      String code,
      String message,
      boolean retryable) {}

  public record Approval(
      String eventId,
      String stepId,
      String approver,
      List<String> roles,
      boolean approve,
      String comment,
      Instant at) {}

  public record Acknowledgement(String eventId, String acknowledgedBy, String note, Instant at) {}

  /** A person was shown the incident's breach subjects unredacted ({@code subjectNames}: which, never their values). */
  public record SubjectsViewed(
      String eventId, String viewedBy, List<String> subjectNames, String readPath, Instant at) {}

  public record Cancellation(String eventId, String requestedBy, String reason, Instant at) {}

  public record Tick(String eventId, Instant at) {}

  /** The detector no longer sees the problem behind the incident's fingerprint. */
  public record ConditionCleared(
      String eventId, String detectorId, String region, Instant clearedAt) {}
}
