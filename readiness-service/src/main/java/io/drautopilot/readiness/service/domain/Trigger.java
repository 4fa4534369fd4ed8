package io.drautopilot.readiness.service.domain;

/** What made an assessment: the schedule, start-up, a request, or an event (with its id). */
public record Trigger(Kind kind, String eventId) {

  /** As in the contract's AssessmentTrigger. */
  public enum Kind {
    SCHEDULE,
    STARTUP,
    RESTORE,
    BACKUP_VERIFICATION,
    DR_DRILL,
    REQUEST
  }

  public static Trigger of(Kind kind) {
    return new Trigger(kind, null);
  }
}
